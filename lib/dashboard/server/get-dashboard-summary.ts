import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { ByType, DashboardSummary } from "@/lib/dashboard/contract";
import { dashboardScopeIds } from "@/lib/dashboard/server/dashboard-scope";
import {
  CONNECTOR_RELEVANT,
  expiringWithin,
  inScope,
  OUTSTANDING_METRIC as OUTSTANDING,
  REQUEST_AGE_DAYS,
} from "@/lib/dashboard/server/dashboard-sql";
import { pool } from "@/lib/db";
import { AUTOMATION_STATUSES, PREREQUISITE_TYPES } from "@/lib/domain/types";
import { notFound } from "@/lib/http/errors";

// GET /api/v1/dashboard/summary: API.md's figures in one statement and one round trip.
// Counts of automations and prerequisites come from dashboard_counts, which triggers keep in
// the writing transaction (docs/decisions/021-dashboard-counts-kept-by-triggers.md): the
// summary never reads the automations or prerequisites tables. What depends on "now" is read
// from the small tables it lives in: pending requests (their ages) and connectors (expiries).

/**
 * The metrics the summary shows, named so that the primary key (department, metric) finds
 * exactly them: the details' blockers ("blocker:…", many per department) are never read.
 */
const SUMMARY_METRICS = [
  "automations",
  ...AUTOMATION_STATUSES.map((status) => `automations:${status}`),
  ...PREREQUISITE_TYPES.map((type) => `${OUTSTANDING}${type}`),
  "declared_only",
  "with_findings",
  "without_owner",
]
  .map((metric) => `'${metric}'`)
  .join(", ");

/** One metric summed over the scope (0 when no department has it). */
function total(metric: string): string {
  return `coalesce((select n from totals where metric = '${metric}'), 0)`;
}

/**
 * The pending requests in scope, oldest first: the order of the indexes on (status, createdAt)
 * and (departmentId, status, createdAt), read index-only (requests created at the same moment
 * have the same age: no tie-break needed, none that would need the table).
 */
const PENDING_OLDEST_FIRST = `
  from requests r
 where ${inScope('r."departmentId"')} and r.status = 'PENDING'
 order by r."createdAt"`;

/**
 * The pending requests' age at `fraction` (0.5: the median), rounded to a tenth of a day, as
 * percentile_cont computes it (linear interpolation between the closest ranks) but without
 * sorting every request: ages in ascending order are the requests newest first, so the value
 * sits at position (n − 1) − fraction·(n − 1) of the oldest-first order, two rows read from an
 * index by OFFSET. `q.n`: how many are pending in scope (none: 0).
 */
function ageAt(fraction: number): string {
  const position = `((q.n - 1) - ${fraction}::float8 * (q.n - 1))`;
  return `coalesce((
    select round((a[1] + (coalesce(a[2], a[1]) - a[1]) * (${position} - floor(${position})))::numeric, 1)::float8
      from (select array_agg(${REQUEST_AGE_DAYS} order by r."createdAt") as a
              from (select r."createdAt" ${PENDING_OLDEST_FIRST}
                    offset greatest(floor(${position}), 0)::bigint limit 2) r) ages), 0)`;
}

/**
 * The summary statement. $1: the department ids in scope (uuid[]), or null for the whole
 * company (no list of every department to send and compare); $2: "now" (timestamptz).
 * Exported so the benchmark can time exactly this SQL directly with pg.
 */
export const SUMMARY_SQL = `
with scope as materialized (
  select id, name from departments where ${inScope("id")}
),
counts as materialized (
  select c."departmentId", c.metric, c.n from dashboard_counts c
   where ${inScope('c."departmentId"')} and c.metric in (${SUMMARY_METRICS}) and c.n <> 0
),
totals as (
  select metric, sum(n)::int as n from counts group by metric
),
pending as (
  select count(*)::int as n from requests r where ${inScope('r."departmentId"')} and r.status = 'PENDING'
),
expiries as (
  select count(*) filter (where ${expiringWithin(7)})::int as d7,
         count(*) filter (where ${expiringWithin(30)})::int as d30,
         count(*)::int as d90
    from connectors c
   where ${expiringWithin(90)} and ${CONNECTOR_RELEVANT}
)
select
  (select coalesce(json_agg(s.id order by s.name, s.id), '[]') from scope s) as "departmentIds",
  ${total("automations")} as total,
  ${total("automations:READY")} as ready,
  ${total("automations:PENDING")} as pending,
  ${total("automations:BLOCKED")} as blocked,
  (select coalesce(json_object_agg(substr(t.metric, ${OUTSTANDING.length + 1}), t.n), '{}')
     from totals t where t.metric like '${OUTSTANDING}%') as "byType",
  (select coalesce(json_agg(json_build_object('departmentId', s.id, 'name', s.name, 'count', coalesce(o.n, 0))
                            order by s.name, s.id), '[]')
     from scope s
     left join (select "departmentId", sum(n)::int as n from counts
                 where metric like '${OUTSTANDING}%' group by "departmentId") o
       on o."departmentId" = s.id) as "byDepartment",
  q.n as "pendingRequests", ${ageAt(0.5)} as median, ${ageAt(0.9)} as p90,
  e.d7, e.d30, e.d90,
  ${total("declared_only")} as "declaredOnly",
  ${total("with_findings")} as "withFindings",
  ${total("without_owner")} as "withoutOwner"
from pending q, expiries e`;

interface SummaryRow {
  departmentIds: string[];
  total: number;
  ready: number;
  pending: number;
  blocked: number;
  byType: Partial<ByType>;
  byDepartment: DashboardSummary["outstandingPrerequisites"]["byDepartment"];
  pendingRequests: number;
  median: number;
  p90: number;
  d7: number;
  d30: number;
  d90: number;
  declaredOnly: number;
  withFindings: number;
  withoutOwner: number;
}

/** Every type as a key, zeros included, in the engine's order. */
export function fillByType(partial: Partial<Record<string, number>>): ByType {
  return Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, partial[type] ?? 0])) as ByType;
}

/** The summary for the departments given (already authorised; null: all), computed at `now`. */
export async function computeSummary(departmentIds: string[] | null, now: Date): Promise<DashboardSummary> {
  const { rows } = await pool().query<SummaryRow>(SUMMARY_SQL, [departmentIds, now]);
  const row = rows[0]!;
  const byType = fillByType(row.byType);
  return {
    scope: { departmentIds: row.departmentIds },
    automations: { total: row.total, ready: row.ready, pending: row.pending, blocked: row.blocked },
    outstandingPrerequisites: {
      total: Object.values(byType).reduce((sum, n) => sum + n, 0),
      byType,
      byDepartment: row.byDepartment,
    },
    satisfiedOnDeclarationOnly: row.declaredOnly,
    inventory: { withFindings: row.withFindings, withoutActiveOwner: row.withoutOwner },
    requests: { pending: row.pendingRequests, medianAgeDays: row.median, p90AgeDays: row.p90 },
    expiries: { next7Days: row.d7, next30Days: row.d30, next90Days: row.d90 },
    generatedAt: now.toISOString(),
  };
}

export async function getDashboardSummary({
  caller,
  departmentId,
}: {
  caller: Caller;
  departmentId?: string;
}): Promise<DashboardSummary> {
  // The scope comes from the caller alone: one statement, no query for the department list.
  const summary = await computeSummary(dashboardScopeIds(caller, departmentId), new Date());
  if (departmentId && summary.scope.departmentIds.length === 0) throw notFound("Department");
  return summary;
}
