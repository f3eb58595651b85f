import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { type Bind, SqlParams } from "@/lib/auth/server/scope-sql";
import { NOT_SATISFIED } from "@/lib/dashboard/server/dashboard-sql";
import { AWAITING_ROTATION } from "@/lib/dashboard/server/leavers-sql";
import { pool } from "@/lib/db";
import { csvQueryResponse } from "@/lib/export/server/csv";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { badRequest } from "@/lib/http/errors";
import type { TPrerequisiteFilters, TPrerequisiteListQuery } from "@/lib/prerequisites/schemas";
import {
  PREREQUISITE_CSV_COLUMNS,
  type PrerequisiteRow,
  toPrerequisiteItem,
} from "@/lib/prerequisites/server/views";

// The prerequisites behind the dashboard's numbers, as a list and as a CSV export. Both run
// the same FROM / WHERE / ORDER BY (one builder), so the export holds exactly the rows the
// list pages through. Raw SQL rather than Prisma because the export streams through a
// server-side cursor; the list orders by automation name so one automation's rows stay
// together. Prerequisites of RETIRED automations are left out: nothing waits for them.

/**
 * The caller's scope, the same rule as automationScope (lib/auth/server/scope.ts): all
 * (IT_APPROVER, ADMIN), the managed departments (MANAGER), their own (MAKER), or nothing.
 * A prerequisite's department is its automation's (copied by re-derivation), so the
 * department branch filters on the prerequisite's own indexed column.
 */
function scopeSql(caller: Caller, bind: Bind): string {
  if (can(caller, "automation:read:all")) return "true";
  const branches: string[] = [];
  if (can(caller, "automation:read:own")) branches.push(`a."ownerId" = ${bind(caller.id)}::uuid`);
  if (can(caller, "automation:read:department") && caller.managedDepartmentIds.length > 0) {
    branches.push(`p."departmentId" = any(${bind(caller.managedDepartmentIds)}::uuid[])`);
  }
  return branches.length > 0 ? `(${branches.join(" or ")})` : "false";
}

function filterSql(caller: Caller, filters: TPrerequisiteFilters, bind: Bind): string[] {
  const where = [scopeSql(caller, bind), `a.status <> 'RETIRED'`];
  if (filters.type) where.push(`p.type = ${bind(filters.type)}::"PrerequisiteType"`);
  if (filters.status) where.push(`p.status = ${bind(filters.status)}::"PrerequisiteStatus"`);
  if (filters.outstanding === true) where.push(`p.status in (${NOT_SATISFIED})`);
  if (filters.outstanding === false) where.push(`p.status = 'SATISFIED'`);
  // A basis is recorded on SATISFIED rows only; the status keeps it on the (basis, status) index.
  if (filters.basis)
    where.push(`p.basis = ${bind(filters.basis)}::"AssuranceBasis" and p.status = 'SATISFIED'`);
  if (filters.leaver) where.push(`(${AWAITING_ROTATION})`);
  if (filters.departmentId) where.push(`p."departmentId" = ${bind(filters.departmentId)}::uuid`);
  if (filters.automationId) where.push(`p."automationId" = ${bind(filters.automationId)}::uuid`);
  if (filters.connectorId) where.push(`p."connectorId" = ${bind(filters.connectorId)}::uuid`);
  if (filters.service) where.push(`s.service = ${bind(filters.service)}`);
  if (filters.system) where.push(`lower(s.name) = lower(${bind(filters.system)})`);
  return where;
}

const FROM = `
  from prerequisites p
  join automations a on a.id = p."automationId"
  join departments d on d.id = p."departmentId"
  left join system_accesses s on s.id = p."systemAccessId"
  left join users bu on bu.id = p."basisById"
  left join gateways g on g.id = p."gatewayId"
  left join connectors c on c.id = p."connectorId"`;

const ORDER = `order by a.name, a.id, p.key`;

const LIST_COLUMNS = `
  p.id, p.key, p.type::text as type, p.status::text as status, p.reason, p."satisfiedBy",
  p."connectorId", p."updatedAt", p.basis::text as basis, p."basisAt",
  case when bu.id is null then null
       else json_build_object('id', bu.id, 'name', bu.name, 'email', bu.email) end as "basisBy",
  a.id as "automationId", a.name as "automationName", a.status::text as "automationStatus",
  d.id as "departmentId", d.name as "departmentName",
  s.id as "systemId", s.name as "systemName", s.service,
  s."credentialStore"::text as "credentialStore", s."credentialName",
  g.status::text as "gatewayStatus", c.status::text as "connectorStatus"`;

/** The keyset position after a row: automation name and prerequisite key, then the automation id. */
function cursorOf(row: PrerequisiteRow): string {
  return encodeCursor(JSON.stringify([row.automationName, row.key]), row.automationId);
}

function decodeListCursor(cursor: string): { name: string; key: string; automationId: string } {
  const { sortKey, id } = decodeCursor(cursor);
  try {
    const [name, key] = JSON.parse(sortKey) as unknown[];
    if (typeof name === "string" && typeof key === "string") return { name, key, automationId: id };
  } catch {
    // falls through to the 400 below
  }
  throw badRequest("Invalid query parameters.", {
    cursor: "Not a cursor from this API; start from the first page.",
  });
}

/** One page of the prerequisites the caller may see, filtered, by automation name. */
export async function listPrerequisites({
  caller,
  query,
}: {
  caller: Caller;
  query: TPrerequisiteListQuery;
}) {
  const { values, bind } = new SqlParams();
  const where = filterSql(caller, query, bind);
  if (query.cursor) {
    const after = decodeListCursor(query.cursor);
    where.push(
      `(a.name, a.id, p.key) > (${bind(after.name)}, ${bind(after.automationId)}::uuid, ${bind(after.key)})`,
    );
  }
  const sql = `select ${LIST_COLUMNS} ${FROM} where ${where.join(" and ")} ${ORDER} limit ${bind(query.limit + 1)}`;
  const { rows } = await pool().query<PrerequisiteRow>(sql, values);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(toPrerequisiteItem), nextCursor: more && last ? cursorOf(last) : null };
}

/** The same rows as a streamed CSV (every page, in list order). */
export function exportPrerequisites({ caller, filters }: { caller: Caller; filters: TPrerequisiteFilters }) {
  return csvQueryResponse(
    "prerequisites",
    PREREQUISITE_CSV_COLUMNS,
    (bind) => `${FROM} where ${filterSql(caller, filters, bind).join(" and ")} ${ORDER}`,
  );
}
