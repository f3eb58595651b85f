import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { REQUEST_STATUS_BADGES, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import {
  AUTH_SCHEME_LABELS,
  DATA_CLASSIFICATION_LABELS,
  DATA_SOURCE_ENVIRONMENT_LABELS,
  DATA_SOURCE_TYPE_LABELS,
} from "@/lib/catalog/labels";
import { badgeLabels, type CsvColumn, csvQueryResponse, labelSql } from "@/lib/export/server/csv";
import type { TRequestExportQuery } from "@/lib/requests/schemas";
import { oldestFirst, requestFilterSql, requestOrderSql } from "@/lib/requests/server/list-sql";

// GET /api/v1/requests/export: the request list (lib/requests/server/requests.ts listRequests) as a
// streamed CSV — the very scope, filter and order SQL of its pages (lib/requests/server/list-sql.ts),
// so that Postgres formats the lines and a server-side cursor streams them.
// test/dashboard/exports.test.ts and test/makers/request-list.test.ts check the rows against
// the list's for every role.

const DATA_SOURCE_TYPE_SQL = `case when r.type = 'GATEWAY' then r.details->>'type' end`;

export const REQUEST_CSV_COLUMNS: ReadonlyArray<CsvColumn> = [
  { header: "Filed", sql: 'r."createdAt"', kind: "timestamp" },
  { header: "Status", sql: labelSql("r.status", badgeLabels(REQUEST_STATUS_BADGES)) },
  { header: "Type", sql: labelSql("r.type", REQUEST_TYPE_LABELS) },
  { header: "Service", sql: "r.service" },
  { header: "Automation", sql: "a.name", mask: true },
  { header: "Department", sql: "d.name", mask: true },
  { header: "Requester", sql: "u.name" },
  { header: "Requester e-mail", sql: "u.email" },
  { header: "Justification", sql: "r.justification", mask: true },
  // The request's details (lib/requests/schemas.ts): a gateway request's data source, a
  // connector request's API. Empty for the other type and for requests filed before them.
  { header: "Data source type", sql: labelSql(DATA_SOURCE_TYPE_SQL, DATA_SOURCE_TYPE_LABELS) },
  { header: "Server", sql: "r.details->>'server'" },
  { header: "Database or path", sql: "r.details->>'database'" },
  { header: "Environment", sql: labelSql("r.details->>'environment'", DATA_SOURCE_ENVIRONMENT_LABELS) },
  { header: "Vendor", sql: "r.details->>'vendor'" },
  { header: "Base URL", sql: "r.details->>'baseUrl'" },
  { header: "Authentication", sql: labelSql("r.details->>'authScheme'", AUTH_SCHEME_LABELS) },
  {
    header: "Scopes",
    sql: `(select string_agg(scope, '; ' order by n)
             from jsonb_array_elements_text(case when jsonb_typeof(r.details->'scopes') = 'array'
                                                 then r.details->'scopes' end)
                  with ordinality as s(scope, n))`,
  },
  {
    header: "Data classification",
    sql: labelSql("r.details->>'dataClassification'", DATA_CLASSIFICATION_LABELS),
  },
  { header: "Decided by", sql: "k.name" },
  { header: "Decided", sql: 'r."decidedAt"', kind: "timestamp" },
  { header: "Decision reason", sql: 'r."decisionReason"', mask: true },
  { header: "Automation id", sql: "a.id" },
  { header: "Request id", sql: "r.id" },
  // The codes behind the labels above, appended so that the columns before keep their places.
  { header: "Status code", sql: "r.status" },
  { header: "Type code", sql: "r.type" },
  { header: "Data source type code", sql: DATA_SOURCE_TYPE_SQL },
  { header: "Environment code", sql: "r.details->>'environment'" },
  { header: "Authentication code", sql: "r.details->>'authScheme'" },
  { header: "Data classification code", sql: "r.details->>'dataClassification'" },
];

export function exportRequests({ caller, filters }: { caller: Caller; filters: TRequestExportQuery }) {
  return csvQueryResponse(
    "requests",
    REQUEST_CSV_COLUMNS,
    (bind) => `
      from requests r
      join automations a on a.id = r."automationId"
      join departments d on d.id = r."departmentId"
      join users u on u.id = r."requesterId"
      left join users k on k.id = r."decidedById"
     where ${requestFilterSql(caller, filters, bind, new Date())}
     order by ${requestOrderSql(oldestFirst(caller, filters))}`,
  );
}
