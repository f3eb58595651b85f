import "server-only";
import { changedFields } from "@/lib/audit/diff";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller, RecordChange } from "@/lib/auth/server/caller";
import type {
  TCreateConnectorBody,
  TNewConnectorFields,
  TSharedWith,
  TUpdateConnectorBody,
} from "@/lib/catalog/schemas";
import { connectorDependents, connectorRevokeImpact, loadDependents } from "@/lib/catalog/server/dependents";
import { rederiveService } from "@/lib/catalog/server/rederive-service";
import {
  assertActivePeople,
  assertDepartments,
  assertFutureExpiry,
} from "@/lib/catalog/server/validate-catalog";
import { connectorSelect, toConnectorView } from "@/lib/catalog/server/views";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/cursor";
import { conflict, notFound, unprocessable } from "@/lib/http/errors";
import { checkReference, referenceMessage } from "@/lib/secrets/references";
import { refuseSecrets } from "@/lib/secrets/refuse";

// The shared-key connector catalog, written by IT. Every change that can alter what a
// connector satisfies (a new one, its expiry, its sharing) re-derives every automation that
// signs in to its service, in the same transaction, set-based (lib/catalog/server/rederive-service.ts).
//
// LOCK ORDER: the connector row, then the automations (re-derivation locks them in id order),
// as revokeConnector and the decision on a request do, so none of them can deadlock another.

const SET_BASED = { maxWait: 10_000, timeout: 60_000 };

const sharingOf = (sharedWith: TSharedWith) => ({
  sharing: sharedWith === "ALL" ? ("ALL" as const) : ("DEPARTMENTS" as const),
  departmentIds: sharedWith === "ALL" ? [] : sharedWith,
});

/**
 * Validates and inserts a connector with its department links and audit event, inside the
 * caller's transaction. Used by POST /connectors and by approving a connector request;
 * `field` prefixes the names in 422 answers ("connector.keyExpiresAt").
 */
export async function insertConnector(
  tx: Tx,
  input: TNewConnectorFields & { service: string },
  context: { actor: AuditActor; creatorId: string; now: Date; field?: string },
): Promise<{ id: string; name: string; service: string }> {
  const prefix = context.field ? `${context.field}.` : "";
  assertFutureExpiry(input.keyExpiresAt, context.now, `${prefix}keyExpiresAt`);
  const { sharing, departmentIds } = sharingOf(input.sharedWith);
  await assertDepartments(tx, departmentIds, `${prefix}sharedWith`);
  const ownerId = input.ownerId ?? context.creatorId;
  await assertActivePeople(tx, [ownerId], `${prefix}ownerId`);
  // What is written is what the audit event records as `after`.
  const fields = {
    name: input.name,
    service: input.service,
    ownerTeam: input.ownerTeam,
    ownerId,
    keyStore: input.keyStore,
    keyReference: input.keyReference,
    keyExpiresAt: input.keyExpiresAt,
    ...connectorApi(input),
    sharing,
  };
  const connector = await tx.connector.create({
    data: {
      ...fields,
      createdById: context.creatorId,
      departments: { create: departmentIds.map((departmentId) => ({ departmentId })) },
    },
    select: { id: true, name: true, service: true },
  });
  await recordAudit(tx, {
    actor: context.actor,
    action: "connector.created",
    entityType: "Connector",
    entityId: connector.id,
    after: { ...fields, departmentIds },
  });
  return connector;
}

/** The API IT approved, as stored: absent fields are null (scopes: none). */
function connectorApi(input: Partial<Pick<TNewConnectorFields, ConnectorApiField>>) {
  return {
    vendor: input.vendor ?? null,
    baseUrl: input.baseUrl ?? null,
    authScheme: input.authScheme ?? null,
    scopes: input.scopes ?? [],
    dataClassification: input.dataClassification ?? null,
  };
}

type ConnectorApiField = "vendor" | "baseUrl" | "authScheme" | "scopes" | "dataClassification";

/** POST /connectors (IT): 201 with the connector; the automations of its service re-derive. */
export async function createConnector({ caller, input }: { caller: Caller; input: TCreateConnectorBody }) {
  refuseSecrets(input);
  const actor = callerActor(caller);
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const created = await insertConnector(tx, input, { actor, creatorId: caller.id, now });
    await rederiveService(tx, created.service, {
      actor,
      now,
      cause: "connector.created",
      message: `Connector “${created.name}” for “${created.service}” was added to the catalog.`,
    });
    const row = await tx.connector.findUniqueOrThrow({ where: { id: created.id }, select: connectorSelect });
    return toConnectorView(row, caller, now);
  }, SET_BASED);
}

/**
 * PATCH /connectors/{id} (IT), guarded by version. A new expiry date for an EXPIRED connector
 * (its key was rotated) makes it APPROVED again; a REVOKED one stays revoked.
 */
export async function updateConnector({ caller, id, input }: RecordChange<TUpdateConnectorBody>) {
  if (!isUuid(id)) throw notFound("Connector");
  refuseSecrets(input);
  const actor = callerActor(caller);
  const now = new Date();

  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ status: string; version: number }>>`
      select status::text as status, version from connectors where id = ${id}::uuid for update`;
    if (!locked) throw notFound("Connector");
    const before = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorSelect });
    if (locked.version !== input.version || locked.status === "REVOKED") {
      throw conflict(
        locked.status === "REVOKED"
          ? "This connector is revoked and can no longer be changed; add a new one instead."
          : `This connector changed meanwhile (it is now at version ${locked.version}). Review it and try again.`,
        { current: toConnectorView(before, caller, now) },
      );
    }
    if (input.keyExpiresAt) assertFutureExpiry(input.keyExpiresAt, now);
    assertKeyReferenceFits(input, before);
    const sharing = input.sharedWith ? sharingOf(input.sharedWith) : undefined;
    if (sharing) await assertDepartments(tx, sharing.departmentIds);
    if (input.ownerId) await assertActivePeople(tx, [input.ownerId], "ownerId");
    const renewed = locked.status === "EXPIRED" && input.keyExpiresAt !== undefined;

    await tx.connector.update({
      where: { id },
      data: {
        name: input.name,
        ownerTeam: input.ownerTeam,
        ownerId: input.ownerId,
        keyStore: input.keyStore,
        keyReference: input.keyReference,
        keyExpiresAt: input.keyExpiresAt,
        vendor: input.vendor,
        baseUrl: input.baseUrl,
        authScheme: input.authScheme,
        scopes: input.scopes,
        dataClassification: input.dataClassification,
        sharing: sharing?.sharing,
        ...(renewed ? { status: "APPROVED" as const } : {}),
        version: { increment: 1 },
      },
    });
    if (sharing) {
      await tx.connectorDepartment.deleteMany({ where: { connectorId: id } });
      await tx.connectorDepartment.createMany({
        data: sharing.departmentIds.map((departmentId) => ({ connectorId: id, departmentId })),
      });
    }
    const after = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorSelect });
    await recordAudit(tx, {
      actor,
      action: "connector.updated",
      entityType: "Connector",
      entityId: id,
      ...changedFields(auditShape(before), auditShape(after)),
    });
    // The name is in the prerequisites' "satisfied by" text, so a rename re-derives too
    // (notifying nobody: no status changes).
    if (input.keyExpiresAt || sharing || after.name !== before.name) {
      await rederiveService(tx, after.service, {
        actor,
        now,
        cause: "connector.updated",
        message: renewed
          ? `The key of connector “${after.name}” was renewed until ${after.keyExpiresAt.toISOString().slice(0, 10)}.`
          : `Connector “${after.name}” for “${after.service}” was changed by IT.`,
      });
    }
    return toConnectorView(after, caller, now);
  }, SET_BASED);
}

type ConnectorRow = Prisma.ConnectorGetPayload<{ select: typeof connectorSelect }>;

/**
 * A change of the key's store or reference alone is checked here, against the other half as
 * stored (the schema checks the two when both are sent): 422 naming the field sent.
 */
function assertKeyReferenceFits(
  input: Pick<TUpdateConnectorBody, "keyStore" | "keyReference">,
  current: Pick<ConnectorRow, "keyStore" | "keyReference">,
): void {
  if (input.keyStore === undefined && input.keyReference === undefined) return;
  const store = input.keyStore ?? current.keyStore;
  const finding = checkReference(store, input.keyReference ?? current.keyReference);
  if (!finding) return;
  if (finding.rule === "secret") {
    // A new reference that looks like a key was refused by the schema; this is the stored one.
    const message = `The connector's stored keyReference looks like a secret (${finding.what}): send a new keyReference with keyStore.`;
    throw unprocessable(message, { keyReference: message });
  }
  const field = input.keyReference === undefined ? "keyStore" : "keyReference";
  const message =
    input.keyReference === undefined
      ? `The connector's keyReference does not fit keyStore ${store}: send a new keyReference with it. ${referenceMessage(store, finding.problem, "keyReference")}`
      : referenceMessage(store, finding.problem, "keyReference");
  throw unprocessable(message, { [field]: message });
}

function auditShape(row: ConnectorRow): Record<string, unknown> {
  return {
    name: row.name,
    ownerTeam: row.ownerTeam,
    ownerId: row.owner?.id ?? null,
    keyStore: row.keyStore,
    keyReference: row.keyReference,
    keyExpiresAt: row.keyExpiresAt.toISOString(),
    vendor: row.vendor,
    baseUrl: row.baseUrl,
    authScheme: row.authScheme,
    scopes: row.scopes,
    dataClassification: row.dataClassification,
    status: row.status,
    sharing: row.sharing,
    departmentIds: row.departments.map((link) => link.department.id).sort(),
    version: row.version,
  };
}

/** GET /connectors/{id}: any signed-in person; dependents within what the caller may see. */
export async function getConnector({ caller, id }: { caller: Caller; id: string }) {
  if (!isUuid(id)) throw notFound("Connector");
  const row = await prisma.connector.findUnique({ where: { id }, select: connectorSelect });
  if (!row) throw notFound("Connector");
  const dependents = await loadDependents(caller, connectorDependents(id));
  return { ...toConnectorView(row, caller), dependents };
}

/** GET /connectors/{id}/impact?action=revoke (IT): the blast radius, before confirming. */
export async function getConnectorImpact({ id }: { caller: Caller; id: string }) {
  if (!isUuid(id)) throw notFound("Connector");
  const exists = await prisma.connector.count({ where: { id } });
  if (exists === 0) throw notFound("Connector");
  return connectorRevokeImpact(prisma, id, new Date());
}
