import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { AGING_BUCKETS } from "@/lib/dashboard/aging";
import type {
  ByType,
  ByTypeAndDepartment,
  DashboardDetails,
  ExpiringConnector,
  OldestPendingRequest,
  TopBlocker,
} from "@/lib/dashboard/contract";
import { dashboardScopeIds } from "@/lib/dashboard/server/dashboard-scope";
import {
  BLOCKER_METRIC,
  CONNECTOR_RELEVANT,
  expiringWithin,
  hours,
  inScope,
  OUTSTANDING_COUNTS_IN_SCOPE,
  OUTSTANDING_IN_SCOPE,
  REQUEST_AGE_DAYS,
} from "@/lib/dashboard/server/dashboard-sql";
import { pool } from "@/lib/db";
import { PREREQUISITE_TYPES } from "@/lib/domain/types";
import { notFound } from "@/lib/http/errors";

// GET /api/v1/dashboard/details: the data behind the dashboard's charts, in one statement
// (one round trip): each chart is a scalar subquery that aggregates in Postgres and returns
// JSON. $1: the department ids in scope (uuid[]), or null for the whole company (no list of
// every department to send and compare); $2: "now" (timestamptz).

export const OLDEST_PENDING_LIMIT = 10;
export const TOP_BLOCKERS_LIMIT = 10;
export const EXPIRING_CONNECTORS_LIMIT = 50;
export const TREND_DAYS = 90;

const BY_TYPE_AND_DEPARTMENT = `
  select coalesce(json_agg(x order by x.name, x."departmentId"), '[]') from (
    select s.id as "departmentId", s.name,
           ${PREREQUISITE_TYPES.map((type) => `coalesce(sum(o.n) filter (where o.type = '${type}'), 0)::int as "${type}"`).join(",\n           ")}
      from departments s
      left join outstanding o on o."departmentId" = s.id
     where ${inScope("s.id")}
     group by s.id, s.name) x`;

// Aging: one FILTER per bucket over the pending requests in scope, on the createdAt bounds
// the request list's minAgeDays / maxAgeDays use for the same bucket.
const AGING_HISTOGRAM = `
  select json_build_array(${AGING_BUCKETS.map((bucket) => {
    const conditions = [
      bucket.from === 0 ? null : `r."createdAt" <= $2::timestamptz - interval '${hours(bucket.from)} hours'`,
      bucket.to === null ? null : `r."createdAt" > $2::timestamptz - interval '${hours(bucket.to)} hours'`,
    ].filter(Boolean);
    return `count(*) filter (where ${conditions.join(" and ") || "true"})::int`;
  }).join(", ")})
    from requests r
   where ${inScope('r."departmentId"')} and r.status = 'PENDING'`;

const OLDEST_PENDING = `
  select coalesce(json_agg(x order by x."createdAt", x.id), '[]') from (
    select r.id, r.type, r.service, r."createdAt",
           json_build_object('id', a.id, 'name', a.name) as automation,
           json_build_object('id', d.id, 'name', d.name) as department,
           json_build_object('id', u.id, 'name', u.name) as requester,
           round((${REQUEST_AGE_DAYS})::numeric, 1)::float8 as "ageDays"
      from requests r
      join automations a on a.id = r."automationId"
      join departments d on d.id = r."departmentId"
      join users u on u.id = r."requesterId"
     where ${inScope('r."departmentId"')} and r.status = 'PENDING'
     order by r."createdAt", r.id
     limit ${OLDEST_PENDING_LIMIT}) x`;

// Dependents: the active automations in scope whose prerequisites this connector satisfies.
const EXPIRING_CONNECTORS = `
  select coalesce(json_agg(x order by x."keyExpiresAt", x.id), '[]') from (
    select c.id, c.name, c.service, c."keyExpiresAt",
           ceil(extract(epoch from (c."keyExpiresAt" - $2::timestamptz)) / 86400)::int as "daysLeft",
           (select count(distinct p."automationId")::int
              from prerequisites p
             where p."connectorId" = c.id and p.status = 'SATISFIED'
               and ${inScope('p."departmentId"')}
               and not exists (select 1 from automations r
                                where r.id = p."automationId" and r.status = 'RETIRED')) as dependents
      from connectors c
     where ${expiringWithin(90)} and ${CONNECTOR_RELEVANT}
     order by c."keyExpiresAt", c.id
     limit ${EXPIRING_CONNECTORS_LIMIT}) x`;

// What blocks the most automations, from the "blocker:<kind>:<name>" counts the triggers keep
// (each outstanding prerequisite counts for the blocker its row names; migration
// 20261206003000_dashboard_blockers):
// - SERVICE: the shared-key service it needs, as the system names it;
// - SYSTEM: the system a credential or Windows sign-in is for, keyed by its name trimmed and
//   lower-cased (one per system); only the top ten look up how the system's name is spelt, on
//   prerequisites(blocker, systemAccessId): the first outstanding one in scope.
const TOP_BLOCKERS = `
  select coalesce(json_agg(x order by x.automations desc, x.kind, x.name), '[]') from (
    select b.kind, coalesce(spelt.name, b.name) as name, b.automations
      from (select k.blocker, split_part(k.blocker, ':', 1) as kind,
                   substr(k.blocker, strpos(k.blocker, ':') + 1) as name, k.automations
              from (select substr(c.metric, ${BLOCKER_METRIC.length + 1}) as blocker, sum(c.n)::int as automations
                      from dashboard_counts c
                     where ${inScope('c."departmentId"')}
                       and c.metric like '${BLOCKER_METRIC}%'
                     group by c.metric
                    having sum(c.n) > 0) k
             order by k.automations desc, kind, name
             limit ${TOP_BLOCKERS_LIMIT}) b
      left join lateral (
        select s.name
          from prerequisites p
          join system_accesses s on s.id = p."systemAccessId"
         where b.kind = 'SYSTEM' and p.blocker = b.blocker and ${OUTSTANDING_IN_SCOPE}
         order by p."systemAccessId"
         limit 1) spelt on true) x`;

const TREND_PAST_DAYS = `
  o.day >= (($2::timestamptz at time zone 'UTC')::date - ${TREND_DAYS - 1})
  and o.day < ($2::timestamptz at time zone 'UTC')::date`;

// The trend: the daily snapshots kept by the job queue (lib/dashboard/server/take-snapshot.ts) for the
// days before today — for the whole company their totals per day and type, which a trigger keeps
// (migration 20261206200000_company_trend_and_counts_index), else the departments' rows summed —
// and today computed live from the same definition. Only one of the first two branches reads
// anything: with $1 known at planning, the other's condition is constant false.
const TREND = `
  select coalesce(json_agg(t order by t.day), '[]') from (
    select d.day::text as day, json_object_agg(d.type, d.n) as "byType"
      from (
        select o.day, o.type::text as type, o.count as n
          from outstanding_snapshot_totals o
         where $1::uuid[] is null and ${TREND_PAST_DAYS}
        union all
        select o.day, o.type::text as type, sum(o.count)::int as n
          from outstanding_snapshots o
         where $1::uuid[] is not null and o."departmentId" = any($1::uuid[]) and ${TREND_PAST_DAYS}
         group by o.day, o.type
        union all
        select ($2::timestamptz at time zone 'UTC')::date, o.type, sum(o.n)::int
          from outstanding o group by o.type
      ) d
     group by d.day) t`;

/** The details statement; exported so the benchmark can time it directly. */
export const DETAILS_SQL = `
with outstanding as (${OUTSTANDING_COUNTS_IN_SCOPE})
select
  (select coalesce(json_agg(s.id order by s.name, s.id), '[]') from departments s where ${inScope("s.id")})
    as "departmentIds",
  (${BY_TYPE_AND_DEPARTMENT}) as "byTypeAndDepartment",
  (${AGING_HISTOGRAM}) as "agingHistogram",
  (${OLDEST_PENDING}) as "oldestPending",
  (${EXPIRING_CONNECTORS}) as "expiringConnectors",
  (${TOP_BLOCKERS}) as "topBlockers",
  (${TREND}) as trend`;

interface DetailsRow {
  departmentIds: string[];
  byTypeAndDepartment: Array<Omit<ByTypeAndDepartment, "total">>;
  agingHistogram: number[];
  oldestPending: OldestPendingRequest[];
  expiringConnectors: ExpiringConnector[];
  topBlockers: TopBlocker[];
  trend: Array<{ day: string; byType: Partial<ByType> }>;
}

const sumOf = (byType: ByType) => PREREQUISITE_TYPES.reduce((sum, type) => sum + byType[type], 0);

/** The chart data for the departments given (already authorised; null: all), computed at `now`. */
export async function computeDetails(departmentIds: string[] | null, now: Date): Promise<DashboardDetails> {
  const { rows } = await pool().query<DetailsRow>(DETAILS_SQL, [departmentIds, now]);
  const row = rows[0]!;
  return {
    scope: { departmentIds: row.departmentIds },
    byTypeAndDepartment: row.byTypeAndDepartment.map((department) => ({
      ...department,
      total: sumOf(department),
    })),
    agingHistogram: AGING_BUCKETS.map((bucket, index) => ({
      ...bucket,
      count: row.agingHistogram[index] ?? 0,
    })),
    oldestPending: row.oldestPending.map((request) => ({
      ...request,
      createdAt: new Date(request.createdAt).toISOString(),
    })),
    expiringConnectors: row.expiringConnectors.map((connector) => ({
      ...connector,
      keyExpiresAt: new Date(connector.keyExpiresAt).toISOString(),
    })),
    topBlockers: row.topBlockers,
    trend: row.trend.map((point) => {
      const byType = fillByType(point.byType);
      return { day: point.day, total: sumOf(byType), byType };
    }),
    generatedAt: now.toISOString(),
  };
}

export async function getDashboardDetails({
  caller,
  departmentId,
}: {
  caller: Caller;
  departmentId?: string;
}): Promise<DashboardDetails> {
  // The scope comes from the caller alone: one statement, no query for the department list.
  const details = await computeDetails(dashboardScopeIds(caller, departmentId), new Date());
  if (departmentId && details.scope.departmentIds.length === 0) throw notFound("Department");
  return details;
}

/** Every type as a key, zeros included, in the engine's order. */
export function fillByType(partial: Partial<Record<string, number>>): ByType {
  return Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, partial[type] ?? 0])) as ByType;
}
