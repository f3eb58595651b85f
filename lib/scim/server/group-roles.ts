import "server-only";
import { LastAdminError } from "@/lib/admin/server/deactivate-person";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { notFound, unprocessable } from "@/lib/http/errors";
import type { ScimGroupMapping } from "@/lib/scim/contract";
import type { TMapScimGroupBody } from "@/lib/scim/schemas";
import { syncScimRoles } from "@/lib/scim/server/scim-roles";

// Which Preflight role each SCIM group gives its members: set by an ADMIN on the people page.

export async function listScimGroupMappings(): Promise<ScimGroupMapping[]> {
  const rows = await prisma.scimGroup.findMany({
    where: { deletedAt: null },
    select: mappingSelect,
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
  return rows.map(toMapping);
}

const mappingSelect = {
  id: true,
  displayName: true,
  externalId: true,
  role: true,
  managesDepartment: { select: { id: true, name: true } },
  _count: { select: { members: true } },
} satisfies Prisma.ScimGroupSelect;

function toMapping({ _count, ...row }: Prisma.ScimGroupGetPayload<{ select: typeof mappingSelect }>) {
  return { ...row, memberCount: _count.members };
}

/** Maps a group to a role (or none); its members' SCIM roles follow in the same transaction. */
export async function mapScimGroup(input: { caller: Caller; id: string; body: TMapScimGroupBody }) {
  const actor = callerActor(input.caller);
  try {
    return await prisma.$transaction(async (tx) => {
      const group = await tx.scimGroup.findFirst({
        where: { id: input.id, deletedAt: null },
        select: {
          id: true,
          role: true,
          managesDepartmentId: true,
          members: { select: { userId: true } },
        },
      });
      if (!group) throw notFound("Group");
      const { managesDepartmentId, role } = input.body;
      const departmentChanged =
        managesDepartmentId !== undefined && managesDepartmentId !== group.managesDepartmentId;
      if (departmentChanged) {
        if (managesDepartmentId && !(await tx.department.findUnique({ where: { id: managesDepartmentId } })))
          throw unprocessable("That department does not exist (any more).", {
            managesDepartmentId: "Choose an existing department.",
          });
        await remap(tx, actor, group, "scim_group.department_mapped", { managesDepartmentId });
      }
      const roleChanged = group.role !== role;
      if (roleChanged) await remap(tx, actor, group, "scim_group.role_mapped", { role });
      if (roleChanged || departmentChanged)
        await syncScimRoles(
          tx,
          group.members.map((member) => member.userId),
          actor,
        );
      return toMapping(
        await tx.scimGroup.findUniqueOrThrow({ where: { id: group.id }, select: mappingSelect }),
      );
    });
  } catch (error) {
    if (error instanceof LastAdminError) throw unprocessable(error.message, { role: error.message });
    throw error;
  }
}

/** Sets one of a group's mappings and records it under `action`: that field before and after. */
async function remap(
  tx: Tx,
  actor: AuditActor,
  group: { id: string; role: Role | null; managesDepartmentId: string | null },
  action: string,
  change: { role: Role | null } | { managesDepartmentId: string | null },
): Promise<void> {
  const field = Object.keys(change)[0] as "role" | "managesDepartmentId";
  await tx.scimGroup.update({ where: { id: group.id }, data: change });
  await recordAudit(tx, {
    actor,
    action,
    entityType: "ScimGroup",
    entityId: group.id,
    before: { [field]: group[field] },
    after: change,
  });
}
