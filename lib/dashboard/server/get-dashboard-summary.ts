import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { dashboardScopeIds } from "@/lib/dashboard/server/dashboard-scope";
import {
  CONNECTOR_RELEVANT,
  expiringWithin,
  inScope,
  OUTSTANDING_METRIC as OUTSTANDING,
  REQUEST_AGE_DAYS,
} from "@/lib/dashboard/server/dashboard-sql";
import { queryPrepared } from "@/lib/db";
import { AUTOMATION_STATUSES, PREREQUISITE_TYPES } from "@/lib/domain/types";
import { notFound } from "@/lib/http/errors";
import { JsonText } from "@/lib/http/json-text";

// GET /api/v1/dashboard/summary: API.md's figures in one statement and one round trip, the
// answer's JSON written by Postgres and sent as it is (no parse and stringify of a list of every
// department in the web tier). Counts of automations and prerequisites come from the counts that
// triggers keep in the writing transaction (docs/decisions/021-dashboard-counts-kept-by-triggers.md):
// the company's from dashboard_company_counts (its slots summed), a manager's departments' from
// dashboard_counts; the summary never reads the automations or prerequisites tables. What
// depends on "now" is read from the small tables it lives in: pending requests (their ages) and
// connectors (expiries).

/**
 * The metrics the summary's totals show, named so that the primary keys find exactly them: the
 * details' blockers ("blocker:…") are never read.
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

/** Every prerequisite type as a key of a JSON object, zeros included, in the engine's order. */
const BY_TYPE = `json_build_object(${PREREQUISITE_TYPES.map((type) => `'${type}', ${total(`${OUTSTANDING}${type}`)}`).join(", ")})`;

/**
 * The summary statement: one row, the answer's JSON as text (`body`) and how many departments
 * it covers. $1: the department ids in scope (uuid[]), or null for the whole company (no list of
 * every department to send and compare); $2: "now" (timestamptz).
 * Exported so the benchmark can time exactly this SQL directly with pg.
 */
export const SUMMARY_SQL = `
with scope as materialized (
  select id, name from departments where ${inScope("id")}
),
totals as materialized (
  select metric, sum(n)::int as n from dashboard_company_counts
   where $1::uuid[] is null and metric in (${SUMMARY_METRICS})
   group by metric
  union all
  select metric, sum(n)::int from dashboard_counts
   where $1::uuid[] is not null and "departmentId" = any($1::uuid[]) and metric in (${SUMMARY_METRICS})
   group by metric
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
select (select count(*)::int from scope) as departments, json_build_object(
  'scope', json_build_object(
    'departmentIds', (select coalesce(json_agg(s.id order by s.name, s.id), '[]') from scope s)),
  'automations', json_build_object(
    'total', ${total("automations")}, 'ready', ${total("automations:READY")},
    'pending', ${total("automations:PENDING")}, 'blocked', ${total("automations:BLOCKED")}),
  'outstandingPrerequisites', json_build_object(
    'total', (select coalesce(sum(t.n), 0)::int from totals t where t.metric like '${OUTSTANDING}%'),
    'byType', ${BY_TYPE},
    'byDepartment', (
      select coalesce(json_agg(json_build_object('departmentId', s.id, 'name', s.name, 'count', coalesce(o.n, 0))
                               order by s.name, s.id), '[]')
        from scope s
        left join dashboard_counts o on o."departmentId" = s.id and o.metric = 'outstanding')),
  'satisfiedOnDeclarationOnly', ${total("declared_only")},
  'inventory', json_build_object(
    'withFindings', ${total("with_findings")}, 'withoutActiveOwner', ${total("without_owner")}),
  'requests', json_build_object(
    'pending', q.n, 'medianAgeDays', ${ageAt(0.5)}, 'p90AgeDays', ${ageAt(0.9)}),
  'expiries', json_build_object('next7Days', e.d7, 'next30Days', e.d30, 'next90Days', e.d90),
  'generatedAt', to_char($2::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
)::text as body
from pending q, expiries e`;

/**
 * The summary's JSON for the departments given (already authorised; null: all), computed at
 * `now`, and how many departments it covers.
 */
export async function summaryJson(
  departmentIds: string[] | null,
  now: Date,
): Promise<{ departments: number; json: JsonText }> {
  // Prepared, planned once per connection: planning this statement's many small subqueries took
  // as long as running them for a manager's few departments.
  const { rows } = await queryPrepared<{ departments: number; body: string }>(SUMMARY_SQL, [
    departmentIds,
    now,
  ]);
  const row = rows[0]!;
  return { departments: row.departments, json: new JsonText(row.body) };
}

export async function getDashboardSummary({
  caller,
  departmentId,
}: {
  caller: Caller;
  departmentId?: string;
}): Promise<JsonText> {
  // The scope comes from the caller alone: one statement, no query for the department list.
  const summary = await summaryJson(dashboardScopeIds(caller, departmentId), new Date());
  if (departmentId && summary.departments === 0) throw notFound("Department");
  return summary.json;
}
