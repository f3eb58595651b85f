import type { Role } from "@/lib/generated/prisma/enums";

// The one permission map. Pages, route handlers, server actions and query helpers ask
// `can(user, permission)`; nothing else looks at role names.
//
// Suffixes carry the record-level rule that `can(user, permission, resource)` applies and
// that lib/auth/server/scope.ts turns into `where` clauses: `:own` — the caller owns the record;
// `:department` — the record is in a department the caller manages; `:all` — any record.

export const PERMISSIONS = {
  "automation:create": ["MAKER"],
  "automation:read:own": ["MAKER"],
  "automation:read:department": ["MANAGER"],
  "automation:read:all": ["IT_APPROVER", "ADMIN"],
  "automation:retire:any": ["ADMIN"],
  /** Give an automation a new owner (one without an active owner, or any): its department's manager. */
  "automation:reassign:department": ["MANAGER"],
  "automation:reassign:all": ["ADMIN"],
  "request:create": ["MAKER"],
  "request:read:own": ["MAKER"],
  "request:read:department": ["MANAGER"],
  "request:read:all": ["IT_APPROVER", "ADMIN"],
  "request:decide": ["IT_APPROVER"],
  /** Mark a maker's declared prerequisite verified, or send it back. */
  "prerequisite:review": ["IT_APPROVER"],
  /** The catalog's pages (the API lists connectors and gateways to everyone: the wizard uses them). */
  "catalog:read": ["IT_APPROVER", "ADMIN"],
  "catalog:write": ["IT_APPROVER"],
  "dashboard:read": ["MANAGER", "IT_APPROVER", "ADMIN"],
  "dashboard:read:all": ["IT_APPROVER", "ADMIN"],
  "audit:read": ["IT_APPROVER", "ADMIN"],
  /** Import a tenant's inventory (uploads and the live sync) and map its environments. */
  "inventory:import": ["IT_APPROVER", "ADMIN"],
  /** The people picker: name a connector's owner or a gateway's admin, or whom to give automations. */
  "people:search": ["MANAGER", "IT_APPROVER", "ADMIN"],
  "admin:people": ["ADMIN"],
  "admin:departments": ["ADMIN"],
  /** The identity provider's SCIM tokens (create, rotate, revoke). */
  "admin:scim": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Principal {
  id?: string;
  roles: readonly Role[];
  managedDepartmentIds?: readonly string[];
}

/** The fields of a record that record-level rules look at. */
export interface Resource {
  ownerId?: string | null;
  departmentId?: string | null;
}

/**
 * Whether `user` holds `permission`; with a `resource`, also whether the permission's scope
 * (own / department / all) covers that record.
 */
export function can(
  user: Principal | null | undefined,
  permission: Permission,
  resource?: Resource,
): boolean {
  if (!user) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  if (!user.roles.some((role) => allowed.includes(role))) return false;
  if (!resource) return true;
  if (permission.endsWith(":own")) return !!user.id && resource.ownerId === user.id;
  if (permission.endsWith(":department")) {
    return !!resource.departmentId && (user.managedDepartmentIds ?? []).includes(resource.departmentId);
  }
  return true;
}

export function canAny(
  user: Principal | null | undefined,
  permissions: readonly Permission[],
  resource?: Resource,
): boolean {
  return permissions.some((permission) => can(user, permission, resource));
}
