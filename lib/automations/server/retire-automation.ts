import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit, recordAuditMany } from "@/lib/audit/server/record-audit";
import type { VersionedChange } from "@/lib/auth/server/caller";
import { automationRetireScope } from "@/lib/auth/server/scope";
import { assertAutomationId, staleVersion } from "@/lib/automations/server/automation-writes";
import { type AutomationView, readAutomation } from "@/lib/automations/server/get-automation";
import { prisma } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/http/errors";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";

const CANCEL_REASON = "Cancelled: the automation was retired.";

/**
 * Retires an automation (its owner, or an ADMIN): status RETIRED, its pending requests
 * cancelled so they leave IT's queue, prerequisites re-derived — one transaction.
 */
export async function retireAutomation({ caller, id, version }: VersionedChange): Promise<AutomationView> {
  assertAutomationId(id);
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const current = await readAutomation(caller, id, { tx });
    if (!current) throw notFound("Automation");
    if (current.status === "RETIRED") {
      throw conflict("This automation is already retired.", { current });
    }
    const retirable = { AND: [{ id }, automationRetireScope(caller)] };
    const now = new Date();
    const { count } = await tx.automation.updateMany({
      where: { AND: [retirable, { version, status: { not: "RETIRED" } }] },
      data: { status: "RETIRED", retiredAt: now, version: { increment: 1 } },
    });
    if (count === 0) {
      if ((await tx.automation.count({ where: retirable })) === 0) {
        throw forbidden("Only the automation's owner or an administrator can retire it.");
      }
      throw staleVersion((await readAutomation(caller, id, { tx })) ?? current);
    }

    // Conditional on PENDING, so a request withdrawn or decided meanwhile is left alone.
    const cancelled = await tx.request.updateManyAndReturn({
      where: { automationId: id, status: "PENDING" },
      data: { status: "CANCELLED", decisionReason: CANCEL_REASON, decidedAt: now, version: { increment: 1 } },
      select: { id: true, version: true },
    });
    await recordAudit(tx, {
      actor,
      action: "automation.retired",
      entityType: "Automation",
      entityId: id,
      before: { status: current.status, version: current.version },
      after: { status: "RETIRED", version: current.version + 1, retiredAt: now },
    });
    await recordAuditMany(
      tx,
      cancelled.map((request) => ({
        actor,
        action: "request.cancelled",
        entityType: "Request",
        entityId: request.id,
        before: { status: "PENDING", version: request.version - 1 },
        after: { status: "CANCELLED", version: request.version, reason: CANCEL_REASON },
      })),
    );
    await rederiveAutomations(tx, [id], { actor, cause: "automation.retired" });
    return (await readAutomation(caller, id, { tx }))!;
  });
}
