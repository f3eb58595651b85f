import "server-only";
import type { PgBoss } from "pg-boss";
import { takeOutstandingSnapshot } from "@/lib/dashboard/server/take-snapshot";
import { runKeyExpiry } from "@/lib/jobs/server/key-expiry";
import { deliverOutbox } from "@/lib/jobs/server/outbox";

// What runs when. Every schedule is in UTC. pg-boss fires a schedule once per slot across
// all instances; the start-up run of the key-expiry sweep is a job with a singleton key per
// 15-minute slot, so ten instances starting together create one job. Each job is also safe
// to run twice (its work is conditional and deduplicated), which covers a retry after a crash.

export const JOBS = {
  "key-expiry": { cron: "0 2 * * *", run: () => runKeyExpiry({ now: new Date() }) },
  outbox: { cron: "* * * * *", run: () => deliverOutbox({ now: new Date() }) },
  "outstanding-snapshot": { cron: "10 0 * * *", run: () => takeOutstandingSnapshot(new Date()) },
} as const satisfies Record<string, { cron: string; run: () => Promise<unknown> }>;

export type JobName = keyof typeof JOBS;

export async function registerJobs(boss: PgBoss): Promise<void> {
  for (const [name, job] of Object.entries(JOBS) as Array<[JobName, (typeof JOBS)[JobName]]>) {
    // stately: at most one waiting and one running, so a slow run never piles up copies.
    await boss.createQueue(name, { policy: "stately", retryLimit: 3, retryDelay: 60, retryBackoff: true });
    await boss.schedule(name, job.cron, null, { tz: "UTC", missed: "once" });
    await boss.work(name, { batchSize: 1 }, async () => {
      const started = Date.now();
      const result = await job.run();
      console.info(`job ${name}: ${JSON.stringify(result ?? {})} in ${Date.now() - started} ms`);
      return result;
    });
  }
  await boss.send(
    "key-expiry",
    { trigger: "start-up" },
    { singletonKey: "start-up", singletonSeconds: 15 * 60 },
  );
}
