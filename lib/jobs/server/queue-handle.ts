import "server-only";
import type PgBoss from "pg-boss";

// The process's job queue once started (lib/jobs/server/boss.ts), kept apart so that work which
// sends jobs reads it without importing the queue's start-up (and the schedules that import it).

const handle = globalThis as unknown as { preflightJobs?: Promise<PgBoss> };

export function runningJobs(): Promise<PgBoss> | undefined {
  return handle.preflightJobs;
}

export function setRunningJobs(queue: Promise<PgBoss> | undefined): void {
  handle.preflightJobs = queue;
}
