/**
 * Runs a background job once, now, for operators (the job queue runs them on schedule):
 *
 *   npm run jobs -- run key-expiry   expire connectors whose key expired; send expiry reminders
 *   npm run jobs -- run outbox       deliver pending e-mail notifications (SMTP_URL)
 *   npm run jobs -- run snapshot     record today's outstanding-prerequisite counts
 *
 * Safe while the app runs: each job is idempotent and claims its rows in the database.
 * Prints the job's result as JSON. Needs DATABASE_URL. Exit codes: 0 ok, 1 error, 2 usage.
 */
import { ensureServerCondition } from "./lib/server-condition";

const USAGE = "Usage: npm run jobs -- run <key-expiry|outbox|snapshot>";

async function run(job: string): Promise<unknown> {
  switch (job) {
    case "key-expiry":
      return (await import("@/lib/jobs/server/key-expiry")).runKeyExpiry({ now: new Date() });
    case "outbox":
      return (await import("@/lib/jobs/server/outbox")).deliverOutbox({ now: new Date() });
    case "snapshot":
      return (await import("@/lib/dashboard/server/take-snapshot")).takeOutstandingSnapshot(new Date());
    default:
      return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, job] = argv;
  if (command !== "run" || !job || !["key-expiry", "outbox", "snapshot"].includes(job)) {
    console.error(USAGE);
    return 2;
  }
  const started = Date.now();
  const result = await run(job);
  console.log(JSON.stringify({ job, result: result ?? null, ms: Date.now() - started }));
  return 0;
}

ensureServerCondition();
main(process.argv.slice(2))
  .then(async (code) => {
    const { pool } = await import("../lib/db");
    await pool().end();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
