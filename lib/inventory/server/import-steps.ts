import "server-only";
import { prisma } from "@/lib/db";
import { analyseImport, UnreadableImportError } from "@/lib/inventory/server/analyse";
import { runApply } from "@/lib/inventory/server/apply";

/** The job's work: one step of one import. Safe to run twice (each step checks the status). */
export async function runImportStep(data: { importId: string; step: "analyse" | "apply" }): Promise<void> {
  if (data.step === "analyse") {
    await analyseImport(data.importId).catch((error) => {
      if (!(error instanceof UnreadableImportError)) throw error;
    });
    return;
  }
  try {
    await runApply(data.importId);
  } catch (error) {
    await prisma.inventoryImport.updateMany({
      where: { id: data.importId, status: "RUNNING" },
      data: {
        status: "FAILED",
        failure:
          "Applying stopped on an error; the batches before it are applied. Start a new import to resume.",
        finishedAt: new Date(),
      },
    });
    throw error;
  }
}
