import "server-only";
import { LastAdminError } from "@/lib/admin/server/deactivate-person";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import { notFound, unprocessable } from "@/lib/http/errors";
import type { ScimGroupMapping } from "@/lib/scim/contract";
import type { TMapScimGroupBody } from "@/lib/scim/schemas";
import { syncScimRoles } from "@/lib/scim/server/scim-roles";

// Which Preflight role each SCIM group gives its members: set by an ADMIN on the people page.

export async function listScimGroupMappings(): Promise<ScimGroupMapping[]> {
  const rows = await prisma.scimGroup.findMany({
    where: { deletedAt: null },
    select: {
      id: true,
      displayName: true,
      externalId: true,
      role: true,
      _count: { select: { members: true } },
    },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
  return rows.map(({ _count, ...row }) => ({ ...row, memberCount: _count.members }));
}

/** Maps a group to a role (or none); its members' SCIM roles follow in the same transaction. */
export async function mapScimGroup(input: { caller: Caller; id: string; body: TMapScimGroupBody }) {
  const actor = callerActor(input.caller);
  try {
    return await prisma.$transaction(async (tx) => {
      const group = await tx.scimGroup.findFirst({
        where: { id: input.id, deletedAt: null },
        select: { id: true, role: true, members: { select: { userId: true } } },
      });
      if (!group) throw notFound("Group");
      if (group.role !== input.body.role) {
        await tx.scimGroup.update({ where: { id: group.id }, data: { role: input.body.role } });
        await recordAudit(tx, {
          actor,
          action: "scim_group.role_mapped",
          entityType: "ScimGroup",
          entityId: group.id,
          before: { role: group.role },
          after: { role: input.body.role },
        });
        await syncScimRoles(
          tx,
          group.members.map((member) => member.userId),
          actor,
        );
      }
      const row = await tx.scimGroup.findUniqueOrThrow({
        where: { id: group.id },
        select: {
          id: true,
          displayName: true,
          externalId: true,
          role: true,
          _count: { select: { members: true } },
        },
      });
      const { _count, ...rest } = row;
      return { ...rest, memberCount: _count.members };
    });
  } catch (error) {
    if (error instanceof LastAdminError) throw unprocessable(error.message, { role: error.message });
    throw error;
  }
}
