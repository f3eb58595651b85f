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
import { answers, json, pageOf, signedInRoutes } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZPrerequisiteExportQuery, ZPrerequisiteListQuery } from "@/lib/prerequisites/schemas";
import { PREREQUISITE_CSV_COLUMNS } from "@/lib/prerequisites/server/views";
import { ZRequestExportQuery } from "@/lib/requests/schemas";
import { REQUEST_CSV_COLUMNS } from "@/lib/requests/server/export-requests";

// The dashboards, the prerequisites drill-down and every list's CSV export, for the OpenAPI
// document. The answer schemas describe lib/dashboard/types.ts and lib/prerequisites/server/views.ts.

const csv = (what: string, columns: ReadonlyArray<CsvColumn>): ResponseConfig => ({
  description: `${what} as CSV (UTF-8 with a byte-order mark, streamed; just the header when nothing matches). Columns, in order: ${columns.map((column) => `“${column.header}”`).join(", ")}. Coded values are written in the words the pages show; the codes follow in the “… code” columns. Timestamps are ISO 8601 in UTC.`,
  content: { "text/csv": { schema: z.string() } },
});

export function registerDashboardPaths(registry: OpenAPIRegistry): void {
  const route = signedInRoutes(registry, "Dashboards");
  const scoped =
    "MANAGER: their departments; IT_APPROVER and ADMIN: the whole company. `departmentId` narrows to one department of that scope; an unknown one, or one a manager does not manage, is 404.";
  route({
    method: "get",
    path: "/api/v1/dashboard/summary",
    summary: "Headline figures: readiness, outstanding prerequisites, request aging, key expiries",
    description: scoped,
    request: { query: ZDashboardQuery },
    responses: answers(200, json(ZDashboardSummary, "The figures, computed now."), 400, 403, 404),
  });
  route({
    method: "get",
    path: "/api/v1/dashboard/details",
    summary: "Chart data: by type × department, aging histogram, oldest requests, expiries, blockers, trend",
    description: scoped,
    request: { query: ZDashboardQuery },
    responses: answers(200, json(ZDashboardDetails, "The chart data, computed now."), 400, 403, 404),
  });
  route({
    method: "get",
    path: "/api/v1/dashboard/leavers",
    summary: "What leavers left behind: automations without an active owner, credentials to rotate",
    description: `${scoped} Counts by department and by how long they have waited since the leave.`,
    request: { query: ZDashboardQuery },
    responses: answers(200, json(ZLeaverDashboard, "The figures, computed now."), 400, 403, 404),
  });
  route({
    method: "get",
    path: "/api/v1/dashboard/leavers/export",
    summary: "Export what leavers left behind as CSV, one line per item",
    description: `${scoped} Every automation without an active owner and every prerequisite waiting for a rotation after a leaver, the longest waiting first.`,
    request: { query: ZDashboardQuery },
    responses: answers(200, csv("Leavers' items", LEAVER_CSV_COLUMNS), 400, 403, 404),
  });
  route({
    method: "get",
    path: "/api/v1/prerequisites",
    summary: "List prerequisites (the dashboards' drill-down)",
    description:
      "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all. Automations that are RETIRED are left out. By automation name, keyset-paginated.",
    request: { query: ZPrerequisiteListQuery },
    responses: answers(
      200,
      json(pageOf(ZPrerequisiteItem, "PrerequisitePage"), "A page of prerequisites."),
      400,
    ),
  });
  const exports = [
    {
      path: "/api/v1/prerequisites/export",
      what: "Prerequisites",
      query: ZPrerequisiteExportQuery,
      list: "GET /api/v1/prerequisites",
      who: "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all",
      columns: PREREQUISITE_CSV_COLUMNS,
    },
    {
      path: "/api/v1/automations/export",
      what: "Automations",
      query: ZAutomationExportQuery,
      list: "GET /api/v1/automations",
      who: "MAKER: their own; MANAGER: their departments'; IT_APPROVER and ADMIN: all",
      columns: AUTOMATION_CSV_COLUMNS,
    },
    {
      path: "/api/v1/requests/export",
      what: "Requests",
      query: ZRequestExportQuery,
      list: "GET /api/v1/requests",
      who: "MAKER: their own; MANAGER: their departments'; IT_APPROVER: all",
      columns: REQUEST_CSV_COLUMNS,
    },
  ] as const;
  for (const { path, what, query, list, who, columns } of exports) {
    route({
      method: "get",
      path,
      tags: [what === "Prerequisites" ? "Dashboards" : what],
      summary: `Export ${what.toLowerCase()} as CSV`,
      description: `${who}. Every row ${list} would page through, with the same filters, scope and order, as one CSV download.`,
      request: { query },
      responses: answers(200, csv(what, columns), 400),
    });
  }
}
