import type { PrerequisiteType } from "@/lib/domain/types";

type RequestType = "SHARED_KEY_CONNECTOR" | "GATEWAY";

// The answers of /api/v1/dashboard/*, as the browser reads them (dates are ISO strings on
// the wire). Plain types, shared by the server modules and the dashboard's components.

export type ByType = Record<PrerequisiteType, number>;

/** API.md's dashboard summary, exactly. */
export interface DashboardSummary {
  scope: { departmentIds: string[] };
  automations: { total: number; ready: number; pending: number; blocked: number };
  outstandingPrerequisites: {
    total: number;
    byType: ByType;
    byDepartment: Array<{ departmentId: string; name: string; count: number }>;
  };
  /** Ages in days, a decimal rounded to one place; 0 when nothing is pending. */
  requests: { pending: number; medianAgeDays: number; p90AgeDays: number };
  /** Cumulative: a key expiring in 3 days counts in all three. */
  expiries: { next7Days: number; next30Days: number; next90Days: number };
  generatedAt: string;
}

export interface AgingBucket {
  bucket: string;
  /** Age in whole days: at least `from`, less than `to` (null: no limit). */
  from: number;
  to: number | null;
  count: number;
}

export interface OldestPendingRequest {
  id: string;
  type: RequestType;
  service: string | null;
  automation: { id: string; name: string };
  department: { id: string; name: string };
  requester: { id: string; name: string };
  createdAt: string;
  ageDays: number;
}

export interface ExpiringConnector {
  id: string;
  name: string;
  service: string;
  keyExpiresAt: string;
  /** Whole days left, rounded up: 3 means it expires within the next 3 days. */
  daysLeft: number;
  /** Active automations in scope that this connector satisfies today. */
  dependents: number;
}

export interface TopBlocker {
  /** SERVICE: a shared-key service without a usable connector; SYSTEM: a system's own sign-in. */
  kind: "SERVICE" | "SYSTEM";
  name: string;
  automations: number;
}

export interface TrendPoint {
  day: string;
  total: number;
  byType: ByType;
}

export type ByTypeAndDepartment = { departmentId: string; name: string; total: number } & ByType;

export interface DashboardDetails {
  scope: { departmentIds: string[] };
  byTypeAndDepartment: ByTypeAndDepartment[];
  agingHistogram: AgingBucket[];
  oldestPending: OldestPendingRequest[];
  expiringConnectors: ExpiringConnector[];
  topBlockers: TopBlocker[];
  trend: TrendPoint[];
  generatedAt: string;
}
