import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { type Bind, requestScopeSql, SqlParams } from "@/lib/auth/server/scope-sql";
import { isoTimestampSql } from "@/lib/export/server/csv";
import { decodeTimeCursor } from "@/lib/http/cursor";
import type { TRequestExportQuery, TRequestListQuery } from "@/lib/requests/schemas";
import { type RequestFields, requestView } from "@/lib/requests/server/views";

// The request list (and IT's queue) as SQL. The scope, filters and order are built once here
// for both the list and its CSV export (lib/requests/server/export-requests.ts), so the two cannot disagree
// on a row.

const DAY_MS = 86_400_000;

/** The caller's scope and the list's filters over `requests r`, as one condition; ages from `now`. */
export function requestFilterSql(
  caller: Caller,
  filters: TRequestExportQuery,
  bind: Bind,
  now: Date,
): string {
  const where = [requestScopeSql(caller, bind)];
  if (filters.status) where.push(`r.status = ${bind(filters.status)}::"RequestStatus"`);
  if (filters.type) where.push(`r.type = ${bind(filters.type)}::"RequestType"`);
  if (filters.departmentId) where.push(`r."departmentId" = ${bind(filters.departmentId)}::uuid`);
  if (filters.automationId) where.push(`r."automationId" = ${bind(filters.automationId)}::uuid`);
  if (filters.requesterId) where.push(`r."requesterId" = ${bind(filters.requesterId)}::uuid`);
  if (filters.minAgeDays !== undefined) {
    const before = new Date(now.getTime() - filters.minAgeDays * DAY_MS).toISOString();
    where.push(`r."createdAt" <= ${bind(before)}::timestamptz`);
  }
  if (filters.maxAgeDays !== undefined) {
    const after = new Date(now.getTime() - filters.maxAgeDays * DAY_MS).toISOString();
    where.push(`r."createdAt" > ${bind(after)}::timestamptz`);
  }
  return where.join(" and ");
}

/**
 * The list's order by filing time: `sort` when given, else IT's queue (PENDING, listed by an
 * approver or ADMIN) oldest first, so the longest wait comes first, and everything else newest first.
 */
export function oldestFirst(caller: Caller, filters: TRequestExportQuery): boolean {
  return filters.sort
    ? filters.sort === "oldest"
    : filters.status === "PENDING" && can(caller, "request:read:all");
}

/** `order by` for that order, ties split by id as the cursor does. */
export function requestOrderSql(oldestFirst: boolean): string {
  return oldestFirst ? `r."createdAt", r.id` : `r."createdAt" desc, r.id desc`;
}

/** Rows after the cursor's (createdAt, id) in the page's order. */
function afterCursorSql(cursor: string, ascending: boolean, bind: Bind): string {
  const after = decodeTimeCursor(cursor);
  const createdAt = bind(after.createdAt.toISOString());
  const id = bind(after.id);
  const [bound, beyond] = ascending ? [">=", ">"] : ["<=", "<"];
  // The redundant bound is what the index can seek to; the OR alone is only a filter, and a
  // deep page would then read every row before it.
  return `r."createdAt" ${bound} ${createdAt}::timestamptz
      and (r."createdAt" ${beyond} ${createdAt}::timestamptz
           or (r."createdAt" = ${createdAt}::timestamptz and r.id ${beyond} ${id}::uuid))`;
}

/**
 * `ageInDays` (lib/requests/server/views.ts) in SQL, so that the list's dates stay text Node never
 * parses: whole days open, until `now` while PENDING, else until it was decided, withdrawn or
 * cancelled. test/makers/request-list.test.ts holds the two equal.
 */
function ageDaysSql(now: string): string {
  return `greatest(0, floor(extract(epoch from
            (case when r.status = 'PENDING' then ${now}::timestamptz
                  else coalesce(r."decidedAt", r."updatedAt") end) - r."createdAt") / 86400))::int`;
}

/**
 * One row of a list page: the request's columns, its automation and people as the view nests
 * them, and the dates as ISO 8601 text in UTC, as the API writes them: Postgres formats them,
 * Node need not parse them.
 */
export type RequestListRow = RequestFields<string> & { ageDays: number };

/**
 * One keyset page (`limit` + 1 rows, to know whether another follows) in one statement. The
 * page is cut from `requests` alone, so the automation and people are looked up for its rows
 * only (index lookups).
 */
export function requestPageSql(caller: Caller, query: TRequestListQuery, now: Date) {
  const { values, bind } = new SqlParams();
  const ascending = oldestFirst(caller, query);
  const order = requestOrderSql(ascending);
  const where = [requestFilterSql(caller, query, bind, now)];
  if (query.cursor) where.push(afterCursorSql(query.cursor, ascending, bind));
  const text = `
    select r.id, r.type, r.status, r.version, r."automationId",
           json_build_object('id', a.id, 'name', a.name) as automation,
           r."prerequisiteId", r."prerequisiteKey", r."departmentId", r.service, r.justification,
           r.details, json_build_object('id', u.id, 'name', u.name, 'email', u.email) as requester,
           case when k.id is null then null
                else json_build_object('id', k.id, 'name', k.name, 'email', k.email) end as "decidedBy",
           ${isoTimestampSql('r."decidedAt"')} as "decidedAt", r."decisionReason",
           r."connectorId", r."gatewayId",
           ${isoTimestampSql('r."createdAt"')} as "createdAt",
           ${isoTimestampSql('r."updatedAt"')} as "updatedAt",
           ${ageDaysSql(bind(now.toISOString()))} as "ageDays",
           case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end as assignee
      from (select r.* from requests r
             where ${where.join(" and ")}
             order by ${order}
             limit ${bind(query.limit + 1)}) r
      join automations a on a.id = r."automationId"
      join users u on u.id = r."requesterId"
      left join users k on k.id = r."decidedById"
      left join users s on s.id = r."assigneeId"
     order by ${order}`;
  return { text, values };
}

/** A list row as the API shows it: `requestView`, with the age Postgres computed. */
export function toRequestListItem({ ageDays, ...row }: RequestListRow) {
  return requestView(row, ageDays);
}
