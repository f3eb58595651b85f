import "server-only";
import { PREREQUISITE_STATUSES } from "@/lib/domain/types";

// SQL fragments every dashboard statement shares, so that "outstanding" and "relevant
// connector" mean one thing everywhere. Parameters: $1 = the departments in scope (uuid[]),
// $2 = the moment the answer is computed for (timestamptz).

/**
 * Every status but SATISFIED, spelled out (not `<> 'SATISFIED'`) so that it is an index
 * condition on prerequisites(departmentId, status, type, automationId): with the anti-join below,
 * an index-only scan that never reads the heap.
 */
export const NOT_SATISFIED = PREREQUISITE_STATUSES.filter((status) => status !== "SATISFIED")
  .map((status) => `'${status}'`)
  .join(", ");

/**
 * `column` holds a department in scope: $1 (uuid[]) names them, or is null for every
 * department (the whole company, with no list to send and compare).
 */
export function inScope(column: string): string {
  return `($1::uuid[] is null or ${column} = any($1::uuid[]))`;
}

/** dashboard_counts' metric prefix for outstanding prerequisites ("outstanding:<type>"). */
export const OUTSTANDING_METRIC = "outstanding:";

/** dashboard_counts' metric prefix for what outstanding prerequisites wait on ("blocker:<kind>:<name>"). */
export const BLOCKER_METRIC = "blocker:";

/**
 * Outstanding prerequisites by department and type, from the counts triggers keep
 * (docs/decisions/021-dashboard-counts-kept-by-triggers.md): rows ("departmentId", type, n).
 */
export const OUTSTANDING_COUNTS_IN_SCOPE = `
  select c."departmentId", substr(c.metric, ${OUTSTANDING_METRIC.length + 1}) as type, c.n
    from dashboard_counts c
   where ${inScope('c."departmentId"')} and c.metric like '${OUTSTANDING_METRIC}%' and c.n <> 0`;

/**
 * A prerequisite `p` is outstanding when it is not SATISFIED and its automation is not
 * RETIRED (API.md). Retired automations keep their derived rows, so they are excluded with
 * an anti-join on the few retired automations in scope (a prerequisite's department is its
 * automation's) rather than a join on all automations.
 */
export const OUTSTANDING_IN_SCOPE = `
  ${inScope('p."departmentId"')}
  and p.status in (${NOT_SATISFIED})
  and not exists (
    select 1 from automations r
     where r.id = p."automationId" and r.status = 'RETIRED' and ${inScope('r."departmentId"')})`;

/**
 * A connector `c` whose key expires within the next `days` days (N × 24 hours after $2, so a
 * daylight-saving change does not move the edge) and that the scope can use: APPROVED and
 * shared with everyone or with a department in scope.
 */
export function expiringWithin(days: number): string {
  return `c."keyExpiresAt" > $2::timestamptz and c."keyExpiresAt" <= $2::timestamptz + interval '${hours(days)} hours'`;
}

export const CONNECTOR_RELEVANT = `
  c.status = 'APPROVED'
  and (c.sharing = 'ALL' or exists (
    select 1 from connector_departments cd
     where cd."connectorId" = c.id and ${inScope('cd."departmentId"')}))`;

/** Days (a fraction) a request `r` has waited at $2; never negative, whatever the clock skew. */
export const REQUEST_AGE_DAYS = `greatest(extract(epoch from ($2::timestamptz - r."createdAt")), 0)::float8 / 86400`;

/** N days as hours, for an interval literal; only whole, non-negative constants of our own. */
export function hours(days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new Error(`days must be a whole number, not ${days}`);
  return days * 24;
}
