import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/permissions";
import { type Bind, requestScopeSql, SqlParams } from "@/lib/auth/scope-sql";
import { cursorLines } from "@/lib/export/batches";
import { type CsvColumn, csvFilename, csvLineSql, csvResponse } from "@/lib/export/csv";
import type { TRequestExportQuery } from "@/lib/requests/schemas";

// GET /api/v1/requests/export: the request list (lib/requests/service.ts listRequests) as a
// streamed CSV — its scope, filters and order, written as SQL so that Postgres formats the
// lines and a server-side cursor streams them. test/dashboard/exports.test.ts checks the rows
// against the list's.

const DAY_MS = 86_400_000;

function filterSql(caller: Caller, filters: TRequestExportQuery, bind: Bind, now: Date): string[] {
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
  return where;
}

/** The list's order: IT's queue (PENDING, listed by an approver) oldest first, else newest first. */
function oldestFirst(caller: Caller, filters: TRequestExportQuery): boolean {
  return filters.sort
    ? filters.sort === "oldest"
    : filters.status === "PENDING" && can(caller, "request:decide");
}

const COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Filed", sql: 'r."createdAt"', kind: "timestamp" },
  { header: "Status", sql: "r.status" },
  { header: "Type", sql: "r.type" },
  { header: "Service", sql: "r.service" },
  { header: "Automation", sql: "a.name" },
  { header: "Department", sql: "d.name" },
  { header: "Requester", sql: "u.name" },
  { header: "Requester e-mail", sql: "u.email" },
  { header: "Justification", sql: "r.justification" },
  { header: "Decided by", sql: "k.name" },
  { header: "Decided", sql: 'r."decidedAt"', kind: "timestamp" },
  { header: "Decision reason", sql: 'r."decisionReason"' },
  { header: "Automation id", sql: "a.id" },
  { header: "Request id", sql: "r.id" },
];

export function exportRequests({ caller, filters }: { caller: Caller; filters: TRequestExportQuery }) {
  const { values, bind } = new SqlParams();
  const direction = oldestFirst(caller, filters) ? "asc" : "desc";
  const sql = `
    select ${csvLineSql(COLUMNS)} as line
      from requests r
      join automations a on a.id = r."automationId"
      join departments d on d.id = r."departmentId"
      join users u on u.id = r."requesterId"
      left join users k on k.id = r."decidedById"
     where ${filterSql(caller, filters, bind, new Date()).join(" and ")}
     order by r."createdAt" ${direction}, r.id ${direction}`;
  return csvResponse({
    filename: csvFilename("requests"),
    columns: COLUMNS,
    lines: cursorLines(sql, values),
  });
}
