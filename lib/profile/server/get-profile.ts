import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { Role } from "@/lib/generated/prisma/enums";

export interface Profile {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  department: { id: string; name: string } | null;
}

/**
 * GET /api/v1/me: the caller as the database sees them on this request. Everything comes from
 * the statement that loaded the caller (lib/auth/server/caller.ts), so the signed-in floor the
 * benchmark measures with it is one statement, as on every other route.
 */
export function getProfile(caller: Caller): Profile {
  const department =
    caller.departmentId && caller.departmentName !== null
      ? { id: caller.departmentId, name: caller.departmentName }
      : null;
  return { id: caller.id, email: caller.email, name: caller.name, roles: caller.roles, department };
}
