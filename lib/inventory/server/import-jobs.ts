import "server-only";
import { type ImportJob, runImportStep } from "@/lib/inventory/server/import-steps";
import { runningJobs } from "@/lib/jobs/server/queue-handle";
import { log, logContext, withLogContext } from "@/lib/log";
import { inSpan } from "@/lib/tracing";

// Imports are analysed and applied by the job queue, so that any instance may run them and a
// crash is retried by another. A process without the queue (a script, a test) runs the step
// itself, in the background, the same way.

export const IMPORT_QUEUE = "inventory-import";

export type { ImportJob };

/** A step as the queue holds it: with the id of the request that asked for it, for the logs. */
export type QueuedImportJob = ImportJob & { requestId?: string };

/** The step with the current request's id, so the job's log lines name the request that started it. */
export function queuedImportJob(job: ImportJob): QueuedImportJob {
  const requestId = logContext()?.requestId;
  return requestId ? { ...job, requestId } : job;
}

export async function enqueueImportJob(job: ImportJob): Promise<void> {
  const queue = runningJobs();
  if (queue) {
    await (await queue).send(IMPORT_QUEUE, queuedImportJob(job), {
      singletonKey: `${job.step}:${job.importId}`,
    });
    return;
  }
  // In this process, in the background: the request's log context carries over by itself.
  void runImportStep(job).catch((error: unknown) =>
    log().error({ err: error instanceof Error ? error.message : String(error) }, `import ${job.step} failed`),
  );
}

/** The queue's worker for one step: its log lines carry the job, the run and the request. */
export function runQueuedImport(queued: { id: string; data: QueuedImportJob }): Promise<void> {
  const { requestId, ...job } = queued.data;
  return withLogContext({ job: IMPORT_QUEUE, jobId: queued.id, ...(requestId ? { requestId } : {}) }, () =>
    inSpan(
      `job ${IMPORT_QUEUE}`,
      { "preflight.job": IMPORT_QUEUE, "preflight.job_id": queued.id },
      async () => {
        const started = Date.now();
        try {
          await runImportStep(job);
          log().info(
            { step: job.step, importId: job.importId, ms: Date.now() - started },
            "import step done",
          );
        } catch (error) {
          log().error(
            {
              step: job.step,
              importId: job.importId,
              err: error instanceof Error ? error.message : String(error),
            },
            "import step failed",
          );
          throw error;
        }
      },
    ),
  );
}
