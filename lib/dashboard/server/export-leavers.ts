import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { PREREQUISITE_TYPE_LABELS } from "@/lib/automations/labels";
import { resolveDashboardScope } from "@/lib/dashboard/server/dashboard-scope";
import { LEAVER_ITEMS } from "@/lib/dashboard/server/leavers-sql";
import { cursorLines } from "@/lib/export/server/batches";
import { type CsvColumn, csvFilename, csvLineSql, csvResponse, labelSql } from "@/lib/export/server/csv";

// GET /api/v1/dashboard/leavers/export: every item the leaver dashboard counts, one line each,
// the longest waiting first — for the manager who works through them or the auditor who asks.

export const LEAVER_KIND_LABELS = {
  WITHOUT_OWNER: "Without an active owner",
  AWAITING_ROTATION: "Waiting for a rotation after a leaver",
} as const;

const OWNER_MISSING_LABELS = { LEFT: "Owner left", NOT_FOUND: "Owner not found here" };

export const LEAVER_CSV_COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Kind", sql: labelSql("i.kind", LEAVER_KIND_LABELS) },
  { header: "Department", sql: "d.name", mask: true },
  { header: "Automation", sql: "i.automation", mask: true },
  { header: "System", sql: "i.system", mask: true },
  {
    header: "What",
    sql: `case when i.kind = 'WITHOUT_OWNER' then ${labelSql("i.detail", OWNER_MISSING_LABELS)}
               else ${labelSql("i.detail", PREREQUISITE_TYPE_LABELS)} end`,
  },
  { header: "Person", sql: "i.person", mask: true },
  { header: "Person e-mail", sql: 'i."personEmail"' },
  { header: "Since", sql: "i.since", kind: "timestamp" },
  {
    header: "Days waiting",
    sql: "floor(greatest(extract(epoch from ($2::timestamptz - i.since)), 0) / 86400)::int",
    kind: "number",
  },
  { header: "Automation id", sql: 'i."automationId"' },
  { header: "Kind code", sql: "i.kind" },
  { header: "What code", sql: "i.detail" },
];

export async function exportLeavers({ caller, departmentId }: { caller: Caller; departmentId?: string }) {
  const departments = await resolveDashboardScope(caller, departmentId);
  const sql = `
    select ${csvLineSql(LEAVER_CSV_COLUMNS)} as line
      from (${LEAVER_ITEMS}) i
      join departments d on d.id = i."departmentId"
     order by i.since, d.name, i.automation, i."automationId", i.system nulls first`;
  return csvResponse({
    filename: csvFilename("leavers"),
    columns: LEAVER_CSV_COLUMNS,
    lines: cursorLines(sql, [departments.map((department) => department.id), new Date()]),
  });
}
