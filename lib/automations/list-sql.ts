import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { automationScopeSql, type Bind, SqlParams } from "@/lib/auth/scope-sql";
import type { TAutomationExportQuery, TAutomationListQuery } from "@/lib/automations/schemas";
import type { AutomationKind, AutomationStatus, RunMode } from "@/lib/domain/types";
import { isoTimestampSql } from "@/lib/export/csv";
import { decodeTimeCursor } from "@/lib/http/cursor";

// The automations list as SQL. The scope and filters are built once here for both the list
// and its CSV export (lib/automations/export.ts), so the two cannot disagree on a row.

/** The caller's scope and the list's filters over `automations a`, as one condition. */
export function automationFilterSql(caller: Caller, filters: TAutomationExportQuery, bind: Bind): string {
  const where = [automationScopeSql(caller, bind)];
  if (filters.status) where.push(`a.status = ${bind(filters.status)}::"AutomationStatus"`);
  if (filters.kind) where.push(`a.kind = ${bind(filters.kind)}::"AutomationKind"`);
  if (filters.departmentId) where.push(`a."departmentId" = ${bind(filters.departmentId)}::uuid`);
  if (filters.q) {
    // Ignoring case; `%` and `_` in q match like wildcards, as they did with Prisma's `contains`.
    const q = bind(filters.q);
    where.push(`(a.name ilike '%' || ${q} || '%' or a.description ilike '%' || ${q} || '%')`);
  }
  return where.join(" and ");
}

/** Rows after the cursor's (createdAt, id), in the list's order: newest first. */
function afterCursorSql(cursor: string, bind: Bind): string {
  const after = decodeTimeCursor(cursor);
  const createdAt = bind(after.createdAt.toISOString());
  const id = bind(after.id);
  // The redundant `<=` bound is what the index can seek to; the OR alone is only a filter,
  // and a deep page would then read every row above it.
  return `a."createdAt" <= ${createdAt}::timestamptz
      and (a."createdAt" < ${createdAt}::timestamptz
           or (a."createdAt" = ${createdAt}::timestamptz and a.id < ${id}::uuid))`;
}

/** One row of a list page: the automation's columns, owner, department and its two counts. */
export interface AutomationListRow {
  id: string;
  name: string;
  description: string;
  kind: AutomationKind;
  runMode: RunMode;
  status: AutomationStatus;
  version: number;
  ownerId: string;
  departmentId: string;
  /** ISO 8601 in UTC, as the API writes dates: Postgres formats it, Node need not parse it. */
  createdAt: string;
  updatedAt: string;
  ownerName: string;
  ownerEmail: string;
  departmentName: string;
  outstandingCount: number;
  systemCount: number;
}

/**
 * One keyset page (`limit` + 1 rows, to know whether another follows) in one statement. The
 * page is cut from `automations` alone, so owner, department and the counts are looked up for
 * its rows only (index lookups), never for every row the filters match.
 */
export function automationPageSql(caller: Caller, query: TAutomationListQuery) {
  const { values, bind } = new SqlParams();
  const where = [automationFilterSql(caller, query, bind)];
  if (query.cursor) where.push(afterCursorSql(query.cursor, bind));
  const text = `
    select a.id, a.name, a.description, a.kind, a."runMode", a.status, a.version,
           a."ownerId", a."departmentId",
           ${isoTimestampSql('a."createdAt"')} as "createdAt",
           ${isoTimestampSql('a."updatedAt"')} as "updatedAt",
           o.name as "ownerName", o.email as "ownerEmail", d.name as "departmentName",
           (select count(*)::int from prerequisites p
             where p."automationId" = a.id and p.status <> 'SATISFIED') as "outstandingCount",
           (select count(*)::int from system_accesses s where s."automationId" = a.id) as "systemCount"
      from (select a.* from automations a
             where ${where.join(" and ")}
             order by a."createdAt" desc, a.id desc
             limit ${bind(query.limit + 1)}) a
      join users o on o.id = a."ownerId"
      join departments d on d.id = a."departmentId"
     order by a."createdAt" desc, a.id desc`;
  return { text, values };
}

/** A list row as the API shows it (AutomationSummary in the OpenAPI description). */
export function toAutomationSummary(row: AutomationListRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    runMode: row.runMode,
    status: row.status,
    version: row.version,
    ownerId: row.ownerId,
    departmentId: row.departmentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    owner: { id: row.ownerId, name: row.ownerName, email: row.ownerEmail },
    department: { id: row.departmentId, name: row.departmentName },
    outstandingCount: row.outstandingCount,
    systemCount: row.systemCount,
  };
}
