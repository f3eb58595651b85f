import "server-only";
import type PgBoss from "pg-boss";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { takeOutstandingSnapshot } from "@/lib/dashboard/server/take-snapshot";
import { prisma } from "@/lib/db";
import { variablesWithPrefix } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { deleteExpiredIdempotencyKeys } from "@/lib/http/server/idempotency";
import { IMPORT_QUEUE, type QueuedImportJob, runQueuedImport } from "@/lib/inventory/server/import-jobs";
import { startSyncRun } from "@/lib/inventory/server/sync-run";
import { syncSettings } from "@/lib/inventory/server/sync-settings";
import { runKeyExpiry } from "@/lib/jobs/server/key-expiry";
import { deliverOutbox } from "@/lib/jobs/server/outbox";
import { log, withLogContext } from "@/lib/log";
import { countJobRun } from "@/lib/metrics";
import { inSpan } from "@/lib/tracing";

// What runs when. Every schedule is in UTC. pg-boss fires a schedule once per slot across
// all instances. A slot that passed while no instance ran is not fired later, so the key-expiry
// sweep also runs at start-up, and so does the snapshot when today's is missing: jobs with a
// singleton key per 15-minute slot, so ten instances starting together create one each. Each
// job is also safe to run twice (its work is conditional and deduplicated), which covers a
// retry after a crash.
//
// A run that did nothing says nothing (the outbox runs every minute): a job logs a line only
// when it changed something, and always when it failed.

type Trigger = "schedule" | "start-up";

interface ScheduledJob {
  cron: string;
  run: (trigger: Trigger) => Promise<unknown>;
  /** Whether a run's result is worth a log line. */
  didSomething: (result: unknown) => boolean;
  /**
   * How long a run may stay active before pg-boss fails it (and retries it). A queue runs one
   * job at a time, so the run of an instance that died holds its queue until then; pg-boss's
   * default is 15 minutes.
   */
  expireInSeconds?: number;
}

function job<R>(
  cron: string,
  run: (trigger: Trigger) => Promise<R>,
  didSomething: (result: R) => boolean,
): ScheduledJob {
  return { cron, run, didSomething: (result) => result != null && didSomething(result as R) };
}

export const JOBS = {
  /** Connector keys that expire, and Idempotency-Keys past their 24 hours. */
  "key-expiry": job(
    "0 2 * * *",
    async () => ({
      ...(await runKeyExpiry({ now: new Date() })),
      idempotencyKeysDeleted: await deleteExpiredIdempotencyKeys(),
    }),
    (r) => r.expired + r.notified + r.reminders + r.idempotencyKeysDeleted > 0,
  ),
  outbox: {
    ...job(
      "* * * * *",
      () => deliverOutbox({ now: new Date() }),
      (r) => r.sent + r.retrying + r.failed > 0,
    ),
    // Just above a batch's transaction timeout (5 min, lib/jobs/server/outbox.ts).
    expireInSeconds: 6 * 60,
  },
  "outstanding-snapshot": job(
    "10 0 * * *",
    async (trigger) => {
      const now = new Date();
      if (trigger === "start-up" && (await hasSnapshot(now))) return null;
      return takeOutstandingSnapshot(now);
    },
    () => false,
  ),
  /** The live sync, nightly by default (INVENTORY_SYNC_SCHEDULE); nothing when it is not set up. */
  "inventory-sync": job(
    syncSchedule(),
    async () => {
      if (!syncSettings().configured) return null;
      try {
        return { started: await startSyncRun(SYSTEM_ACTOR("inventory sync"), false) };
      } catch (error) {
        // A sync still running (started by hand) is not a failure of the schedule.
        if (error instanceof AppError && error.code === "CONFLICT") return null;
        throw error;
      }
    },
    () => true,
  ),
} as const satisfies Record<string, ScheduledJob>;

function syncSchedule(): string {
  const given = variablesWithPrefix("INVENTORY_SYNC_").INVENTORY_SYNC_SCHEDULE?.trim();
  return given && /^(\S+\s+){4}\S+$/.test(given) ? given : "30 1 * * *";
}

export type JobName = keyof typeof JOBS;

const AT_START_UP: JobName[] = ["key-expiry", "outstanding-snapshot"];

export async function registerJobs(boss: PgBoss): Promise<void> {
  for (const [name, scheduled] of Object.entries(JOBS) as Array<[JobName, ScheduledJob]>) {
    // stately: at most one waiting and one running, so a slow run never piles up copies.
    const queue: PgBoss.Queue = {
      name,
      policy: "stately",
      retryLimit: 3,
      retryDelay: 60,
      retryBackoff: true,
      ...(scheduled.expireInSeconds ? { expireInSeconds: scheduled.expireInSeconds } : {}),
    };
    await createQueue(boss, queue);
    // A queue made by an earlier version keeps its settings otherwise.
    if (scheduled.expireInSeconds) await boss.updateQueue(name, queue);
    await boss.schedule(name, scheduled.cron, {}, { tz: "UTC" });
    await boss.work<{ trigger?: Trigger }>(name, { batchSize: 1 }, ([queued]) =>
      withLogContext({ job: name, jobId: queued?.id }, () =>
        inSpan(`job ${name}`, { "preflight.job": name, "preflight.job_id": queued?.id ?? "" }, async () => {
          const started = Date.now();
          try {
            const result = await scheduled.run(queued?.data?.trigger ?? "schedule");
            countJobRun(name, "ok");
            if (scheduled.didSomething(result)) {
              log().info({ result, ms: Date.now() - started }, "job changed something");
            }
            return result;
          } catch (error) {
            countJobRun(name, "failed");
            log().error(
              {
                err: error instanceof Error ? error.message : String(error),
                ms: Date.now() - started,
              },
              "job failed",
            );
            throw error;
          }
        }),
      ),
    );
  }
  await registerWorkers(boss);
  for (const name of AT_START_UP) {
    await boss.send(name, { trigger: "start-up" }, { singletonKey: "start-up", singletonSeconds: 15 * 60 });
  }
}

/** Queues of work sent on demand (not on a schedule), each with its worker. */
async function registerWorkers(boss: PgBoss): Promise<void> {
  await createQueue(boss, { name: IMPORT_QUEUE, retryLimit: 2, retryDelay: 30, retryBackoff: true });
  await boss.work<QueuedImportJob>(IMPORT_QUEUE, { batchSize: 1 }, async ([queued]) => {
    if (queued) await runQueuedImport(queued);
  });
}

/**
 * pg-boss 10 creates a queue (a row and a table partition) without a lock of its own: instances
 * starting together can deadlock there, and Postgres then aborts one of them, which tries again
 * (creating a queue that exists does nothing).
 */
async function createQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(queue.name, queue);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || !(code === "40P01" || code === "23505" || code === "42P07")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** Whether the outstanding snapshot of `now`'s UTC day was taken. */
async function hasSnapshot(now: Date): Promise<boolean> {
  const day = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return (await prisma.outstandingSnapshot.findFirst({ where: { day }, select: { day: true } })) !== null;
}
