import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Tx } from "@/lib/db";

/**
 * A person known only from an inventory import becomes active (their first sign-in, or SCIM
 * provisioning them): the flows imported with them as owner have an active owner again, and
 * their "owner has no account here" findings close. One audit event.
 */
export async function takeOverImportedFlows(
  tx: Tx,
  { userId, actor, now }: { userId: string; actor: AuditActor; now: Date },
): Promise<void> {
  const { count } = await tx.automation.updateMany({
    where: { ownerId: userId, ownerMissing: "NOT_FOUND" },
    data: { ownerMissing: null, ownerMissingSince: null },
  });
  await tx.inventoryFinding.updateMany({
    where: { automation: { ownerId: userId }, kind: "OWNER_NOT_FOUND", resolvedAt: null },
    data: { resolvedAt: now },
  });
  await recordAudit(tx, {
    actor,
    action: "user.activated_from_inventory",
    entityType: "User",
    entityId: userId,
    before: { active: false, knownFrom: "INVENTORY" },
    after: { active: true, automationsWithOwnerAgain: count },
  });
}
