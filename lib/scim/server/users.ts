import "server-only";
import { deactivatePerson, recordReactivation } from "@/lib/admin/server/deactivate-person";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import { prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { takeOverImportedFlows } from "@/lib/inventory/server/owners";
import { likeLiteral } from "@/lib/like-literal";
import { MAX_PAGE_SIZE } from "@/lib/scim/constants";
import { scimBadRequest, scimConflict, scimNotFound } from "@/lib/scim/errors";
import { applyPatch, listResponse, readEqFilter, UUID, unsupportedFilter } from "@/lib/scim/server/protocol";
import {
  type DesiredUser,
  normalizeOperations,
  readUserResource,
  toUserResource,
  type UserRecord,
} from "@/lib/scim/user-resource";

// SCIM Users (RFC 7644 §3) on Preflight's people. A person is visible here once SCIM provisioned
// them (scimUserName set) and until SCIM deleted them (scimDeletedAt): a delete deactivates and
// hides, never removes. A push that changes nothing writes nothing, audit trail included.

const select = {
  id: true,
  email: true,
  name: true,
  active: true,
  knownFrom: true,
  scimUserName: true,
  entraObjectId: true,
  scimDeletedAt: true,
  departmentId: true,
  department: { select: { name: true } },
  lineManagerId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof select }>;

const visible = { scimUserName: { not: null }, scimDeletedAt: null } satisfies Prisma.UserWhereInput;

export const scimBaseUrl = () => `${env().APP_URL.replace(/\/$/, "")}/scim/v2`;
const resource = (row: UserRecord) => toUserResource(row, scimBaseUrl());

async function findVisible(tx: Tx, id: string): Promise<Row> {
  const row = UUID.test(id) ? await tx.user.findFirst({ where: { id, ...visible }, select }) : null;
  if (!row) throw scimNotFound();
  return row;
}

export async function getScimUser(id: string) {
  return resource(await findVisible(prisma as unknown as Tx, id));
}

/** GET /Users: every provisioned person, or those a `userName eq` / `externalId eq` filter names. */
export async function listScimUsers(query: URLSearchParams) {
  const startIndex = positive(query.get("startIndex"), 1, "startIndex");
  const count = Math.min(positive(query.get("count"), MAX_PAGE_SIZE, "count", 0), MAX_PAGE_SIZE);
  const filter = query.get("filter");
  const where: Prisma.UserWhereInput = { ...visible, ...(filter ? filterWhere(filter) : {}) };
  const [totalResults, rows] = await Promise.all([
    prisma.user.count({ where }),
    count === 0
      ? Promise.resolve([])
      : prisma.user.findMany({
          where,
          select,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: startIndex - 1,
          take: count,
        }),
  ]);
  return listResponse(totalResults, startIndex, rows.map(resource));
}

function positive(raw: string | null, fallback: number, name: string, min = 1): number {
  if (raw === null || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value > 1_000_000_000)
    throw scimBadRequest("invalidValue", `${name} must be a whole number.`);
  // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
  return Math.max(value, min);
}

/** The filters Entra ID sends: `userName eq "…"`, `externalId eq "…"` (and `id eq "…"`). */
function filterWhere(filter: string): Prisma.UserWhereInput {
  const { attrPath, value: raw } = readEqFilter(filter, 'userName eq "…", externalId eq "…", id eq "…"');
  const value = raw.toLowerCase();
  switch (attrPath.toLowerCase()) {
    case "username":
    case "urn:ietf:params:scim:schemas:core:2.0:user:username":
      return { scimUserName: value };
    case "externalid":
      return UUID.test(value) ? { entraObjectId: value } : { id: { in: [] } };
    case "id":
      return UUID.test(value) ? { id: value } : { id: { in: [] } };
    default:
      throw unsupportedFilter(attrPath);
  }
}

/**
 * POST /Users. A person Preflight already knows — from their sign-in or an inventory import, by
 * Entra object id, userName or e-mail — is taken over rather than duplicated; one SCIM already
 * provisions is a 409 (the identity provider then reads it with a filter).
 */
export async function createScimUser(body: unknown, actor: AuditActor) {
  const desired = readUserResource(body, { clearAbsent: false });
  if (!desired.email)
    throw scimBadRequest("invalidValue", "An e-mail address is required (emails or userName).");
  return prisma.$transaction(async (tx) => {
    const matches = await tx.user.findMany({
      where: {
        OR: [
          ...(desired.externalId ? [{ entraObjectId: desired.externalId }] : []),
          { scimUserName: desired.userName },
          { email: { in: [...new Set([desired.email!, desired.userName])] } },
        ],
      },
      select,
    });
    if (matches.length > 1)
      throw scimConflict("The userName, e-mail and externalId belong to different people here.");
    const existing = matches[0];
    if (existing?.scimUserName && !existing.scimDeletedAt)
      throw scimConflict("This user is already provisioned; read it with a userName or externalId filter.");
    const row = await apply(tx, existing ?? null, desired, actor);
    return { status: 201, row: resource(row) };
  });
}

/** PUT /Users/{id}: the whole resource; what it leaves out is cleared. */
export async function replaceScimUser(id: string, body: unknown, actor: AuditActor) {
  const desired = readUserResource(body, { clearAbsent: true });
  return prisma.$transaction(async (tx) =>
    resource(await apply(tx, await findVisible(tx, id), desired, actor)),
  );
}

/** PATCH /Users/{id}: the operations applied (by scim-patch) to the resource, then stored as a PUT would. */
export async function patchScimUser(id: string, body: unknown, actor: AuditActor) {
  const operations = normalizeOperations(body);
  return prisma.$transaction(async (tx) => {
    const row = await findVisible(tx, id);
    const before = resource(row);
    const patched = applyPatch(structuredClone(before), operations, "user") as Record<string, unknown>;
    keepNameFromParts(before, patched);
    const desired = readUserResource(patched, { clearAbsent: true });
    return resource(await apply(tx, row, desired, actor));
  });
}

/**
 * Preflight keeps one name. When a PATCH changes only name.givenName / familyName, the name is
 * rebuilt from them if both are there; from one part alone it cannot be, and stays as it was
 * (Entra sends displayName as well when it is mapped).
 */
function keepNameFromParts(before: ReturnType<typeof resource>, patched: Record<string, unknown>): void {
  if (patched.displayName !== before.displayName) return;
  const name = patched.name as Record<string, unknown> | undefined;
  if (!name || JSON.stringify(name) === JSON.stringify(before.name)) return;
  if (name.formatted !== before.name.formatted) {
    delete patched.displayName;
    return;
  }
  if (name.givenName && name.familyName) {
    delete patched.displayName;
    delete name.formatted;
  }
}

/** DELETE /Users/{id}: deactivated (a leaver) and answered 404 from then on; nothing is removed. */
export async function deleteScimUser(id: string, actor: AuditActor): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await findVisible(tx, id);
    const at = new Date();
    await deactivatePerson(tx, { userId: row.id, actor, cause: "SCIM_DELETE", at });
    await tx.user.update({ where: { id: row.id }, data: { scimDeletedAt: at } });
    await recordAudit(tx, {
      actor,
      action: "user.deprovisioned",
      entityType: "User",
      entityId: row.id,
      before: { provisioned: true },
      after: { provisioned: false },
    });
  });
}

/** Stores a desired state on a person (new when `existing` is null); writes only what differs. */
async function apply(tx: Tx, existing: Row | null, desired: DesiredUser, actor: AuditActor): Promise<Row> {
  const departmentId =
    desired.department === undefined
      ? undefined
      : desired.department === null
        ? null
        : await departmentFor(tx, desired.department, actor);
  const lineManagerId =
    desired.managerRef === undefined ? undefined : await managerFor(tx, desired.managerRef, existing?.id);

  if (!existing) {
    const created = await tx.user.create({
      data: {
        email: desired.email!,
        name: desired.name ?? desired.userName,
        scimUserName: desired.userName,
        entraObjectId: desired.externalId ?? null,
        knownFrom: "SCIM",
        active: desired.active ?? true,
        departmentId: departmentId ?? null,
        lineManagerId: lineManagerId ?? null,
      },
      select,
    });
    await recordAudit(tx, {
      actor,
      action: "user.provisioned",
      entityType: "User",
      entityId: created.id,
      after: snapshot(created),
    });
    return created;
  }

  const wanted: Partial<Snapshot> = {
    email: desired.email,
    name: desired.name,
    scimUserName: desired.userName,
    entraObjectId: desired.externalId,
    departmentId,
    lineManagerId,
  };
  const current = snapshot(existing);
  const changed = (Object.keys(wanted) as (keyof Snapshot)[]).filter(
    (key) => wanted[key] !== undefined && wanted[key] !== current[key],
  );
  // A person first seen in an inventory import (inactive until now) is SCIM's from here on.
  const takeOver =
    existing.knownFrom === "INVENTORY" || existing.scimDeletedAt !== null || !existing.scimUserName;
  if (changed.length > 0 || takeOver) {
    await tx.user.update({
      where: { id: existing.id },
      data: {
        ...Object.fromEntries(changed.map((key) => [key, wanted[key]])),
        ...(existing.knownFrom === "INVENTORY" ? { knownFrom: "SCIM" as const } : {}),
        ...(existing.scimDeletedAt ? { scimDeletedAt: null } : {}),
      },
    });
    await recordAudit(tx, {
      actor,
      action: takeOver ? "user.provisioned" : "user.updated",
      entityType: "User",
      entityId: existing.id,
      before: Object.fromEntries(changed.map((key) => [key, current[key]])),
      after: Object.fromEntries(changed.map((key) => [key, wanted[key]])),
    });
  }
  if (desired.active === false && existing.active) {
    await deactivatePerson(tx, { userId: existing.id, actor, cause: "SCIM_INACTIVE" });
  } else if (desired.active === true && !existing.active && existing.knownFrom === "INVENTORY") {
    // Known only as a flow's owner from an inventory import: provisioning them is their account,
    // and the flows imported with them as owner have an active owner now.
    await tx.user.update({ where: { id: existing.id }, data: { active: true } });
    await takeOverImportedFlows(tx, { userId: existing.id, actor, now: new Date() });
  } else if (desired.active === true && !existing.active) {
    // Reactivated: the person may sign in again; tokens, sessions and ownership stay revoked.
    await tx.user.update({ where: { id: existing.id }, data: { active: true } });
    await recordReactivation(tx, actor, existing.id);
  }
  return tx.user.findUniqueOrThrow({ where: { id: existing.id }, select });
}

type Snapshot = ReturnType<typeof snapshot>;

function snapshot(row: Row) {
  return {
    email: row.email,
    name: row.name,
    scimUserName: row.scimUserName,
    entraObjectId: row.entraObjectId,
    departmentId: row.departmentId,
    lineManagerId: row.lineManagerId,
    active: row.active,
  };
}

/** Departments are matched by name ignoring case, and created when new. */
async function departmentFor(tx: Tx, name: string, actor: AuditActor): Promise<string> {
  const found = await tx.department.findFirst({
    where: { name: { equals: likeLiteral(name), mode: "insensitive" } },
    select: { id: true },
  });
  if (found) return found.id;
  // Two pushes naming the same new department at once: the second waits on the unique name and
  // then finds nothing to insert.
  const [created] = await tx.$queryRaw<{ id: string }[]>`
    insert into departments (name, "updatedAt") values (${name}, now())
    on conflict (name) do nothing returning id::text as id`;
  if (!created) {
    const again = await tx.department.findFirst({
      where: { name: { equals: likeLiteral(name), mode: "insensitive" } },
      select: { id: true },
    });
    if (again) return again.id;
    throw scimConflict(`The department ${name} could not be created.`);
  }
  await recordAudit(tx, {
    actor,
    action: "department.created",
    entityType: "Department",
    entityId: created.id,
    after: { name },
  });
  return created.id;
}

/** The manager by SCIM id (a Preflight user id) or by Entra object id. */
async function managerFor(tx: Tx, ref: string | null, selfId: string | undefined): Promise<string | null> {
  if (ref === null) return null;
  const manager = await tx.user.findFirst({
    where: { OR: [{ id: ref }, { entraObjectId: ref }] },
    select: { id: true },
  });
  if (!manager)
    throw scimBadRequest(
      "invalidValue",
      "manager names no user provisioned here; provision the manager first.",
    );
  if (manager.id === selfId) throw scimBadRequest("invalidValue", "A user cannot be their own manager.");
  return manager.id;
}
