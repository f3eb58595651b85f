import "server-only";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import { conflict, forbidden, unprocessable } from "@/lib/http/errors";
import type { ImportView } from "@/lib/inventory/contract";
import { enqueueImportJob } from "@/lib/inventory/server/import-jobs";
import { getImport, listImports } from "@/lib/inventory/server/imports";
import { syncSettings } from "@/lib/inventory/server/sync-settings";

// The live sync as an import of source LIVE_SYNC: the job reads the tenant through the admin
// APIs, stages what it read like an upload (preview), and applies it unless it was a dry run.
// One sync at a time across instances: starting one while another runs is a 409.

export async function startSync(caller: Caller, input: { dryRun: boolean }): Promise<ImportView> {
  if (!can(caller, "inventory:import")) throw forbidden();
  const settings = syncSettings();
  if (!settings.configured)
    throw unprocessable(
      "The live sync is not set up: set INVENTORY_SYNC_TOKEN_URL, INVENTORY_SYNC_CLIENT_ID and INVENTORY_SYNC_CLIENT_SECRET_VARIABLE (docs/inventory/sync.md).",
    );
  if ("problem" in settings) throw unprocessable(`The live sync's settings are wrong: ${settings.problem}.`);
  const id = await startSyncRun({ id: caller.id, label: caller.email }, input.dryRun);
  return getImport(caller, id);
}

/** Creates the run (refused while another runs) and queues it; also the nightly schedule's entry. */
export async function startSyncRun(
  actor: { id: string | null; label: string },
  dryRun: boolean,
): Promise<string> {
  const id = await prisma.$transaction(async (tx) => {
    // Two instances (or two clicks) starting at once: one waits for the other's decision.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('preflight:inventory-sync'))`;
    const running = await tx.inventoryImport.findFirst({
      where: { source: "LIVE_SYNC", status: { in: ["ANALYSING", "RUNNING"] } },
      select: { id: true, createdAt: true },
    });
    if (running)
      throw conflict(
        `A sync is already running (started ${running.createdAt.toISOString()}); wait for it to finish.`,
        {
          runningId: running.id,
        },
      );
    const createdById =
      actor.id ??
      (
        await tx.user.findFirst({
          where: { roles: { some: { role: "ADMIN" } }, active: true },
          select: { id: true },
        })
      )?.id;
    if (!createdById) throw conflict("No active ADMIN to run the scheduled sync as.");
    const row = await tx.inventoryImport.create({
      data: { source: "LIVE_SYNC", createdById },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "inventory.sync.started",
      entityType: "InventoryImport",
      entityId: row.id,
      after: { dryRun },
    });
    return row.id;
  });
  await enqueueImportJob({ importId: id, step: "sync", apply: !dryRun });
  return id;
}

export async function listSyncRuns(caller: Caller, page: { limit: number; cursor?: string }) {
  return listImports(caller, page, { source: "LIVE_SYNC" });
}
