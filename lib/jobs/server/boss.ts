import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import pgBossVersion from "pg-boss/version.json";
import { env } from "@/lib/env";
import { runningJobs, setRunningJobs } from "@/lib/jobs/server/queue-handle";
import { registerJobs } from "@/lib/jobs/server/schedule";
import { log } from "@/lib/log";

// The job queue: pg-boss on the app's own Postgres (schema "pgboss", created by pg-boss on
// first start). Every app instance starts one; pg-boss coordinates them through the
// database, so a schedule fires once per slot however many instances run, and a job is
// worked by one of them. No timers of our own.

const SCHEMA = "pgboss";

export function createBoss(connectionString = env().DATABASE_URL): PgBoss {
  const boss = new PgBoss({ connectionString, schema: SCHEMA, max: env().JOBS_POOL_SIZE });
  // Without a listener an error event would crash the process; the queue retries by itself.
  boss.on("error", (error) => log().warn({ err: error.message }, "job queue error; it retries by itself"));
  return boss;
}

/** Starts the queue once per process (a development reload reuses it): schedules and workers. */
export function startJobs(): Promise<PgBoss> {
  const running = runningJobs();
  if (running) return running;
  const starting = (async () => {
    await dropNewerQueueSchema(env().DATABASE_URL);
    const boss = createBoss();
    await boss.start();
    await registerJobs(boss);
    return boss;
  })().catch((error) => {
    setRunningJobs(undefined);
    throw error;
  });
  setRunningJobs(starting);
  return starting;
}

/**
 * Lets running jobs finish for up to `timeoutMs` (their work is transactional either way; one
 * still running then is marked failed, and retried by an instance that runs on) and closes the pool.
 */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  const running = runningJobs();
  setRunningJobs(undefined);
  if (!running) return;
  await (await running).stop({ graceful: true, timeout: timeoutMs });
}

/**
 * A database last used by a newer pg-boss (Preflight ran pg-boss 12, schema version 46, before
 * it moved to pg-boss 10 for Node.js 20) has tables this pg-boss cannot use and would never
 * migrate. The queue holds nothing that is not made again at start-up (schedules, the start-up
 * jobs; the e-mail outbox lives in `notifications`), so such a schema is dropped and created anew.
 */
export async function dropNewerQueueSchema(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("begin");
    // One instance at a time, so a second one never drops the schema the first just created.
    await client.query("select pg_advisory_xact_lock(hashtext('preflight:pgboss-schema'))");
    const { rows: found } = await client.query(`select to_regclass('${SCHEMA}.version') as name`);
    const installed = found[0]?.name
      ? ((await client.query(`select max(version)::int as version from ${SCHEMA}.version`)).rows[0]
          ?.version as number | null)
      : null;
    if (installed != null && installed > pgBossVersion.schema) {
      await client.query(`drop schema ${SCHEMA} cascade`);
      log().info({ schema: SCHEMA, installed }, "job queue: schema made by a newer pg-boss; created anew");
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
