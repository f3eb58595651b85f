import "server-only";
import { LastAdminError } from "@/lib/admin/server/deactivate-person";
import { type AuditActor, type AuditEntry, recordAuditMany } from "@/lib/audit/server/record-audit";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Roles from SCIM groups: a person holds, with source SCIM, the role of every live group mapped
// to one that they are a member of — no more, no less. Sign-in never touches these rows. The
// same holds for the departments a person manages (their dashboards' scope) through groups
// mapped to a department: a mover's scope follows their groups at once, and each change is an
// audit event (who managed what, when). Departments an ADMIN set (source APP) stay as they are.

/** Brings the SCIM roles of these people in line with their groups; records each change. */
export async function syncScimRoles(tx: Tx, userIds: readonly string[], actor: AuditActor): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const [memberships, current] = await Promise.all([
    tx.scimGroupMember.findMany({
      where: { userId: { in: ids }, group: { deletedAt: null, role: { not: null } } },
      select: { userId: true, group: { select: { role: true } } },
    }),
    tx.roleAssignment.findMany({
      where: { userId: { in: ids }, source: "SCIM" },
      select: { userId: true, role: true },
    }),
  ]);
  const wanted = new Map<string, Set<Role>>(ids.map((id) => [id, new Set()]));
  for (const row of memberships) if (row.group.role) wanted.get(row.userId)?.add(row.group.role);
  const held = new Map<string, Set<Role>>(ids.map((id) => [id, new Set()]));
  for (const row of current) held.get(row.userId)?.add(row.role);

  const events = await bringInLine(ids, actor, "scimRoles", {
    held: (id) => held.get(id)!,
    wanted: (id) => wanted.get(id)!,
    remove: (id, gone) =>
      tx.roleAssignment.deleteMany({ where: { userId: id, source: "SCIM", role: { in: gone } } }),
    add: (id, added) =>
      tx.roleAssignment.createMany({
        data: added.map((role) => ({ userId: id, role, source: "SCIM" as const })),
        skipDuplicates: true,
      }),
  });
  events.push(...(await syncScimManagement(tx, ids, actor)));
  if (events.length === 0) return;
  // Whatever the directory says, the portal keeps someone who can change people.
  const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } });
  if (admins === 0) throw new LastAdminError();
  await recordAuditMany(tx, events);
}

/** SCIM roles are on once an ADMIN mapped a live group to a role: sign-in then leaves roles to SCIM. */
export async function scimRolesOn(tx: Tx): Promise<boolean> {
  return (await tx.scimGroup.count({ where: { deletedAt: null, role: { not: null } } })) > 0;
}

/**
 * Brings the SCIM-managed departments of these people in line with their live groups; returns
 * the audit events of the changes (the caller records them with the role changes).
 */
async function syncScimManagement(tx: Tx, ids: readonly string[], actor: AuditActor) {
  const [memberships, current] = await Promise.all([
    tx.scimGroupMember.findMany({
      where: { userId: { in: [...ids] }, group: { deletedAt: null, managesDepartmentId: { not: null } } },
      select: { userId: true, group: { select: { managesDepartmentId: true } } },
    }),
    tx.departmentManager.findMany({
      where: { userId: { in: [...ids] } },
      select: { userId: true, departmentId: true, source: true },
    }),
  ]);
  const wanted = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const row of memberships)
    if (row.group.managesDepartmentId) wanted.get(row.userId)?.add(row.group.managesDepartmentId);
  const held = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  const byAdmin = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const row of current) (row.source === "SCIM" ? held : byAdmin).get(row.userId)?.add(row.departmentId);

  return bringInLine(ids, actor, "scimManagedDepartmentIds", {
    held: (id) => held.get(id)!,
    // A department an ADMIN gave them stays theirs (source APP): SCIM adds no second row.
    wanted: (id) => new Set([...wanted.get(id)!].filter((department) => !byAdmin.get(id)!.has(department))),
    remove: (id, gone) =>
      tx.departmentManager.deleteMany({ where: { userId: id, source: "SCIM", departmentId: { in: gone } } }),
    add: (id, added) =>
      tx.departmentManager.createMany({
        data: added.map((departmentId) => ({ userId: id, departmentId, source: "SCIM" as const })),
        skipDuplicates: true,
      }),
  });
}

/**
 * Person by person, in order: what they hold made what is wanted (removed, then added), and
 * the audit event of each change, `field` before and after, for the caller to record.
 */
async function bringInLine<T extends string>(
  ids: readonly string[],
  actor: AuditActor,
  field: string,
  sides: {
    held: (id: string) => ReadonlySet<T>;
    wanted: (id: string) => ReadonlySet<T>;
    remove: (id: string, gone: T[]) => Promise<unknown>;
    add: (id: string, added: T[]) => Promise<unknown>;
  },
): Promise<AuditEntry[]> {
  const events: AuditEntry[] = [];
  for (const id of ids) {
    const { before, after, gone, added } = difference(sides.held(id), sides.wanted(id));
    if (gone.length === 0 && added.length === 0) continue;
    if (gone.length > 0) await sides.remove(id, gone);
    if (added.length > 0) await sides.add(id, added);
    events.push({
      actor,
      action: "user.updated",
      entityType: "User",
      entityId: id,
      before: { [field]: before },
      after: { [field]: after },
    });
  }
  return events;
}

/** What is held and what is wanted, sorted, and what to take away and to add to get there. */
function difference<T extends string>(held: ReadonlySet<T>, wanted: ReadonlySet<T>) {
  const before = [...held].sort();
  const after = [...wanted].sort();
  return {
    before,
    after,
    gone: before.filter((item) => !wanted.has(item)),
    added: after.filter((item) => !held.has(item)),
  };
}
