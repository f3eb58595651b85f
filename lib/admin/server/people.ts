import "server-only";
import type { TPeopleQuery, TUpdatePersonBody } from "@/lib/admin/schemas";
import { deactivatePerson, LastAdminError, recordReactivation } from "@/lib/admin/server/deactivate-person";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { peopleScope } from "@/lib/auth/server/scope";
import { transferOwnership } from "@/lib/automations/server/reassign-automations";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role, RoleSource } from "@/lib/generated/prisma/enums";
import { notFound, unprocessable } from "@/lib/http/errors";

// People administration (ADMIN): roles given in the app, department, managed departments,
// deactivation. Every change is one transaction with its audit event.

export interface Person {
  id: string;
  email: string;
  name: string;
  active: boolean;
  department: { id: string; name: string } | null;
  roles: { role: Role; source: RoleSource }[];
  managedDepartments: { id: string; name: string }[];
  lastSignInAt: string | null;
}

const personSelect = {
  id: true,
  email: true,
  name: true,
  active: true,
  lastSignInAt: true,
  department: { select: { id: true, name: true } },
  roles: { select: { role: true, source: true }, orderBy: [{ role: "asc" }, { source: "asc" }] },
  managedDepartments: { select: { department: { select: { id: true, name: true } } } },
} satisfies Prisma.UserSelect;

type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    active: row.active,
    department: row.department,
    roles: row.roles,
    managedDepartments: row.managedDepartments
      .map((link) => link.department)
      .sort((a, b) => a.name.localeCompare(b.name)),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

export async function listPeople({
  caller,
  query,
}: {
  caller: Caller;
  query: TPeopleQuery;
}): Promise<{ items: Person[]; nextCursor: string | null }> {
  const where: Prisma.UserWhereInput = { AND: [peopleScope(caller)] };
  if (query.q) {
    where.OR = [
      { name: { contains: query.q, mode: "insensitive" } },
      { email: { contains: query.q, mode: "insensitive" } },
    ];
  }
  if (query.status !== "ALL") where.active = query.status === "ACTIVE";
  const rows = await prisma.user.findMany({
    where,
    select: personSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toPerson),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getPerson({ caller, id }: { caller: Caller; id: string }): Promise<Person> {
  const row = await prisma.user.findFirst({
    where: { AND: [{ id }, peopleScope(caller)] },
    select: personSelect,
  });
  if (!row) throw notFound("Person");
  return toPerson(row);
}

/** Snapshot for the audit trail: what this screen can change. */
function accessOf(person: Person) {
  return {
    active: person.active,
    departmentId: person.department?.id ?? null,
    appRoles: person.roles.filter((entry) => entry.source === "APP").map((entry) => entry.role),
    managedDepartmentIds: person.managedDepartments.map((department) => department.id).sort(),
  };
}

export async function updatePerson(input: {
  caller: Caller;
  id: string;
  changes: TUpdatePersonBody;
}): Promise<Person> {
  const { caller, id, changes } = input;
  if (changes.active === false && id === caller.id) {
    throw unprocessable("You cannot deactivate yourself. Ask another ADMIN.", {
      active: "You cannot deactivate yourself.",
    });
  }
  return prisma.$transaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id }, select: personSelect });
    if (!row) throw notFound("Person");
    const before = accessOf(toPerson(row));

    await checkDepartmentsExist(tx, {
      departmentId: changes.departmentId ? [changes.departmentId] : [],
      managedDepartmentIds: changes.managedDepartmentIds ?? [],
    });
    // A leaver goes through the one leave (sessions ended, tokens revoked for good, recorded);
    // reactivating later gives back neither.
    const leaving = changes.active === false && before.active;
    const actor = callerActor(caller);
    if (leaving) {
      try {
        await deactivatePerson(tx, { userId: id, actor, cause: "ADMIN" });
      } catch (error) {
        if (error instanceof LastAdminError) throw unprocessable(error.message, { active: error.message });
        throw error;
      }
      if (changes.successorId) await handOver(tx, caller, id, changes.successorId);
    }
    const reactivating = changes.active === true && !before.active;
    if (changes.departmentId !== undefined || reactivating) {
      await tx.user.update({
        where: { id },
        data: { departmentId: changes.departmentId, ...(reactivating ? { active: true } : {}) },
      });
    }
    if (changes.appRoles) {
      await tx.roleAssignment.deleteMany({
        where: { userId: id, source: "APP", role: { notIn: changes.appRoles } },
      });
      await tx.roleAssignment.createMany({
        data: changes.appRoles.map((role) => ({ userId: id, role, source: "APP" as const })),
        skipDuplicates: true,
      });
    }
    if (changes.managedDepartmentIds) {
      // The ADMIN's own rows; departments from SCIM groups follow the groups.
      await tx.departmentManager.deleteMany({
        where: { userId: id, source: "APP", departmentId: { notIn: changes.managedDepartmentIds } },
      });
      await tx.departmentManager.createMany({
        data: changes.managedDepartmentIds.map((departmentId) => ({ userId: id, departmentId })),
        skipDuplicates: true,
      });
    }
    // Whoever is changed, the portal must keep someone who can change people.
    const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } });
    if (admins === 0) {
      const message = "At least one active ADMIN must remain. Make someone else ADMIN first.";
      throw unprocessable(message, { [changes.appRoles ? "appRoles" : "active"]: message });
    }

    const updated = toPerson(await tx.user.findUniqueOrThrow({ where: { id }, select: personSelect }));
    const after = accessOf(updated);
    await auditChanges(tx, actor, id, before, after);
    return updated;
  });
}

async function auditChanges(
  tx: Tx,
  actor: AuditActor,
  userId: string,
  before: ReturnType<typeof accessOf>,
  after: ReturnType<typeof accessOf>,
): Promise<void> {
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  const fields = changed.filter((key) => key !== "active");
  if (fields.length > 0) {
    await recordAudit(tx, {
      actor,
      action: "user.updated",
      entityType: "User",
      entityId: userId,
      before: Object.fromEntries(fields.map((key) => [key, before[key]])),
      after: Object.fromEntries(fields.map((key) => [key, after[key]])),
    });
  }
  // A deactivation was recorded by deactivatePerson, with what it revoked.
  if (changed.includes("active") && after.active) await recordReactivation(tx, actor, userId);
}

/**
 * The ADMIN's successor at a leave: the automations the leaver owned (flagged LEFT by the leave
 * a moment ago) go to one active person, in the same transaction.
 */
async function handOver(tx: Tx, caller: Caller, leaverId: string, successorId: string): Promise<void> {
  const successor = await tx.user.findUnique({
    where: { id: successorId },
    select: { id: true, active: true },
  });
  if (!successor?.active || successor.id === leaverId)
    throw unprocessable("The successor must be another active person.", {
      successorId: "Choose an active person other than the one leaving.",
    });
  const rows = await tx.automation.findMany({
    where: { ownerId: leaverId, ownerMissing: "LEFT", status: { not: "RETIRED" } },
    select: { id: true, ownerId: true, ownerMissing: true, version: true, name: true },
    orderBy: { id: "asc" },
  });
  if (rows.length > 0)
    await transferOwnership(tx, { actor: callerActor(caller), by: caller, rows, owner: successor });
}

/** Refuses (422, naming the field) a department id that names no department. */
async function checkDepartmentsExist(tx: Tx, idsByField: Record<string, string[]>): Promise<void> {
  const wanted = [...new Set(Object.values(idsByField).flat())];
  if (wanted.length === 0) return;
  const rows = await tx.department.findMany({ where: { id: { in: wanted } }, select: { id: true } });
  const found = new Set(rows.map((row) => row.id));
  const field = Object.keys(idsByField).find((key) => idsByField[key]!.some((id) => !found.has(id)));
  if (field) {
    throw unprocessable("A chosen department does not exist (any more). Reload the page.", {
      [field]: "Names a department that does not exist.",
    });
  }
}
