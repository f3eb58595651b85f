import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import type { Prisma } from "@/lib/generated/prisma/client";

// Authorization in the query: every read or write of a scoped record puts one of these in
// its `where`. A record outside the scope is then indistinguishable from one that does not
// exist, so callers answer 404 for both.

/** Matches no row (a caller with no role that reaches these records). */
const NOTHING = { id: { in: [] as string[] } };

function anyOf<W extends object>(branches: W[]): W | { OR: W[] } | typeof NOTHING {
  if (branches.length === 0) return NOTHING;
  if (branches.length === 1) return branches[0] as W;
  return { OR: branches };
}

/**
 * How far the caller reads automations or requests: all of them, or their own and those of the
 * departments they manage (none when they manage none). scope-sql.ts writes the same as SQL.
 */
export function readReach(
  caller: Caller,
  kind: "automation" | "request",
): { all: boolean; own: boolean; departmentIds: string[] } {
  return {
    all: can(caller, `${kind}:read:all` as const),
    own: can(caller, `${kind}:read:own` as const),
    departmentIds: can(caller, `${kind}:read:department` as const) ? caller.managedDepartmentIds : [],
  };
}

/** The where of a readReach: everything, or the `own` match and the departments' rows. */
function readScope<W extends object>(reach: ReturnType<typeof readReach>, own: W): W {
  if (reach.all) return {} as W;
  const branches: W[] = [];
  if (reach.own) branches.push(own);
  if (reach.departmentIds.length > 0) branches.push({ departmentId: { in: reach.departmentIds } } as W);
  return anyOf(branches) as W;
}

/** Automations the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER, ADMIN). */
export function automationScope(caller: Caller): Prisma.AutomationWhereInput {
  return readScope<Prisma.AutomationWhereInput>(readReach(caller, "automation"), { ownerId: caller.id });
}

/** Automations the caller may change (PATCH): their own, as a MAKER. */
export function automationEditScope(caller: Caller): Prisma.AutomationWhereInput {
  return can(caller, "automation:read:own") ? { ownerId: caller.id } : NOTHING;
}

/** Automations the caller may retire: their own, or any as an ADMIN. */
export function automationRetireScope(caller: Caller): Prisma.AutomationWhereInput {
  if (can(caller, "automation:retire:any")) return {};
  return automationEditScope(caller);
}

/** Automations the caller may give a new owner: their managed departments' (MANAGER), any (ADMIN). */
export function automationReassignScope(caller: Caller): Prisma.AutomationWhereInput {
  if (can(caller, "automation:reassign:all")) return {};
  if (can(caller, "automation:reassign:department") && caller.managedDepartmentIds.length > 0)
    return { departmentId: { in: caller.managedDepartmentIds } };
  return NOTHING;
}

/** Requests the caller may see: own (MAKER), managed departments (MANAGER), all (IT_APPROVER, ADMIN). */
export function requestScope(caller: Caller): Prisma.RequestWhereInput {
  return readScope<Prisma.RequestWhereInput>(readReach(caller, "request"), { requesterId: caller.id });
}

/** Requests the caller filed (withdraw). */
export function requestOwnScope(caller: Caller): Prisma.RequestWhereInput {
  return can(caller, "request:read:own") ? { requesterId: caller.id } : NOTHING;
}

/**
 * The departments a dashboard may show: every one (IT_APPROVER, ADMIN), the managed ones
 * (MANAGER), or none.
 */
export function dashboardScope(caller: Caller): { all: true } | { all: false; departmentIds: string[] } {
  if (can(caller, "dashboard:read:all")) return { all: true };
  if (can(caller, "dashboard:read")) return { all: false, departmentIds: [...caller.managedDepartmentIds] };
  return { all: false, departmentIds: [] };
}

/** Audit events: the whole trail for those who may read it (IT_APPROVER, ADMIN), else nothing. */
export function auditScope(caller: Caller): Prisma.AuditEventWhereInput {
  return can(caller, "audit:read") ? {} : { id: { in: [] } };
}

/** People as administrators manage them: everyone for ADMIN, nobody otherwise. */
export function peopleScope(caller: Caller): Prisma.UserWhereInput {
  return can(caller, "admin:people") ? {} : { id: { in: [] } };
}
