import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Tx } from "@/lib/db";

// A person leaves: the one place that says what that means, whoever decided it (an ADMIN on
// the people page, or the identity provider over SCIM with active:false or a delete). It runs
// in the caller's transaction, so the leave and its audit event commit together.

/** Why the person was deactivated, kept in the audit event. */
export type LeaveCause = "ADMIN" | "SCIM_INACTIVE" | "SCIM_DELETE";

export interface LeaveResult {
  /** False when the person was already inactive: nothing was changed or recorded. */
  changed: boolean;
  tokensRevoked: number;
}

export class LastAdminError extends Error {
  constructor() {
    super("At least one active ADMIN must remain. Make someone else ADMIN first.");
    this.name = "LastAdminError";
  }
}

/**
 * Deactivates a person: their sessions end and their API tokens are revoked for good, so a later
 * reactivation gives back neither. Refused (LastAdminError) when it would leave no active ADMIN.
 */
export async function deactivatePerson(
  tx: Tx,
  input: { userId: string; actor: AuditActor; cause: LeaveCause; at?: Date },
): Promise<LeaveResult> {
  const at = input.at ?? new Date();
  // Conditional on still being active: two leaves of the same person record one event.
  const { count } = await tx.user.updateMany({
    where: { id: input.userId, active: true },
    data: { active: false, sessionsRevokedAt: at },
  });
  if (count === 0) return { changed: false, tokensRevoked: 0 };
  const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } });
  if (admins === 0) throw new LastAdminError();
  const tokensRevoked = (
    await tx.apiToken.updateMany({
      where: { userId: input.userId, revokedAt: null },
      data: { revokedAt: at },
    })
  ).count;
  await recordAudit(tx, {
    actor: input.actor,
    action: "user.deactivated",
    entityType: "User",
    entityId: input.userId,
    before: { active: true },
    after: { active: false, cause: input.cause, sessionsEnded: true, tokensRevoked },
  });
  return { changed: true, tokensRevoked };
}
