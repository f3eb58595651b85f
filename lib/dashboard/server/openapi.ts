import "server-only";
import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { ZAutomationExportQuery } from "@/lib/automations/schemas";
import { AUTOMATION_CSV_COLUMNS } from "@/lib/automations/server/export-automations";
import {
  ZDashboardDetails,
  ZDashboardSummary,
  ZLeaverDashboard,
  ZPrerequisiteItem,
} from "@/lib/dashboard/contract";
import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { LEAVER_CSV_COLUMNS } from "@/lib/dashboard/server/export-leavers";
import type { CsvColumn } from "@/lib/export/server/csv";
import { json, pageOf, type RouteSpec, signedInRoutes, text } from "@/lib/openapi/common";
import { ZPrerequisiteExportQuery, ZPrerequisiteListQuery } from "@/lib/prerequisites/schemas";
import { PREREQUISITE_CSV_COLUMNS } from "@/lib/prerequisites/server/views";
import { ZRequestExportQuery } from "@/lib/requests/schemas";
import { REQUEST_CSV_COLUMNS } from "@/lib/requests/server/export-requests";

// The dashboards, the prerequisites drill-down and every list's CSV export, for the OpenAPI
// document. The answer schemas describe lib/dashboard/types.ts and lib/prerequisites/server/views.ts.

const csv = (what: string, columns: ReadonlyArray<CsvColumn>) =>
  text(
    `${what} as CSV (UTF-8 with a byte-order mark, streamed; just the header when nothing matches). Columns, in order: ${columns.map((column) => `“${column.header}”`).join(", ")}. Coded values are written in the words the pages show; the codes follow in the “… code” columns. Timestamps are ISO 8601 in UTC.`,
  );

export function registerDashboardPaths(registry: OpenAPIRegistry): void {
  const scoped =
    "MANAGER: their departments; IT_APPROVER and ADMIN: the whole company. `departmentId` narrows to one department of that scope; an unknown one, or one a manager does not manage, is 404.";
  // The dashboards answer the same query, in the same scope, with the same refusals.
  const dashboard = (summary: string, answer: ResponseConfig, description = scoped): RouteSpec => ({
    summary,
    description,
    query: ZDashboardQuery,
    200: answer,
    errors: [400, 403, 404],
  });
  signedInRoutes(registry, "Dashboards", {
    "get /api/v1/dashboard/summary": dashboard(
      "Headline figures: readiness, outstanding prerequisites, request aging, key expiries",
      json(ZDashboardSummary, "The figures, computed now."),
    ),
    "get /api/v1/dashboard/details": dashboard(
      "Chart data: by type × department, aging histogram, oldest requests, expiries, blockers, trend",
      json(ZDashboardDetails, "The chart data, computed now."),
    ),
    "get /api/v1/dashboard/leavers": dashboard(
      "What leavers left behind: automations without an active owner, credentials to rotate",
      json(ZLeaverDashboard, "The figures, computed now."),
      `${scoped} Counts by department and by how long they have waited since the leave.`,
    ),
    "get /api/v1/dashboard/leavers/export": dashboard(
      "Export what leavers left behind as CSV, one line per item",
      csv("Leavers' items", LEAVER_CSV_COLUMNS),
      `${scoped} Every automation without an active owner and every prerequisite waiting for a rotation after a leaver, the longest waiting first.`,
    ),
    "get /api/v1/prerequisites": {
      summary: "List prerequisites (the dashboards' drill-down)",
      description:
        "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all. Automations that are RETIRED are left out. By automation name, keyset-paginated.",
      query: ZPrerequisiteListQuery,
      200: json(pageOf(ZPrerequisiteItem, "PrerequisitePage"), "A page of prerequisites."),
      errors: [400],
    },
    "get /api/v1/prerequisites/export": exportOf(
      "Prerequisites",
      ZPrerequisiteExportQuery,
      "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all",
      PREREQUISITE_CSV_COLUMNS,
    ),
    "get /api/v1/automations/export": exportOf(
      "Automations",
      ZAutomationExportQuery,
      "MAKER: their own; MANAGER: their departments'; IT_APPROVER and ADMIN: all",
      AUTOMATION_CSV_COLUMNS,
    ),
    "get /api/v1/requests/export": exportOf(
      "Requests",
      ZRequestExportQuery,
      "MAKER: their own; MANAGER: their departments'; IT_APPROVER: all",
      REQUEST_CSV_COLUMNS,
    ),
  });
}

/** A list's CSV export: every row its list would page through, under the list's own tag. */
function exportOf(
  what: "Prerequisites" | "Automations" | "Requests",
  query: RouteSpec["query"],
  who: string,
  columns: ReadonlyArray<CsvColumn>,
): RouteSpec {
  return {
    tags: [what === "Prerequisites" ? "Dashboards" : what],
    summary: `Export ${what.toLowerCase()} as CSV`,
    description: `${who}. Every row GET /api/v1/${what.toLowerCase()} would page through, with the same filters, scope and order, as one CSV download.`,
    query,
    200: csv(what, columns),
    errors: [400],
  };
}
