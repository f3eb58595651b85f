import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";

// The where-builders of lib/auth/server/scope.ts as SQL, for the statements sent with pg itself
// (streamed CSV exports, the automations and request lists, the prerequisites drill-down).
// Same rules, branch by branch: test/dashboard/exports.test.ts holds each export to its list,
// and test/makers/automation-list.test.ts and request-list.test.ts hold those lists and their
// exports to Prisma's where clause, for every role.

/** Adds a value to the statement and returns how to refer to it ($n). */
export type Bind = (value: string | readonly string[] | number) => string;

/** Automations `a` the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER, ADMIN). */
export function automationScopeSql(caller: Caller, bind: Bind, alias = "a"): string {
  if (can(caller, "automation:read:all")) return "true";
  const branches: string[] = [];
  if (can(caller, "automation:read:own")) branches.push(`${alias}."ownerId" = ${bind(caller.id)}::uuid`);
  if (can(caller, "automation:read:department") && caller.managedDepartmentIds.length > 0) {
    branches.push(`${alias}."departmentId" = any(${bind(caller.managedDepartmentIds)}::uuid[])`);
  }
  return branches.length > 0 ? `(${branches.join(" or ")})` : "false";
}

/** Requests `r` the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER). */
export function requestScopeSql(caller: Caller, bind: Bind, alias = "r"): string {
  if (can(caller, "request:read:all")) return "true";
  const branches: string[] = [];
  if (can(caller, "request:read:own")) branches.push(`${alias}."requesterId" = ${bind(caller.id)}::uuid`);
  if (can(caller, "request:read:department") && caller.managedDepartmentIds.length > 0) {
    branches.push(`${alias}."departmentId" = any(${bind(caller.managedDepartmentIds)}::uuid[])`);
  }
  return branches.length > 0 ? `(${branches.join(" or ")})` : "false";
}

/** Collects bind parameters for one statement. */
export class SqlParams {
  readonly values: unknown[] = [];
  readonly bind: Bind = (value) => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}
