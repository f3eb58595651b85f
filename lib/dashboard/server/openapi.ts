import "server-only";
import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { ZAutomationExportQuery } from "@/lib/automations/schemas";
import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { AUTOMATION_STATUSES, PREREQUISITE_STATUSES, PREREQUISITE_TYPES } from "@/lib/domain/types";
import { errors, json, pageOf, SIGNED_IN, ZNamedRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZPrerequisiteExportQuery, ZPrerequisiteListQuery } from "@/lib/prerequisites/schemas";
import { ZRequestExportQuery } from "@/lib/requests/schemas";

// The dashboards, the prerequisites drill-down and every list's CSV export, for the OpenAPI
// document. The answer schemas describe lib/dashboard/types.ts and lib/prerequisites/server/views.ts.

const timestamp = z.string().openapi({ format: "date-time" });
const count = z.number().int().min(0);
const ZByType = z
  .object(Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, count])))
  .openapi("CountByType");
const ZScope = z
  .object({ departmentIds: z.array(z.uuid()).openapi({ description: "The departments covered, by name." }) })
  .openapi("DashboardScope");

export const ZDashboardSummary = z
  .object({
    scope: ZScope,
    automations: z
      .object({ total: count, ready: count, pending: count, blocked: count })
      .openapi({ description: "total: every automation that is not RETIRED." }),
    outstandingPrerequisites: z.object({
      total: count,
      byType: ZByType,
      byDepartment: z
        .array(z.object({ departmentId: z.uuid(), name: z.string(), count }))
        .openapi({ description: "Every department in scope, zeros included, by name." }),
    }),
    requests: z
      .object({
        pending: count,
        medianAgeDays: z.number().openapi({ description: "Days, one decimal; 0 when none is pending." }),
        p90AgeDays: z.number().openapi({ description: "90th percentile (interpolated), days, one decimal." }),
      })
      .openapi({ description: "PENDING requests of the departments in scope." }),
    expiries: z.object({ next7Days: count, next30Days: count, next90Days: count }).openapi({
      description:
        "APPROVED connectors whose key expires within the next N × 24 hours and that the scope can use (shared with everyone, or with a department in scope). Cumulative.",
    }),
    generatedAt: timestamp,
  })
  .openapi("DashboardSummary", {
    description:
      "“Outstanding” counts every prerequisite that is not SATISFIED on automations that are not RETIRED.",
  });

const ZDashboardDetails = z
  .object({
    scope: ZScope,
    byTypeAndDepartment: z.array(
      z.object({ departmentId: z.uuid(), name: z.string(), total: count, ...ZByType.shape }),
    ),
    agingHistogram: z.array(
      z.object({
        bucket: z.string(),
        from: count.openapi({ description: "Days waited, at least." }),
        to: count.nullable().openapi({ description: "Days waited, less than; null: no limit." }),
        count,
      }),
    ),
    oldestPending: z
      .array(
        z.object({
          id: z.uuid(),
          type: z.enum(["SHARED_KEY_CONNECTOR", "GATEWAY"]),
          service: z.string().nullable(),
          automation: ZNamedRef,
          department: ZNamedRef,
          requester: ZNamedRef,
          createdAt: timestamp,
          ageDays: z.number(),
        }),
      )
      .openapi({ description: "The ten PENDING requests that have waited longest." }),
    expiringConnectors: z
      .array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          service: z.string(),
          keyExpiresAt: timestamp,
          daysLeft: count.openapi({ description: "Whole days, rounded up." }),
          dependents: count.openapi({ description: "Active automations in scope it satisfies." }),
        }),
      )
      .openapi({ description: "Keys expiring within 90 days (at most 50), soonest first." }),
    topBlockers: z
      .array(z.object({ kind: z.enum(["SERVICE", "SYSTEM"]), name: z.string(), automations: count }))
      .openapi({
        description: "The ten services and systems with the most automations still waiting on them.",
      }),
    trend: z
      .array(z.object({ day: z.string().openapi({ format: "date" }), total: count, byType: ZByType }))
      .openapi({ description: "Daily snapshots of the last 90 days; today computed live." }),
    generatedAt: timestamp,
  })
  .openapi("DashboardDetails");

const ZPrerequisiteItem = z
  .object({
    id: z.uuid(),
    type: z.enum(PREREQUISITE_TYPES),
    status: z.enum(PREREQUISITE_STATUSES),
    reason: z.string(),
    satisfiedBy: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    updatedAt: timestamp,
    automation: z.object({ id: z.uuid(), name: z.string(), status: z.enum(AUTOMATION_STATUSES) }),
    department: ZNamedRef,
    system: z.object({ id: z.uuid(), name: z.string(), service: z.string().nullable() }).nullable(),
  })
  .openapi("PrerequisiteListItem");

const csv = (what: string): ResponseConfig => ({
  description: `${what} as CSV (UTF-8 with a byte-order mark, streamed; just the header when nothing matches).`,
  content: { "text/csv": { schema: z.string() } },
});

export function registerDashboardPaths(registry: OpenAPIRegistry): void {
  const scoped =
    "MANAGER: their departments; IT_APPROVER and ADMIN: the whole company. `departmentId` narrows to one department of that scope; an unknown one, or one a manager does not manage, is 404.";
  registry.registerPath({
    method: "get",
    path: "/api/v1/dashboard/summary",
    tags: ["Dashboards"],
    summary: "Headline figures: readiness, outstanding prerequisites, request aging, key expiries",
    description: scoped,
    security: SIGNED_IN,
    request: { query: ZDashboardQuery },
    responses: { 200: json(ZDashboardSummary, "The figures, computed now."), ...errors(400, 403, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/dashboard/details",
    tags: ["Dashboards"],
    summary: "Chart data: by type × department, aging histogram, oldest requests, expiries, blockers, trend",
    description: scoped,
    security: SIGNED_IN,
    request: { query: ZDashboardQuery },
    responses: { 200: json(ZDashboardDetails, "The chart data, computed now."), ...errors(400, 403, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/prerequisites",
    tags: ["Dashboards"],
    summary: "List prerequisites (the dashboards' drill-down)",
    description:
      "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all. Automations that are RETIRED are left out. By automation name, keyset-paginated.",
    security: SIGNED_IN,
    request: { query: ZPrerequisiteListQuery },
    responses: {
      200: json(pageOf(ZPrerequisiteItem, "PrerequisitePage"), "A page of prerequisites."),
      ...errors(400),
    },
  });
  const exports = [
    {
      path: "/api/v1/prerequisites/export",
      what: "Prerequisites",
      query: ZPrerequisiteExportQuery,
      list: "GET /api/v1/prerequisites",
      who: "MAKER: of their automations; MANAGER: of their departments; IT_APPROVER and ADMIN: all",
    },
    {
      path: "/api/v1/automations/export",
      what: "Automations",
      query: ZAutomationExportQuery,
      list: "GET /api/v1/automations",
      who: "MAKER: their own; MANAGER: their departments'; IT_APPROVER and ADMIN: all",
    },
    {
      path: "/api/v1/requests/export",
      what: "Requests",
      query: ZRequestExportQuery,
      list: "GET /api/v1/requests",
      who: "MAKER: their own; MANAGER: their departments'; IT_APPROVER: all",
    },
  ] as const;
  for (const { path, what, query, list, who } of exports) {
    registry.registerPath({
      method: "get",
      path,
      tags: [what === "Prerequisites" ? "Dashboards" : what],
      summary: `Export ${what.toLowerCase()} as CSV`,
      description: `${who}. Every row ${list} would page through, with the same filters, scope and order, as one CSV download.`,
      security: SIGNED_IN,
      request: { query },
      responses: { 200: csv(what), ...errors(400) },
    });
  }
}
