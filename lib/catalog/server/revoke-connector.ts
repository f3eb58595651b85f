import "server-only";
import type pg from "pg";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { connectorSelect, toConnectorView } from "@/lib/catalog/server/views";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { conflict, notFound } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveServiceSlice } from "@/lib/prerequisites/server/rederive-slice";
import { refuseSecrets } from "@/lib/secrets/refuse";
import { inPgTransaction } from "@/lib/transaction";

// Revoking a connector that thousands of automations use is one short transaction with a
// fixed number of statements: one locked read and one update, one query for the dependents, one
// set-based re-derivation of their prerequisites for the connector's service (the only ones a
// revocation can change: docs/decisions/022-targeted-rederivation.md), one query for the owners
// still on the connector and one insert of their notifications. Nothing here loops over automations with a query per row. It runs on a plain pg client
// (lib/transaction.ts): the re-derivation reads and writes tens of thousands of rows.

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
  if (!isUuid(id)) throw notFound("Connector");
  refuseSecrets({ reason });
  const actor = callerActor(caller);
  const now = new Date();

  const outcome = await inPgTransaction(async (tx) => {
    // Locked, then checked: the audit event records the status it had, and two IT approvers
    // revoking at once get one success and one clear 409 (nothing is written then).
    const [locked] = (
      await tx.query<{ status: string; version: number }>(
        `select status::text as status, version from connectors where id = $1::uuid for update`,
        [id],
      )
    ).rows;
    if (!locked) throw notFound("Connector");
    if (locked.status === "REVOKED" || (version !== undefined && version !== locked.version)) {
      return { refused: locked };
    }
    const revoked = (
      await tx.query<{ name: string; service: string; version: number }>(
        `update connectors set status = 'REVOKED', "revokedAt" = $2, version = version + 1, "updatedAt" = $2
          where id = $1::uuid returning name, service, version`,
        [id, now],
      )
    ).rows[0]!;
    await recordAudit(tx, {
      actor,
      action: "connector.revoked",
      entityType: "Connector",
      entityId: id,
      before: { status: locked.status, version: locked.version },
      after: { status: "REVOKED", version: revoked.version, revokedAt: now, reason },
    });

    const { rows: dependents } = await tx.query<{ id: string }>(
      `select distinct "automationId" as id from system_accesses
        where "signInMethod" = 'SHARED_KEY' and service = $1`,
      [revoked.service],
    );
    const result = await rederiveServiceSlice(
      tx,
      [revoked.service],
      dependents.map((row) => row.id),
      { actor, cause: "connector.revoked", now },
    );

    const owners = await ownersStillOn(tx, id);
    await notify(
      tx,
      [...owners].map(([ownerId, automations]) => ({
        userId: ownerId,
        kind: "connector.revoked",
        title: `Connector “${revoked.name}” was revoked`,
        body: `${automations === 1 ? "One of your automations uses" : `${automations} of your automations use`} it and now need${automations === 1 ? "s" : ""} another connector for “${revoked.service}”. IT's reason: ${reason}`,
        link: "/automations?status=BLOCKED",
      })),
    );
    return {
      impact: {
        rederivedAutomations: result.automations,
        statusChanges: result.statusChanges.length,
        notifiedOwners: owners.size,
      },
    };
  });

  // The connector as it now is, with the relations the view shows: read through Prisma once
  // the pg transaction is over (and its connection back in the pool).
  const connector = await prisma.connector.findUniqueOrThrow({ where: { id }, select: connectorSelect });
  const view = toConnectorView(connector, caller, now);
  if (outcome.refused) {
    const { status, version: current } = outcome.refused;
    throw conflict(
      status === "REVOKED"
        ? "This connector is already revoked."
        : `This connector changed meanwhile (it is now at version ${current}). Review it and try again.`,
      { current: view },
    );
  }
  return { ...view, impact: outcome.impact };
}

/**
 * After re-derivation a prerequisite still points at the connector only when no other
 * connector took its place (it is EXPIRED because of it): exactly the owners to tell, with
 * how many of their (not retired) automations that is.
 */
async function ownersStillOn(tx: pg.ClientBase, connectorId: string): Promise<Map<string, number>> {
  const { rows } = await tx.query<{ ownerId: string; automations: number }>(
    `select a."ownerId", count(distinct a.id)::int as automations
       from prerequisites p join automations a on a.id = p."automationId"
      where p."connectorId" = $1::uuid and a.status <> 'RETIRED'
      group by a."ownerId"`,
    [connectorId],
  );
  return new Map(rows.map((row) => [row.ownerId, row.automations]));
}
