import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { readReach } from "@/lib/auth/server/scope";

// The where-builders of lib/auth/server/scope.ts as SQL, for the statements sent with pg itself
// (streamed CSV exports, the automations and request lists, the prerequisites drill-down).
// Same rules, branch by branch: test/dashboard/exports.test.ts holds each export to its list,
// and test/makers/automation-list.test.ts and request-list.test.ts hold those lists and their
// exports to Prisma's where clause, for every role.

/** Adds a value to the statement and returns how to refer to it ($n). */
export type Bind = (value: string | readonly string[] | number) => string;

/** Automations `a` the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER, ADMIN). */
export function automationScopeSql(caller: Caller, bind: Bind, alias = "a"): string {
  return readScopeSql(caller, "automation", bind, `${alias}."ownerId"`, alias);
}

/** Requests `r` the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER). */
export function requestScopeSql(caller: Caller, bind: Bind, alias = "r"): string {
  return readScopeSql(caller, "request", bind, `${alias}."requesterId"`, alias);
}

/** scope.ts's readScope as SQL: `ownerColumn` is the caller's own rows' column. */
function readScopeSql(
  caller: Caller,
  kind: "automation" | "request",
  bind: Bind,
  ownerColumn: string,
  alias: string,
): string {
  const reach = readReach(caller, kind);
  if (reach.all) return "true";
  const branches: string[] = [];
  if (reach.own) branches.push(`${ownerColumn} = ${bind(caller.id)}::uuid`);
  if (reach.departmentIds.length > 0)
    branches.push(`${alias}."departmentId" = any(${bind(reach.departmentIds)}::uuid[])`);
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
