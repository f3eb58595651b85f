import "server-only";
import { prisma } from "@/lib/db";
import { analyseImport, UnreadableImportError } from "@/lib/inventory/server/analyse";
import { runApply } from "@/lib/inventory/server/apply";
import { runSync } from "@/lib/inventory/server/sync-job";

export interface ImportJob {
  importId: string;
  step: "analyse" | "apply" | "sync";
  /** sync: apply what was read (false: a dry run, left as a preview). */
  apply?: boolean;
}

/** The job's work: one step of one import. Safe to run twice (each step checks the status). */
export async function runImportStep(data: ImportJob): Promise<void> {
  if (data.step === "sync") {
    await runSync(data.importId, data.apply ?? true).catch(async (error) => {
      await markFailed(data.importId);
      throw error;
    });
    return;
  }
  if (data.step === "analyse") {
    await analyseImport(data.importId).catch((error) => {
      if (!(error instanceof UnreadableImportError)) throw error;
    });
    return;
  }
  try {
    await runApply(data.importId);
  } catch (error) {
    await markFailed(data.importId);
    throw error;
  }
}

function markFailed(importId: string) {
  return prisma.inventoryImport.updateMany({
    where: { id: importId, status: { in: ["ANALYSING", "RUNNING"] } },
    data: {
      status: "FAILED",
      failure:
        "Stopped on an error; the batches before it are applied. Start a new import or sync to resume.",
      finishedAt: new Date(),
    },
  });
}
