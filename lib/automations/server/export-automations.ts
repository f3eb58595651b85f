import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { AUTOMATION_STATUS_BADGES, KIND_LABELS, RUN_MODE_LABELS } from "@/lib/automations/labels";
import type { TAutomationExportQuery } from "@/lib/automations/schemas";
import { automationFilterSql } from "@/lib/automations/server/list-sql";
import { badgeLabels, type CsvColumn, csvQueryResponse, labelSql } from "@/lib/export/server/csv";

// GET /api/v1/automations/export: the automation list (lib/automations/queries.ts
// listAutomations) as a streamed CSV — the very scope and filter SQL of its pages
// (lib/automations/server/list-sql.ts) and its order (newest first), so that Postgres formats the
// lines and a server-side cursor streams them. test/dashboard/exports.test.ts checks the rows
// against the list's for every role.

export const AUTOMATION_CSV_COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Name", sql: "a.name", mask: true },
  { header: "Status", sql: labelSql("a.status", badgeLabels(AUTOMATION_STATUS_BADGES)) },
  { header: "Kind", sql: labelSql("a.kind", KIND_LABELS) },
  { header: "Run mode", sql: labelSql('a."runMode"', RUN_MODE_LABELS) },
  { header: "Runs as", sql: 'a."runAs"', mask: true },
  { header: "Department", sql: "d.name", mask: true },
  { header: "Owner", sql: "o.name" },
  { header: "Owner e-mail", sql: "o.email" },
  {
    header: "Not in place",
    kind: "number",
    sql: `case when a.status = 'RETIRED' then null else
            (select count(*) from prerequisites x where x."automationId" = a.id and x.status <> 'SATISFIED') end`,
  },
  {
    header: "Systems",
    kind: "number",
    sql: `(select count(*) from system_accesses x where x."automationId" = a.id)`,
  },
  { header: "Registered", sql: 'a."createdAt"', kind: "timestamp" },
  { header: "Updated", sql: 'a."updatedAt"', kind: "timestamp" },
  { header: "Automation id", sql: "a.id" },
  // The codes behind the labels above, appended so that the columns before keep their places.
  { header: "Status code", sql: "a.status" },
  { header: "Kind code", sql: "a.kind" },
  { header: "Run mode code", sql: 'a."runMode"' },
  {
    header: "Open findings",
    kind: "number",
    sql: `(select count(*) from inventory_findings f where f."automationId" = a.id and f."resolvedAt" is null)`,
  },
  {
    header: "Finding codes",
    sql: `(select string_agg(distinct f.kind, ' ' order by f.kind) from inventory_findings f
            where f."automationId" = a.id and f."resolvedAt" is null)`,
  },
  { header: "Without an active owner", sql: `case when a."ownerMissing" is null then 'No' else 'Yes' end` },
  { header: "Environment", sql: 'a."environmentId"' },
  { header: "Flow id", sql: 'a."externalId"' },
];

export function exportAutomations({ caller, filters }: { caller: Caller; filters: TAutomationExportQuery }) {
  return csvQueryResponse(
    "automations",
    AUTOMATION_CSV_COLUMNS,
    (bind) => `
      from automations a
      join users o on o.id = a."ownerId"
      join departments d on d.id = a."departmentId"
     where ${automationFilterSql(caller, filters, bind)}
     order by a."createdAt" desc, a.id desc`,
  );
}
