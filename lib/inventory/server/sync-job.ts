import "server-only";
import { prisma } from "@/lib/db";
import { assemblePlans } from "@/lib/inventory/plan";
import type { ParseEvent } from "@/lib/inventory/records";
import { stagePlans } from "@/lib/inventory/server/analyse";
import { runApply } from "@/lib/inventory/server/apply";
import { syncSettings } from "@/lib/inventory/server/sync-settings";
import { SyncError, type SyncOptions, syncTenant } from "@/lib/inventory/server/sync-tenant";

// The live sync's job: read the tenant, stage what it read like an upload (a preview), then
// apply it unless the run is a dry run. A run retried after a crash reads the tenant again;
// applying is an upsert by (environment, flow id), so nothing is written twice.

async function* replay(events: ParseEvent[]): AsyncGenerator<ParseEvent> {
  yield* events;
}

/** The job: read the tenant, stage it (PREVIEW), then apply unless it was a dry run. */
export async function runSync(importId: string, apply: boolean, options?: SyncOptions): Promise<void> {
  const run = await prisma.inventoryImport.findUnique({ where: { id: importId }, select: { status: true } });
  if (run?.status !== "ANALYSING") return;
  const settings = syncSettings();
  const resolved = options ?? (settings.configured && "options" in settings ? settings.options : null);
  const fail = (failure: string) =>
    prisma.inventoryImport.updateMany({
      where: { id: importId, status: { in: ["ANALYSING", "RUNNING"] } },
      data: { status: "FAILED", failure, finishedAt: new Date() },
    });
  if (!resolved) {
    await fail("The live sync is not set up on the server that ran it.");
    return;
  }
  const events: ParseEvent[] = [];
  let flows = 0;
  try {
    await syncTenant(resolved, async (record) => {
      events.push({ type: "record", record });
      if (record.kind === "flow" && ++flows % 500 === 0)
        await prisma.inventoryImport.update({ where: { id: importId }, data: { progressDone: flows } });
    });
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    // The SyncError's message never holds the secret or a token (sync-tenant.ts).
    await fail(error.message);
    return;
  }
  const assembled = await assemblePlans(replay(events));
  const next = await stagePlans(importId, assembled.plans, {
    errors: assembled.errors,
    errorCount: assembled.errorCount,
    environments: assembled.environments,
    applyNext: apply,
  });
  if (next === "RUNNING") await runApply(importId);
}
