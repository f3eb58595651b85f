import { basisFields, ZLapse } from "@/lib/automations/contract";
import {
  AUTOMATION_STATUSES,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  type PrerequisiteType,
} from "@/lib/domain/types";
import { ZNamedRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

const count = z.number().int().min(0);
export const ZByType = z
  .object(
    Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, count])) as Record<
      PrerequisiteType,
      typeof count
    >,
  )
  .openapi("CountByType");
export const ZScope = z
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
    satisfiedOnDeclarationOnly: count.openapi({
      description:
        "SATISFIED prerequisites (of automations that are not RETIRED) known only from the maker's declaration — basis DECLARED, not verified by IT. The list behind it: GET /api/v1/prerequisites?basis=DECLARED.",
    }),
    inventory: z
      .object({
        withFindings: count.openapi({
          description:
            "Automations with an open finding from an inventory import or sync. The list: GET /api/v1/automations?finding=ANY.",
        }),
        withoutActiveOwner: count.openapi({
          description:
            "Automations whose owner left or has no account here. The list: GET /api/v1/automations?ownerMissing=true.",
        }),
      })
      .openapi({ description: "Of the automations in scope that are not RETIRED." }),
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
    generatedAt: ZTimestamp,
  })
  .openapi("DashboardSummary", {
    description:
      "“Outstanding” counts every prerequisite that is not SATISFIED on automations that are not RETIRED.",
  });

export const ZDashboardDetails = z
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
          createdAt: ZTimestamp,
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
          keyExpiresAt: ZTimestamp,
          daysLeft: count.openapi({ description: "Whole days, rounded up." }),
          dependents: count.openapi({ description: "Active automations in scope it satisfies." }),
        }),
      )
      .openapi({ description: "Keys expiring within 90 days (at most 50), soonest first." }),
    topBlockers: z
      .array(
        z.object({
          kind: z.enum(["SERVICE", "SYSTEM"]),
          name: z.string(),
          automations: count.openapi({
            description:
              "Automations waiting on it, once per system: one whose two systems need the same service counts twice.",
          }),
        }),
      )
      .openapi({
        description: "The ten services and systems with the most automations still waiting on them.",
      }),
    trend: z
      .array(z.object({ day: z.string().openapi({ format: "date" }), total: count, byType: ZByType }))
      .openapi({ description: "Daily snapshots of the last 90 days; today computed live." }),
    generatedAt: ZTimestamp,
  })
  .openapi("DashboardDetails");

const ZLeaverAging = z
  .object({
    under7Days: count,
    days7To30: count.openapi({ description: "7 days or more, less than 30." }),
    over30Days: count.openapi({ description: "30 days or more." }),
  })
  .openapi("LeaverAging", { description: "How long the items have waited, counted from the leave." });

export const ZLeaverDashboard = z
  .object({
    scope: ZScope,
    withoutActiveOwner: z
      .object({
        total: count,
        left: count.openapi({ description: "Their owner was deactivated (left)." }),
        notFound: count.openapi({
          description: "Their owner, from an inventory import, has no account here.",
        }),
        aging: ZLeaverAging,
      })
      .openapi({
        description:
          "Automations (not RETIRED) without an active owner. The list: GET /api/v1/automations?ownerMissing=true.",
      }),
    awaitingRotation: z.object({ total: count, aging: ZLeaverAging }).openapi({
      description:
        "CREDENTIAL and WINDOWS_SIGN_IN prerequisites OUTSTANDING because the person who knew the credential, or whose own Windows account it runs under, left: rotate it and name a new owner. The list: GET /api/v1/prerequisites?leaver=true.",
    }),
    byDepartment: z
      .array(
        z.object({
          departmentId: z.uuid(),
          name: z.string(),
          withoutActiveOwner: count,
          awaitingRotation: count,
          waitingSince: ZTimestamp.nullable().openapi({
            description: "The oldest item's leave; null: none.",
          }),
        }),
      )
      .openapi({
        description: "Every department in scope with at least one item, the longest waiting first.",
      }),
    generatedAt: ZTimestamp,
  })
  .openapi("LeaverDashboard");

export const ZPrerequisiteItem = z
  .object({
    id: z.uuid(),
    type: z.enum(PREREQUISITE_TYPES),
    status: z.enum(PREREQUISITE_STATUSES),
    lapse: ZLapse,
    reason: z.string(),
    satisfiedBy: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    ...basisFields,
    updatedAt: ZTimestamp,
    automation: z.object({ id: z.uuid(), name: z.string(), status: z.enum(AUTOMATION_STATUSES) }),
    department: ZNamedRef,
    system: z.object({ id: z.uuid(), name: z.string(), service: z.string().nullable() }).nullable(),
  })
  .openapi("PrerequisiteListItem");

export type ByType = z.infer<typeof ZByType>;
export type Scope = z.infer<typeof ZScope>;
export type DashboardSummary = z.infer<typeof ZDashboardSummary>;
export type DashboardDetails = z.infer<typeof ZDashboardDetails>;
export type PrerequisiteItem = z.infer<typeof ZPrerequisiteItem>;
export type LeaverDashboard = z.infer<typeof ZLeaverDashboard>;
export type LeaverAging = LeaverDashboard["awaitingRotation"]["aging"];
export type ByTypeAndDepartment = DashboardDetails["byTypeAndDepartment"][number];
export type AgingBucket = DashboardDetails["agingHistogram"][number];
export type OldestPendingRequest = DashboardDetails["oldestPending"][number];
export type ExpiringConnector = DashboardDetails["expiringConnectors"][number];
export type TopBlocker = DashboardDetails["topBlockers"][number];
export type TrendPoint = DashboardDetails["trend"][number];
