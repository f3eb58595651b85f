/**
 * Runs the bundled development identity provider on its own, for manual trials:
 *
 *   npx tsx scripts/dev-idp.ts            (then start the portal with DEV_IDP_URL=<printed issuer>)
 *
 * Environment: DEV_IDP_PORT (3901), APP_URL (http://localhost:3000), DEV_IDP_CLIENT_ID and
 * DEV_IDP_CLIENT_SECRET (the development defaults the portal also uses when they are unset).
 * `npm run dev` / `npm start` start it themselves when no production provider is configured.
 */
import { DEMO_ACCOUNTS, DEV_IDP_DEFAULTS, devIdpRedirectUri } from "../lib/auth/demo-accounts";
import { DevIdpRefused, startDevIdp } from "./lib/dev-idp";

async function main(): Promise<void> {
  const appUrl = process.env.APP_URL || "http://localhost:3000";
  const idp = await startDevIdp({
    port: Number(process.env.DEV_IDP_PORT || DEV_IDP_DEFAULTS.port),
    redirectUris: [devIdpRedirectUri(appUrl)],
    clientId: process.env.DEV_IDP_CLIENT_ID || DEV_IDP_DEFAULTS.clientId,
    clientSecret: process.env.DEV_IDP_CLIENT_SECRET || DEV_IDP_DEFAULTS.clientSecret,
  });
  console.log(`Development identity provider: ${idp.issuer}  (for the portal at ${appUrl})`);
  console.log(`Demo accounts (any password): ${DEMO_ACCOUNTS.map((account) => account.email).join(", ")}`);
  console.log(`Start the portal with DEV_IDP_URL=${idp.issuer}. Ctrl-C stops.`);
  const stop = () => {
    idp.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof DevIdpRefused ? error.message : error);
  process.exit(1);
});
