import "server-only";
import { type ImportJob, runImportStep } from "@/lib/inventory/server/import-steps";
import { runningJobs } from "@/lib/jobs/server/queue-handle";

// Imports are analysed and applied by the job queue, so that any instance may run them and a
// crash is retried by another. A process without the queue (a script, a test) runs the step
// itself, in the background, the same way.

export const IMPORT_QUEUE = "inventory-import";

export type { ImportJob };

export async function enqueueImportJob(job: ImportJob): Promise<void> {
  const queue = runningJobs();
  if (queue) {
    await (await queue).send(IMPORT_QUEUE, job, { singletonKey: `${job.step}:${job.importId}` });
    return;
  }
  void runImportStep(job).catch((error) => console.error(`import ${job.step} failed:`, error));
}
