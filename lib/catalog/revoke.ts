import "server-only";
import { callerActor } from "@/lib/audit/caller-actor";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/permissions";
import { connectorSelect, toConnectorView } from "@/lib/catalog/views";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { conflict, forbidden, notFound } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/write";
import { rederiveAutomations } from "@/lib/prerequisites/rederive";
import { refuseSecrets } from "@/lib/secrets/refuse";

// Revoking a connector that thousands of automations use is one short transaction with a
// fixed number of statements: one locked read and one update, one query for the dependents, one
// set-based re-derivation of all of them, one query for the owners hit and one insert of
// their notifications. Nothing here loops over automations with a query per row.

/**
 * Revokes a connector (IT): every automation with a SHARED_KEY system of its service is
 * re-derived at once; the owners of those that relied on it are notified.
 */
export async function revokeConnector({
  caller,
  id,
  reason,
  version,
}: {
  caller: Caller;
  id: string;
  reason: string;
  version?: number;
}) {
  if (!can(caller, "catalog:write")) throw forbidden("Only IT approvers can revoke connectors.");
  if (!isUuid(id)) throw notFound("Connector");
  refuseSecrets({ reason });
  const actor = callerActor(caller);
  const now = new Date();

  return prisma.$transaction(
    async (tx) => {
      // Locked, then checked: the audit event records the status it had, and two IT
      // approvers revoking at once get one success and one clear 409.
      const [locked] = await tx.$queryRaw<Array<{ status: string; version: number }>>`
        select status::text as status, version from connectors where id = ${id}::uuid for update`;
      if (!locked) throw notFound("Connector");
      if (locked.status === "REVOKED" || (version !== undefined && version !== locked.version)) {
        const current = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorSelect });
        throw conflict(
          locked.status === "REVOKED"
            ? "This connector is already revoked."
            : `This connector changed meanwhile (it is now at version ${locked.version}). Review it and try again.`,
          { current: toConnectorView(current, caller, now) },
        );
      }
      const revoked = await tx.connector.update({
        where: { id },
        data: { status: "REVOKED", revokedAt: now, version: { increment: 1 } },
        select: { id: true, name: true, service: true, version: true },
      });
      await recordAudit(tx, {
        actor,
        action: "connector.revoked",
        entityType: "Connector",
        entityId: id,
        before: { status: locked.status, version: locked.version },
        after: { status: "REVOKED", version: revoked.version, revokedAt: now, reason },
      });

      const dependents = await tx.$queryRaw<Array<{ id: string }>>`
        select distinct "automationId" as id from system_accesses
         where "signInMethod" = 'SHARED_KEY' and service = ${revoked.service}`;
      const result = await rederiveAutomations(
        tx,
        dependents.map((row) => row.id),
        { actor, cause: "connector.revoked", now },
      );

      // After re-derivation a prerequisite still points at this connector only when no other
      // connector took its place (it is EXPIRED because of it): exactly the owners to tell.
      const owners = await tx.$queryRaw<Array<{ ownerId: string; automations: number }>>`
        select a."ownerId", count(distinct a.id)::int as automations
          from prerequisites p join automations a on a.id = p."automationId"
         where p."connectorId" = ${id}::uuid and a.status <> 'RETIRED'
         group by a."ownerId"`;
      await notify(
        tx,
        owners.map((owner) => ({
          userId: owner.ownerId,
          kind: "connector.revoked",
          title: `Connector “${revoked.name}” was revoked`,
          body: `${owner.automations === 1 ? "One of your automations uses" : `${owner.automations} of your automations use`} it and now need${owner.automations === 1 ? "s" : ""} another connector for “${revoked.service}”. IT's reason: ${reason}`,
          link: "/automations?status=BLOCKED",
        })),
      );

      const connector = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorSelect });
      return {
        ...toConnectorView(connector, caller, now),
        impact: {
          rederivedAutomations: result.automations,
          statusChanges: result.statusChanges.length,
          notifiedOwners: owners.length,
        },
      };
    },
    // Set-based, but a company-wide connector can have thousands of dependents.
    { maxWait: 10_000, timeout: 60_000 },
  );
}
