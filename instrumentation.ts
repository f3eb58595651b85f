// Runs once when a Next.js server starts; the work is Node.js-only (lib/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  await startServer();
}
