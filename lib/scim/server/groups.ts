import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MAX_PAGE_SIZE } from "@/lib/scim/constants";
import { scimBadRequest, scimConflict, scimNotFound } from "@/lib/scim/errors";
import { type DesiredGroup, readGroupResource, toGroupResource } from "@/lib/scim/group-resource";
import { applyPatch, listResponse, readEqFilter, UUID, unsupportedFilter } from "@/lib/scim/server/protocol";
import { syncScimRoles } from "@/lib/scim/server/scim-roles";
import { scimBaseUrl } from "@/lib/scim/server/users";
import { normalizeOperations } from "@/lib/scim/user-resource";

// SCIM Groups (RFC 7644 §3): the identity provider's groups and their members. A group an ADMIN
// mapped to a role gives its members that role (source SCIM); every membership change brings
// the members' SCIM roles in line, in the same transaction. A delete keeps the row (deletedAt).

const select = {
  id: true,
  displayName: true,
  externalId: true,
  role: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { userId: true }, orderBy: { userId: "asc" } },
} satisfies Prisma.ScimGroupSelect;

type Row = Prisma.ScimGroupGetPayload<{ select: typeof select }>;

const resource = (row: Row) => toGroupResource(row, scimBaseUrl());

async function findLive(tx: Tx, id: string): Promise<Row> {
  const row = UUID.test(id) ? await tx.scimGroup.findFirst({ where: { id, deletedAt: null }, select }) : null;
  if (!row) throw scimNotFound("Group");
  return row;
}

export async function getScimGroup(id: string) {
  return resource(await findLive(prisma as unknown as Tx, id));
}

export async function listScimGroups(query: URLSearchParams) {
  const startIndex = Math.max(1, whole(query.get("startIndex"), 1));
  const count = Math.min(Math.max(0, whole(query.get("count"), MAX_PAGE_SIZE)), MAX_PAGE_SIZE);
  const filter = query.get("filter");
  const where: Prisma.ScimGroupWhereInput = { deletedAt: null, ...(filter ? filterWhere(filter) : {}) };
  // Entra asks for groups without their members (excludedAttributes=members): spare the read.
  const withMembers = !/\bmembers\b/i.test(query.get("excludedAttributes") ?? "");
  const [totalResults, rows] = await Promise.all([
    prisma.scimGroup.count({ where }),
    prisma.scimGroup.findMany({
      where,
      select: withMembers ? select : { ...select, members: { select: { userId: true }, take: 0 } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: startIndex - 1,
      take: count,
    }),
  ]);
  return listResponse(
    totalResults,
    startIndex,
    rows.map((row) => {
      const group = resource(row);
      if (withMembers) return group;
      const { members: _members, ...rest } = group;
      return rest;
    }),
  );
}

function whole(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || Math.abs(value) > 1_000_000_000)
    throw scimBadRequest("invalidValue", "startIndex and count must be whole numbers.");
  return value;
}

function filterWhere(filter: string): Prisma.ScimGroupWhereInput {
  const { attrPath, value } = readEqFilter(filter, 'displayName eq "…", externalId eq "…", id eq "…"');
  switch (attrPath.toLowerCase()) {
    case "displayname":
      return { displayName: value };
    case "externalid":
      return UUID.test(value) ? { externalId: value.toLowerCase() } : { id: { in: [] } };
    case "id":
      return UUID.test(value) ? { id: value.toLowerCase() } : { id: { in: [] } };
    default:
      throw unsupportedFilter(attrPath);
  }
}

export async function createScimGroup(body: unknown, actor: AuditActor) {
  const desired = readGroupResource(body, { clearAbsent: false });
  return prisma.$transaction(async (tx) => {
    const existing = desired.externalId
      ? await tx.scimGroup.findUnique({
          where: { externalId: desired.externalId },
          select: { ...select, deletedAt: true },
        })
      : null;
    if (existing && !existing.deletedAt)
      throw scimConflict("This group is already provisioned; read it with an externalId filter.");
    if (existing) {
      // Deleted and pushed again: the same group comes back, its role mapping with it.
      await tx.scimGroup.update({ where: { id: existing.id }, data: { deletedAt: null } });
      return resource(await apply(tx, existing, desired, actor, "scim_group.provisioned"));
    }
    const created = await tx.scimGroup.create({
      data: { displayName: desired.displayName, externalId: desired.externalId ?? null },
      select,
    });
    return resource(await apply(tx, created, desired, actor, "scim_group.provisioned"));
  });
}

export async function replaceScimGroup(id: string, body: unknown, actor: AuditActor) {
  const desired = readGroupResource(body, { clearAbsent: true });
  return prisma.$transaction(async (tx) => resource(await apply(tx, await findLive(tx, id), desired, actor)));
}

/** PATCH: Entra's add / remove of members and replace of displayName, applied by scim-patch. */
export async function patchScimGroup(id: string, body: unknown, actor: AuditActor) {
  const operations = normalizeOperations(body).map((operation) => {
    const path = operation.path ? canonicalGroupPath(operation.path) : undefined;
    // Members are compared whole by the library: both sides are reduced to { value }, so that
    // Entra's { "$ref": null, value } finds the member it names.
    const value =
      path === "members" && Array.isArray(operation.value)
        ? operation.value.map(memberValue)
        : operation.value;
    return { ...operation, ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) };
  });
  return prisma.$transaction(async (tx) => {
    const row = await findLive(tx, id);
    const before = resource(row);
    const patchable = { ...before, members: before.members.map((member) => ({ value: member.value })) };
    const desired = readGroupResource(applyPatch(patchable, operations, "group"), { clearAbsent: true });
    return resource(await apply(tx, row, desired, actor));
  });
}

function memberValue(member: unknown): unknown {
  if (typeof member !== "object" || member === null) return member;
  const entry = Object.entries(member).find(([key]) => key.toLowerCase() === "value");
  return { value: typeof entry?.[1] === "string" ? entry[1].toLowerCase() : entry?.[1] };
}

function canonicalGroupPath(path: string): string {
  const head = path.split(/[.[]/)[0] ?? "";
  const known = ["displayName", "members", "externalId"].find(
    (name) => name.toLowerCase() === head.toLowerCase(),
  );
  return known ? known + path.slice(head.length) : path;
}

export async function deleteScimGroup(id: string, actor: AuditActor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await findLive(tx, id);
    const memberIds = row.members.map((member) => member.userId);
    await tx.scimGroup.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
    await tx.scimGroupMember.deleteMany({ where: { groupId: row.id } });
    await recordAudit(tx, {
      actor,
      action: "scim_group.deprovisioned",
      entityType: "ScimGroup",
      entityId: row.id,
      before: { displayName: row.displayName, members: memberIds.length, role: row.role },
    });
    await syncScimRoles(tx, memberIds, actor);
  });
}

/** Stores what differs, records it, and brings the affected members' SCIM roles in line. */
async function apply(
  tx: Tx,
  row: Row,
  desired: DesiredGroup,
  actor: AuditActor,
  action = "scim_group.updated",
): Promise<Row> {
  const fields: Prisma.ScimGroupUpdateInput = {};
  if (desired.displayName !== row.displayName) fields.displayName = desired.displayName;
  if (desired.externalId !== undefined && desired.externalId !== row.externalId)
    fields.externalId = desired.externalId;
  const before = row.members.map((member) => member.userId);
  const added = desired.memberIds?.filter((userId) => !before.includes(userId)) ?? [];
  const removed = desired.memberIds ? before.filter((userId) => !desired.memberIds!.includes(userId)) : [];
  if (added.length > 0) {
    const known = await tx.user.count({
      where: { id: { in: added }, scimUserName: { not: null }, scimDeletedAt: null },
    });
    if (known !== added.length)
      throw scimBadRequest(
        "invalidValue",
        "A member is not a user provisioned here; provision the user first.",
      );
  }
  const changed = Object.keys(fields).length > 0 || added.length > 0 || removed.length > 0;
  if (!changed && action === "scim_group.updated") return row;
  if (Object.keys(fields).length > 0) await tx.scimGroup.update({ where: { id: row.id }, data: fields });
  if (removed.length > 0)
    await tx.scimGroupMember.deleteMany({ where: { groupId: row.id, userId: { in: removed } } });
  if (added.length > 0)
    await tx.scimGroupMember.createMany({
      data: added.map((userId) => ({ groupId: row.id, userId })),
      skipDuplicates: true,
    });
  await recordAudit(tx, {
    actor,
    action,
    entityType: "ScimGroup",
    entityId: row.id,
    before: { displayName: row.displayName, externalId: row.externalId },
    after: {
      displayName: desired.displayName,
      externalId: desired.externalId ?? row.externalId,
      membersAdded: added,
      membersRemoved: removed,
    },
  });
  await syncScimRoles(tx, [...added, ...removed], actor);
  return tx.scimGroup.findUniqueOrThrow({ where: { id: row.id }, select });
}
