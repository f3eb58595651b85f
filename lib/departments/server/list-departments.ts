import "server-only";
import { prisma } from "@/lib/db";

export interface DepartmentSummary {
  id: string;
  name: string;
}

/** Every department, by name: the choices for forms and filters (a company has tens, not thousands). */
export async function listDepartments(): Promise<DepartmentSummary[]> {
  return prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
