import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { dashboardScope } from "@/lib/auth/server/scope";
import { prisma } from "@/lib/db";
import { notFound } from "@/lib/http/errors";

// Which departments a dashboard covers. MANAGER: the departments they manage; IT_APPROVER
// and ADMIN: the whole company. `?departmentId=` narrows to one of those; a department
// outside the caller's scope is answered exactly like one that does not exist (404), so a
// manager cannot probe for other departments' ids.

export interface ScopeDepartment {
  id: string;
  name: string;
}

/** Every department the caller's dashboard may show, by name: the picker's choices. */
export async function listDashboardDepartments(caller: Caller): Promise<ScopeDepartment[]> {
  return findDepartments(caller, undefined);
}

/**
 * The departments one dashboard answer covers, by name. Throws 404 for a `departmentId`
 * that is unknown or outside the caller's scope.
 */
export async function resolveDashboardScope(
  caller: Caller,
  departmentId: string | undefined,
): Promise<ScopeDepartment[]> {
  const departments = await findDepartments(caller, departmentId);
  if (departmentId && departments.length === 0) throw notFound("Department");
  return departments;
}

/**
 * The department ids one dashboard answer covers, without a query: null for every department
 * (the whole company), else the ids asked for that the caller may see (none: an empty list).
 * A statement that takes them must answer 404 when `departmentId` names no department it finds.
 */
export function dashboardScopeIds(caller: Caller, departmentId: string | undefined): string[] | null {
  const scope = dashboardScope(caller);
  if (scope.all) return departmentId ? [departmentId] : null;
  return departmentId ? scope.departmentIds.filter((id) => id === departmentId) : scope.departmentIds;
}

async function findDepartments(caller: Caller, departmentId: string | undefined) {
  const ids = dashboardScopeIds(caller, departmentId);
  if (ids?.length === 0) return [];
  return prisma.department.findMany({
    where: ids ? { id: { in: ids } } : {},
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
