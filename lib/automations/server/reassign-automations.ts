import "server-only";
import { LEAVER_REQUEST_REASON } from "@/lib/admin/server/deactivate-person";
import { callerActor } from "@/lib/audit/server/caller-actor";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import { recordAuditMany } from "@/lib/audit/server/record-audit";
import { canAny } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { automationReassignScope } from "@/lib/auth/server/scope";
import type { TReassignAutomationsBody } from "@/lib/automations/schemas";
import { prisma, type Tx } from "@/lib/db";
import { forbidden, notFound, unprocessable } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";

/**
 * Gives automations a new owner — the way out for those without an active owner (their owner
 * left, or an inventory import found one with no account here). Their department's manager or
 * an ADMIN; all or nothing, in one transaction with an audit event per automation and one
 * notification to the new owner. The new owner must be an active person.
 */
export async function reassignAutomations(
  caller: Caller,
  input: TReassignAutomationsBody,
): Promise<{ reassigned: number; owner: { id: string; name: string; email: string } }> {
  if (!canAny(caller, ["automation:reassign:department", "automation:reassign:all"])) throw forbidden();
  const ids = [...new Set(input.automationIds)];
  return prisma.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: { email: input.ownerEmail },
      select: { id: true, name: true, email: true, active: true },
    });
    if (!owner?.active)
      throw unprocessable("ownerEmail is not an active person in Preflight.", {
        ownerEmail: "Choose someone who has signed in (or was provisioned) and is active.",
      });
    // Locked in id order, like every multi-row write (no deadlock with a concurrent one), then
    // read as they are now.
    await tx.$queryRawUnsafe(
      `select id from automations where id = any($1::uuid[]) order by id for update`,
      ids,
    );
    const rows = await tx.automation.findMany({
      where: { AND: [{ id: { in: ids } }, automationReassignScope(caller), { status: { not: "RETIRED" } }] },
      select: { id: true, ownerId: true, ownerMissing: true, version: true, name: true },
      orderBy: { id: "asc" },
    });
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((row) => row.id));
      const missing = ids.filter((id) => !found.has(id));
      throw notFound(`Automation${missing.length > 1 ? "s" : ""} ${missing.slice(0, 5).join(", ")}`);
    }
    await transferOwnership(tx, {
      actor: callerActor(caller),
      by: caller,
      rows,
      owner,
    });
    return { reassigned: rows.length, owner: { id: owner.id, name: owner.name, email: owner.email } };
  });
}

/**
 * Makes `owner` the owner of `rows` (locked by the caller), clears their owner-missing flag,
 * records an event per automation and tells the new owner once — including the requests that
 * were cancelled when the former owner left, so they can ask again. Shared by the manager's
 * reassignment and the ADMIN's successor at a leave.
 */
export async function transferOwnership(
  tx: Tx,
  input: {
    actor: AuditActor;
    by: { id: string; name: string };
    rows: ReadonlyArray<{
      id: string;
      ownerId: string;
      ownerMissing: string | null;
      version: number;
      name: string;
    }>;
    owner: { id: string };
  },
): Promise<void> {
  const { actor, by, rows, owner } = input;
  const ids = rows.map((row) => row.id);
  await tx.automation.updateMany({
    where: { id: { in: ids } },
    data: { ownerId: owner.id, ownerMissing: null, ownerMissingSince: null, version: { increment: 1 } },
  });
  await recordAuditMany(
    tx,
    rows.map((row) => ({
      actor,
      action: "automation.reassigned",
      entityType: "Automation",
      entityId: row.id,
      before: { ownerId: row.ownerId, ownerMissing: row.ownerMissing, version: row.version },
      after: { ownerId: owner.id, ownerMissing: null, version: row.version + 1 },
    })),
  );
  if (owner.id === by.id) return;
  const cancelled = await tx.request.count({
    where: { automationId: { in: ids }, status: "CANCELLED", decisionReason: LEAVER_REQUEST_REASON },
  });
  const one = rows.length === 1;
  await notify(tx, [
    {
      userId: owner.id,
      kind: "automation.reassigned",
      title: one ? `You now own “${rows[0]!.name}”` : `You now own ${rows.length} automations`,
      body: `${by.name} made you the owner${one ? "" : " of these automations"}: check how ${one ? "it signs" : "they sign"} in and what is still outstanding.${
        cancelled > 0
          ? ` ${cancelled} request${cancelled === 1 ? " was" : "s were"} cancelled when the former owner left: ask again if still needed.`
          : ""
      }`,
      link: one ? `/automations/${rows[0]!.id}` : "/automations",
    },
  ]);
}
