import type { Role } from "@/lib/generated/prisma/enums";

// The one permission map. Pages, route handlers, server actions and query helpers ask
// `can(user, permission)`; nothing else looks at role names.

export const PERMISSIONS = {
  "automation:create": ["MAKER"],
  "automation:read:own": ["MAKER"],
  "automation:read:department": ["MANAGER"],
  "automation:read:all": ["IT_APPROVER", "ADMIN"],
  "automation:retire:any": ["ADMIN"],
  "request:create": ["MAKER"],
  "request:read:all": ["IT_APPROVER"],
  "request:decide": ["IT_APPROVER"],
  "catalog:write": ["IT_APPROVER"],
  "dashboard:read": ["MANAGER", "IT_APPROVER", "ADMIN"],
  "dashboard:read:all": ["IT_APPROVER", "ADMIN"],
  "audit:read": ["IT_APPROVER", "ADMIN"],
  "admin:people": ["ADMIN"],
  "admin:departments": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Principal {
  roles: readonly Role[];
}

export function can(user: Principal | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.roles.some((role) => allowed.includes(role));
}

export function canAny(user: Principal | null | undefined, permissions: readonly Permission[]): boolean {
  return permissions.some((permission) => can(user, permission));
}
