import "server-only";
import type { TUpdateDepartmentBody } from "@/lib/admin/schemas";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conflict, notFound, unprocessable } from "@/lib/http/errors";
import { likeLiteral } from "@/lib/like-literal";
import { maskIfSecret } from "@/lib/secrets/mask";

// Department administration (ADMIN): create, rename, managers. Every change is one
// transaction with its audit event.

export interface DepartmentDetail {
  id: string;
  name: string;
  memberCount: number;
  managers: { id: string; name: string; email: string }[];
}

const departmentSelect = {
  id: true,
  name: true,
  _count: { select: { members: true } },
  managers: { select: { user: { select: { id: true, name: true, email: true } } } },
} satisfies Prisma.DepartmentSelect;

type DepartmentRow = Prisma.DepartmentGetPayload<{ select: typeof departmentSelect }>;

function toDetail(row: DepartmentRow): DepartmentDetail {
  return {
    id: row.id,
    name: maskIfSecret(row.name),
    memberCount: row._count.members,
    managers: row.managers.map((link) => link.user).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Every department with its managers and counts, for administrators (scope: all of them). */
export async function listDepartmentDetails(_: { caller: Caller }): Promise<DepartmentDetail[]> {
  const rows = await prisma.department.findMany({ select: departmentSelect, orderBy: { name: "asc" } });
  return rows.map(toDetail);
}

export async function createDepartment(input: { caller: Caller; name: string }): Promise<DepartmentDetail> {
  return prisma.$transaction(async (tx) => {
    await checkNameFree(tx, input.name);
    const row = await tx.department.create({ data: { name: input.name }, select: departmentSelect });
    await recordAudit(tx, {
      actor: callerActor(input.caller),
      action: "department.created",
      entityType: "Department",
      entityId: row.id,
      after: { name: row.name },
    });
    return toDetail(row);
  });
}

export async function updateDepartment(input: {
  caller: Caller;
  id: string;
  changes: TUpdateDepartmentBody;
}): Promise<DepartmentDetail> {
  const { caller, id, changes } = input;
  return prisma.$transaction(async (tx) => {
    const current = await departmentBefore(tx, id);
    if (changes.name !== undefined && changes.name !== current.name) {
      await checkNameFree(tx, changes.name, id);
      await tx.department.update({ where: { id }, data: { name: changes.name } });
      await recordAudit(tx, {
        actor: callerActor(caller),
        action: "department.renamed",
        entityType: "Department",
        entityId: id,
        before: { name: current.name },
        after: { name: changes.name },
      });
    }
    if (changes.managerIds) await setManagers(tx, caller, current, changes.managerIds);
    return departmentNow(tx, id);
  });
}

export async function addDepartmentManager(input: {
  caller: Caller;
  departmentId: string;
  email: string;
}): Promise<DepartmentDetail> {
  return changeManagers(input.caller, input.departmentId, async (tx, current) => {
    const user = await tx.user.findUnique({
      where: { email: input.email.toLowerCase() },
      select: { id: true },
    });
    if (!user) {
      throw unprocessable("Nobody with that e-mail has signed in yet.", {
        email: "Nobody with this e-mail.",
      });
    }
    return [...new Set(current.managers.map((link) => link.user.id)).add(user.id)];
  });
}

export async function removeDepartmentManager(input: {
  caller: Caller;
  departmentId: string;
  userId: string;
}): Promise<DepartmentDetail> {
  return changeManagers(input.caller, input.departmentId, async (_, current) =>
    current.managers.map((link) => link.user.id).filter((id) => id !== input.userId),
  );
}

/** One change to a department's managers: the ids it should have, worked out from what it has. */
async function changeManagers(
  caller: Caller,
  departmentId: string,
  managerIds: (tx: Tx, current: DepartmentRow) => Promise<string[]>,
): Promise<DepartmentDetail> {
  return prisma.$transaction(async (tx) => {
    const current = await departmentBefore(tx, departmentId);
    await setManagers(tx, caller, current, await managerIds(tx, current));
    return departmentNow(tx, current.id);
  });
}

/** The department a change starts from, or 404. */
async function departmentBefore(tx: Tx, id: string): Promise<DepartmentRow> {
  const row = await tx.department.findUnique({ where: { id }, select: departmentSelect });
  if (!row) throw notFound("Department");
  return row;
}

/** The department's answer once the change is written. */
async function departmentNow(tx: Tx, id: string): Promise<DepartmentDetail> {
  return toDetail(await tx.department.findUniqueOrThrow({ where: { id }, select: departmentSelect }));
}

async function setManagers(
  tx: Tx,
  caller: Caller,
  current: DepartmentRow,
  managerIds: string[],
): Promise<void> {
  const wanted = [...new Set(managerIds)].sort();
  const before = current.managers.map((link) => link.user.id).sort();
  if (JSON.stringify(wanted) === JSON.stringify(before)) return;
  const found = await tx.user.count({ where: { id: { in: wanted } } });
  if (found !== wanted.length)
    throw unprocessable("A chosen manager does not exist (any more). Reload the page.", {
      managerIds: "Names a person who does not exist.",
    });
  // The ADMIN's own rows; managers from SCIM groups follow the groups.
  await tx.departmentManager.deleteMany({
    where: { departmentId: current.id, source: "APP", userId: { notIn: wanted } },
  });
  await tx.departmentManager.createMany({
    data: wanted.map((userId) => ({ userId, departmentId: current.id })),
    skipDuplicates: true,
  });
  await recordAudit(tx, {
    actor: callerActor(caller),
    action: "department.managers_changed",
    entityType: "Department",
    entityId: current.id,
    before: { managerIds: before },
    after: { managerIds: wanted },
  });
}

async function checkNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.department.findFirst({
    where: {
      name: { equals: likeLiteral(name), mode: "insensitive" },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { name: true },
  });
  // The name found is a stored one: masked like everywhere else if it fails the secret rules.
  if (clash) throw conflict(`A department named "${maskIfSecret(clash.name)}" already exists.`);
}
