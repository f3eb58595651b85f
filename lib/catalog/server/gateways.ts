import "server-only";
import { changedFields } from "@/lib/audit/diff";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller, RecordChange } from "@/lib/auth/server/caller";
import {
  dataSourceKey,
  type TCreateGatewayBody,
  type TDataSource,
  type TNewGatewayFields,
  type TUpdateGatewayBody,
} from "@/lib/catalog/schemas";
import { gatewayDependents, gatewayStatusImpact, loadDependents } from "@/lib/catalog/server/dependents";
import { assertActivePeople } from "@/lib/catalog/server/validate-catalog";
import { dataSourcesOf, gatewayDetailSelect, toGatewayView } from "@/lib/catalog/server/views";
import { prisma, type Tx } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { AppError, conflict, notFound } from "@/lib/http/errors";
import { notifyOwners, statusChangeMessage } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { refuseSecrets } from "@/lib/secrets/refuse";

// Gateways and machine groups, written by IT. A status change re-derives every automation
// assigned to the gateway at once (set-based) and tells their owners; the assignments stay,
// so an offline gateway shows as the reason its automations are blocked.
//
// LOCK ORDER: the gateway row, then its automations (in id order, by re-derivation).

const SET_BASED = { maxWait: 10_000, timeout: 60_000 };

type GatewayRow = Awaited<ReturnType<typeof loadGateway>>;
const loadGateway = (tx: Tx, id: string) =>
  tx.gateway.findUniqueOrThrow({ where: { id }, select: gatewayDetailSelect });

function nameTaken(name: string, field: string) {
  return new AppError("CONFLICT", `A gateway named “${name}” already exists.`, {
    [field]: "Already in the catalog: pick it instead, or choose another name.",
  });
}

/**
 * Inserts a gateway with its audit event in the caller's transaction (POST /gateways, and
 * approving a gateway request with a new one). `field` prefixes names in error answers.
 */
export async function insertGateway(
  tx: Tx,
  input: TNewGatewayFields & { adminIds?: string[]; dataSources?: TDataSource[] },
  context: { actor: AuditActor; field?: string },
): Promise<{ id: string; name: string }> {
  const prefix = context.field ? `${context.field}.` : "";
  const adminIds = input.adminIds ?? [];
  await assertActivePeople(tx, adminIds, `${prefix}adminIds`);
  // Checked first for a clear answer; the unique index still decides a race (P2002 → 409).
  if ((await tx.gateway.count({ where: { name: input.name } })) > 0) {
    throw nameTaken(input.name, `${prefix}name`);
  }
  const gateway = await tx.gateway.create({
    data: {
      name: input.name,
      kind: input.kind,
      cluster: input.cluster,
      host: input.host,
      region: input.region,
      dataSources: input.dataSources ?? [],
      admins: { create: adminIds.map((userId) => ({ userId })) },
    },
    select: { id: true, name: true },
  });
  await recordAudit(tx, {
    actor: context.actor,
    action: "gateway.created",
    entityType: "Gateway",
    entityId: gateway.id,
    after: { ...input, adminIds, dataSources: input.dataSources ?? [], status: "ONLINE" },
  });
  return gateway;
}

/**
 * Adds a data source to a gateway's list unless it is there already (same type, server and
 * database, ignoring case): approving a gateway request records what the gateway now serves.
 * The caller holds the gateway's row lock (FOR NO KEY UPDATE or stronger). The version moves,
 * so an edit form opened before cannot write the list back without it.
 */
export async function addDataSource(
  tx: Tx,
  gatewayId: string,
  source: TDataSource,
  actor: AuditActor,
): Promise<boolean> {
  const row = await tx.gateway.findUniqueOrThrow({
    where: { id: gatewayId },
    select: { dataSources: true, version: true },
  });
  const before = dataSourcesOf(row.dataSources);
  const key = dataSourceKey(source);
  if (before.some((listed) => dataSourceKey(listed) === key)) return false;
  const after = [...before, source];
  await tx.gateway.update({
    where: { id: gatewayId },
    data: { dataSources: after, version: { increment: 1 } },
  });
  await recordAudit(tx, {
    actor,
    action: "gateway.data_source_added",
    entityType: "Gateway",
    entityId: gatewayId,
    before: { dataSources: before, version: row.version },
    after: { dataSources: after, version: row.version + 1 },
  });
  return true;
}

export async function createGateway({ caller, input }: { caller: Caller; input: TCreateGatewayBody }) {
  refuseSecrets(input);
  const actor = callerActor(caller);
  return withUniqueName(input.name, "name", () =>
    prisma.$transaction(async (tx) => {
      const { id } = await insertGateway(tx, input, { actor });
      return { ...toGatewayView(await loadGateway(tx, id)), dependents: emptyDependents() };
    }),
  );
}

/** PATCH /gateways/{id} (IT), guarded by version. DECOMMISSIONED is final. */
export async function updateGateway({ caller, id, input }: RecordChange<TUpdateGatewayBody>) {
  if (!isUuid(id)) throw notFound("Gateway");
  refuseSecrets(input);
  const actor = callerActor(caller);
  const now = new Date();

  const gateway = await withUniqueName(input.name, "name", () =>
    prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<Array<{ status: string; version: number }>>`
        select status::text as status, version from gateways where id = ${id}::uuid for update`;
      if (!locked) throw notFound("Gateway");
      const before = await loadGateway(tx, id);
      if (locked.version !== input.version) {
        throw conflict(
          `This gateway changed meanwhile (it is now at version ${locked.version}). Review it and try again.`,
          { current: toGatewayView(before) },
        );
      }
      const statusChanges = input.status !== undefined && input.status !== locked.status;
      if (statusChanges && locked.status === "DECOMMISSIONED") {
        throw conflict("This gateway is decommissioned; register a new one instead of bringing it back.", {
          current: toGatewayView(before),
        });
      }
      if (input.adminIds) await assertActivePeople(tx, input.adminIds, "adminIds");
      if (
        input.name &&
        input.name !== before.name &&
        (await tx.gateway.count({ where: { name: input.name } }))
      ) {
        throw nameTaken(input.name, "name");
      }
      await tx.gateway.update({
        where: { id },
        data: {
          name: input.name,
          cluster: input.cluster,
          host: input.host,
          region: input.region,
          status: input.status,
          dataSources: input.dataSources,
          version: { increment: 1 },
        },
      });
      if (input.adminIds) {
        await tx.gatewayAdmin.deleteMany({ where: { gatewayId: id } });
        await tx.gatewayAdmin.createMany({
          data: input.adminIds.map((userId) => ({ gatewayId: id, userId })),
        });
      }
      const after = await loadGateway(tx, id);
      await recordAudit(tx, {
        actor,
        action: statusChanges ? "gateway.status_changed" : "gateway.updated",
        entityType: "Gateway",
        entityId: id,
        ...changedFields(auditShape(before), auditShape(after)),
      });
      // The name is in the prerequisites' texts, so a rename re-derives too (no status changes).
      if (statusChanges || after.name !== before.name)
        await rederiveGatewayDependents(tx, after, {
          actor,
          now,
          cause: statusChanges ? "gateway.status_changed" : "gateway.updated",
        });
      return toGatewayView(after);
    }, SET_BASED),
  );
  // Read after the commit, so the dependents show the statuses the change gave them.
  return { ...gateway, dependents: await loadDependents(caller, gatewayDependents(id)) };
}

async function rederiveGatewayDependents(
  tx: Tx,
  gateway: GatewayRow,
  context: { actor: AuditActor; now: Date; cause: string },
): Promise<void> {
  const assigned = await tx.automation.findMany({ where: { gatewayId: gateway.id }, select: { id: true } });
  const result = await rederiveAutomations(
    tx,
    assigned.map((row) => row.id),
    { actor: context.actor, cause: context.cause, now: context.now },
  );
  const what = gateway.kind === "MACHINE_GROUP" ? "Machine group" : "Gateway";
  const message =
    gateway.status === "ONLINE"
      ? `${what} “${gateway.name}” is back ONLINE.`
      : `${what} “${gateway.name}” is now ${gateway.status}; automations assigned to it cannot reach on-premises systems. Request another gateway.`;
  await notifyOwners(tx, result.statusChanges, statusChangeMessage("gateway.status_changed", message));
}

function auditShape(row: GatewayRow): Record<string, unknown> {
  return {
    name: row.name,
    cluster: row.cluster,
    host: row.host,
    region: row.region,
    status: row.status,
    dataSources: row.dataSources,
    adminIds: row.admins.map((link) => link.user.id).sort(),
    version: row.version,
  };
}

/** A concurrent insert of the same name loses on the unique index: the same 409 as the check. */
async function withUniqueName<T>(
  name: string | undefined,
  field: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (name && (error as { code?: string }).code === "P2002") throw nameTaken(name, field);
    throw error;
  }
}

function emptyDependents() {
  return { automations: [], total: 0, departments: 0 };
}

export async function getGateway({ caller, id }: { caller: Caller; id: string }) {
  if (!isUuid(id)) throw notFound("Gateway");
  const row = await prisma.gateway.findUnique({ where: { id }, select: gatewayDetailSelect });
  if (!row) throw notFound("Gateway");
  return { ...toGatewayView(row), dependents: await loadDependents(caller, gatewayDependents(id)) };
}

/** GET /gateways/{id}/impact?status=… (IT): the blast radius, before confirming. */
export async function getGatewayImpact({ id }: { caller: Caller; id: string }) {
  if (!isUuid(id)) throw notFound("Gateway");
  if ((await prisma.gateway.count({ where: { id } })) === 0) throw notFound("Gateway");
  return gatewayStatusImpact(prisma, id);
}
