import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export interface Profile {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  department: { id: string; name: string } | null;
}

/** GET /api/v1/me: the caller as the database sees them on this request. */
export async function getProfile(caller: Caller): Promise<Profile> {
  const department = caller.departmentId
    ? await prisma.department.findUnique({
        where: { id: caller.departmentId },
        select: { id: true, name: true },
      })
    : null;
  return { id: caller.id, email: caller.email, name: caller.name, roles: caller.roles, department };
}
