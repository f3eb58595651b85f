import "server-only";
import { type AuditActor, recordAudit, recordAuditMany } from "@/lib/audit/server/record-audit";
import type { Tx } from "@/lib/db";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";

// A person leaves: the one place that says what that means, whoever decided it (an ADMIN on
// the people page, or the identity provider over SCIM with active:false or a delete). It runs
// in the caller's transaction, so the leave, its consequences and their audit events commit
// together. Reactivating the person later gives none of it back.

/** Why the person was deactivated, kept in the audit event. */
export type LeaveCause = "ADMIN" | "SCIM_INACTIVE" | "SCIM_DELETE";

export interface LeaveResult {
  /** False when the person was already inactive: nothing was changed or recorded. */
  changed: boolean;
  tokensRevoked: number;
  /** Automations flagged as having lost their owner (ownerMissing LEFT). */
  automationsOrphaned: number;
  requestsCancelled: number;
}

const NOTHING: LeaveResult = {
  changed: false,
  tokensRevoked: 0,
  automationsOrphaned: 0,
  requestsCancelled: 0,
};

export const LEAVER_REQUEST_REASON =
  "Cancelled: the person who asked for this has left. The automation's new owner can ask again.";

export class LastAdminError extends Error {
  constructor() {
    super("At least one active ADMIN must remain. Make someone else ADMIN first.");
    this.name = "LastAdminError";
  }
}

/**
 * Deactivates a person:
 * - their sessions end and their API tokens are revoked for good;
 * - each automation they own (not retired) is flagged ownerMissing LEFT, since now: it joins the
 *   list of automations without an active owner, for a manager to reassign;
 * - their pending requests are cancelled (the prerequisites they were for are derived again) and
 *   their line manager and the managers of those automations' departments are told.
 * Decisions they made stay, attributed to them. Refused (LastAdminError) when it would leave no
 * active ADMIN.
 */
export async function deactivatePerson(
  tx: Tx,
  input: { userId: string; actor: AuditActor; cause: LeaveCause; at?: Date },
): Promise<LeaveResult> {
  const at = input.at ?? new Date();
  const { userId, actor } = input;
  // Conditional on still being active: two leaves of the same person record one event.
  const { count } = await tx.user.updateMany({
    where: { id: userId, active: true },
    data: { active: false, sessionsRevokedAt: at },
  });
  if (count === 0) return NOTHING;
  const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } });
  if (admins === 0) throw new LastAdminError();
  const tokensRevoked = (
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } })
  ).count;

  const orphaned = await tx.automation.updateManyAndReturn({
    where: { ownerId: userId, status: { not: "RETIRED" }, ownerMissing: null },
    data: { ownerMissing: "LEFT", ownerMissingSince: at },
    select: { id: true, name: true, departmentId: true },
  });
  const cancelled = await tx.request.updateManyAndReturn({
    where: { requesterId: userId, status: "PENDING" },
    data: {
      status: "CANCELLED",
      decisionReason: LEAVER_REQUEST_REASON,
      decidedAt: at,
      version: { increment: 1 },
    },
    select: { id: true, version: true, automationId: true, departmentId: true },
  });

  await recordAudit(tx, {
    actor,
    action: "user.deactivated",
    entityType: "User",
    entityId: userId,
    before: { active: true },
    after: {
      active: false,
      cause: input.cause,
      sessionsEnded: true,
      tokensRevoked,
      automationsOrphaned: orphaned.length,
      requestsCancelled: cancelled.length,
    },
  });
  await recordAuditMany(tx, [
    ...orphaned.map((automation) => ({
      actor,
      action: "automation.owner_left",
      entityType: "Automation",
      entityId: automation.id,
      before: { ownerMissing: null },
      after: { ownerMissing: "LEFT", ownerMissingSince: at, ownerId: userId },
    })),
    ...cancelled.map((request) => ({
      actor,
      action: "request.cancelled",
      entityType: "Request",
      entityId: request.id,
      before: { status: "PENDING", version: request.version - 1 },
      after: { status: "CANCELLED", version: request.version, reason: LEAVER_REQUEST_REASON, leaver: true },
    })),
  ]);
  if (cancelled.length > 0) {
    await rederiveAutomations(
      tx,
      cancelled.map((request) => request.automationId),
      { actor, cause: "user.deactivated", now: at },
    );
  }
  if (orphaned.length > 0 || cancelled.length > 0) await tellManagers(tx, userId, orphaned, cancelled.length);
  return {
    changed: true,
    tokensRevoked,
    automationsOrphaned: orphaned.length,
    requestsCancelled: cancelled.length,
  };
}

/** One notice to each active manager concerned: the leaver's line manager and their departments' managers. */
async function tellManagers(
  tx: Tx,
  userId: string,
  orphaned: { departmentId: string }[],
  requestsCancelled: number,
): Promise<void> {
  const leaver = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, departmentId: true, lineManagerId: true },
  });
  const departmentIds = [
    ...new Set([
      ...orphaned.map((row) => row.departmentId),
      ...(leaver.departmentId ? [leaver.departmentId] : []),
    ]),
  ];
  const managers = await tx.user.findMany({
    where: {
      active: true,
      id: { not: userId },
      OR: [
        ...(leaver.lineManagerId ? [{ id: leaver.lineManagerId }] : []),
        { managedDepartments: { some: { departmentId: { in: departmentIds } } } },
      ],
    },
    select: { id: true },
  });
  const parts = [
    orphaned.length > 0
      ? `${orphaned.length} automation${orphaned.length === 1 ? "" : "s"} they owned need${orphaned.length === 1 ? "s" : ""} a new owner`
      : null,
    requestsCancelled > 0
      ? `${requestsCancelled} pending request${requestsCancelled === 1 ? " was" : "s were"} cancelled`
      : null,
  ].filter(Boolean);
  await notify(
    tx,
    managers.map((manager) => ({
      userId: manager.id,
      kind: "user.left",
      title: `${leaver.name} has left`,
      body: `${parts.join("; ")}.`,
      link: "/automations",
    })),
  );
}
