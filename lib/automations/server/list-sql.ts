import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { automationScopeSql, type Bind, SqlParams } from "@/lib/auth/server/scope-sql";
import type { TAutomationExportQuery, TAutomationListQuery } from "@/lib/automations/schemas";
import { isoTimestampSql } from "@/lib/export/server/csv";
import { decodeTimeCursor } from "@/lib/http/cursor";

// The automations list as SQL. The scope and filters are built once here for both the list
// and its CSV export (lib/automations/server/export-automations.ts), so the two cannot disagree on a row.

/** The caller's scope and the list's filters over `automations a`, as one condition. */
export function automationFilterSql(caller: Caller, filters: TAutomationExportQuery, bind: Bind): string {
  const where = [automationScopeSql(caller, bind)];
  if (filters.status) where.push(`a.status = ${bind(filters.status)}::"AutomationStatus"`);
  if (filters.kind) where.push(`a.kind = ${bind(filters.kind)}::"AutomationKind"`);
  if (filters.departmentId) where.push(`a."departmentId" = ${bind(filters.departmentId)}::uuid`);
  if (filters.basis) {
    // At least one prerequisite SATISFIED on that basis: an index range per automation.
    where.push(`exists (select 1 from prerequisites x
                         where x."automationId" = a.id and x.status = 'SATISFIED'
                           and x.basis = ${bind(filters.basis)}::"AssuranceBasis")`);
  }
  if (filters.finding) {
    const kind = filters.finding === "ANY" ? "" : ` and f.kind = ${bind(filters.finding)}`;
    where.push(`exists (select 1 from inventory_findings f
                         where f."automationId" = a.id and f."resolvedAt" is null${kind})`);
  }
  if (filters.ownerMissing) where.push(`a."ownerMissing" is not null`);
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

/**
 * One keyset page in one statement, serialised by Postgres: `items` is the page's JSON array,
 * written in the API's shape (AutomationSummary in the OpenAPI description), and `cursorAt` /
 * `cursorId` name the page's last row when another page follows. The page is cut from
 * `automations` alone (`limit` + 1 rows, to know whether another follows), so owner,
 * department and the counts are looked up for its rows only (index lookups), never for every
 * row the filters match. Building the JSON here spares the server a parse, a mapping and a
 * serialisation of every row on each call: about a third of a list request's CPU in Node.
 */
export function automationPageSql(caller: Caller, query: TAutomationListQuery) {
  const { values, bind } = new SqlParams();
  const where = [automationFilterSql(caller, query, bind)];
  if (query.cursor) where.push(afterCursorSql(query.cursor, bind));
  const limit = bind(query.limit);
  const text = `
    with page as (
      select a.*, row_number() over (order by a."createdAt" desc, a.id desc) as n
        from (select a.id, a.name, a.description, a.kind, a."runMode", a.status, a.version,
                     a."ownerId", a."departmentId", a."createdAt", a."updatedAt", a."ownerMissing"
                from automations a
               where ${where.join(" and ")}
               order by a."createdAt" desc, a.id desc
               limit ${limit}::int + 1) a)
    select coalesce(json_agg(json_build_object(
             'id', p.id, 'name', p.name, 'description', p.description, 'kind', p.kind,
             'runMode', p."runMode", 'status', p.status, 'version', p.version,
             'ownerId', p."ownerId", 'departmentId', p."departmentId",
             'createdAt', ${isoTimestampSql('p."createdAt"')},
             'updatedAt', ${isoTimestampSql('p."updatedAt"')},
             'owner', json_build_object('id', o.id, 'name', o.name, 'email', o.email),
             'department', json_build_object('id', d.id, 'name', d.name),
             'outstandingCount', (select count(*)::int from prerequisites x
                                   where x."automationId" = p.id and x.status <> 'SATISFIED'),
             'systemCount', (select count(*)::int from system_accesses s where s."automationId" = p.id),
             'findingCount', (select count(*)::int from inventory_findings f
                               where f."automationId" = p.id and f."resolvedAt" is null),
             'ownerMissing', p."ownerMissing")
             order by p.n) filter (where p.n <= ${limit}::int), '[]')::text as items,
           max(${isoTimestampSql('p."createdAt"')}) filter (where p.n = ${limit}::int) as "cursorAt",
           max(p.id::text) filter (where p.n = ${limit}::int) as "cursorId",
           count(*) > ${limit}::int as more
      from page p
      join users o on o.id = p."ownerId"
      join departments d on d.id = p."departmentId"`;
  return { text, values };
}

/** What the page's statement returns: one row. */
export interface AutomationPageRow {
  items: string;
  cursorAt: string | null;
  cursorId: string | null;
  more: boolean;
}
