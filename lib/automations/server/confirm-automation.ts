import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { VersionedChange } from "@/lib/auth/server/caller";
import { assertAutomationId, staleVersion } from "@/lib/automations/server/automation-writes";
import { type AutomationView, readAutomation } from "@/lib/automations/server/get-automation";
import { prisma } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/http/errors";

/**
 * The owner confirms the sign-in methods an inventory import inferred: its systems are no longer
 * "inferred from the tenant", and — being a person's word now — a later import never overwrites
 * them (the version moves past the import's). One transaction with its audit event.
 */
export async function confirmAutomation({ caller, id, version }: VersionedChange): Promise<AutomationView> {
  assertAutomationId(id);
  return prisma.$transaction(async (tx) => {
    const current = await readAutomation(caller, id, { tx });
    if (!current) throw notFound("Automation");
    if (current.ownerId !== caller.id)
      throw forbidden("Only the automation's owner can confirm how it signs in.");
    const inferred = current.systems.filter((system) => system.inferred).map((system) => system.name);
    if (current.status === "RETIRED" || inferred.length === 0)
      throw conflict("Nothing on this automation is waiting to be confirmed.", { current });
    const { count } = await tx.automation.updateMany({
      where: { id, ownerId: caller.id, version },
      data: { version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion((await readAutomation(caller, id, { tx })) ?? current);
    await tx.systemAccess.updateMany({
      where: { automationId: id, inferred: true },
      data: { inferred: false },
    });
    await recordAudit(tx, {
      actor: callerActor(caller),
      action: "automation.confirmed",
      entityType: "Automation",
      entityId: id,
      before: { inferred, version },
      after: { inferred: [], version: version + 1 },
    });
    return (await readAutomation(caller, id, { tx }))!;
  });
}
