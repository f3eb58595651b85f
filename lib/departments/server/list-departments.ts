import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";

export interface DepartmentSummary {
  id: string;
  name: string;
}

/**
 * Every department, by name: the choices for forms and filters (a company has tens, not
 * thousands). Every signed-in person may see them all (docs/decisions/011-one-authorization-rule.md).
 */
export async function listDepartments(_: { caller: Caller }): Promise<DepartmentSummary[]> {
  return prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
