// See package.json: only `prisma dev` imports this module, and Preflight does not use it.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    "`prisma dev` is not available in Preflight: @prisma/streams-local is stubbed (package.json overrides). " +
      "Use `npm start`, which runs an embedded PostgreSQL.",
  );
}
