import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { registerJobs } from "@/lib/jobs/server/schedule";

// The job queue: pg-boss on the app's own Postgres (schema "pgboss", created by pg-boss on
// first start). Every app instance starts one; pg-boss coordinates them through the
// database, so a schedule fires once per slot however many instances run, and a job is
// worked by one of them. No timers of our own.

const globalForJobs = globalThis as unknown as { preflightJobs?: Promise<PgBoss> };

export function createBoss(connectionString = env().DATABASE_URL): PgBoss {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4 });
  // Without a listener an error event would crash the process; the queue retries by itself.
  boss.on("error", (error) => console.error("job queue:", error.message));
  return boss;
}

/** Starts the queue once per process (a development reload reuses it): schedules and workers. */
export function startJobs(): Promise<PgBoss> {
  globalForJobs.preflightJobs ??= (async () => {
    const boss = createBoss();
    await boss.start();
    await registerJobs(boss);
    return boss;
  })().catch((error) => {
    globalForJobs.preflightJobs = undefined;
    throw error;
  });
  return globalForJobs.preflightJobs;
}

/** Lets running jobs finish (their work is transactional either way) and closes the pool. */
export async function stopJobs(): Promise<void> {
  const running = globalForJobs.preflightJobs;
  globalForJobs.preflightJobs = undefined;
  if (running) await (await running).stop({ graceful: true, timeout: 20_000 });
}
