import "server-only";
import type pg from "pg";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { pool } from "@/lib/db";
import { inPgTransaction } from "@/lib/transaction";

// dashboard_counts (and the prerequisites' blockers they follow) against a full recount of the tables they summarise
// (docs/decisions/021-dashboard-counts-kept-by-triggers.md; runbook in
// docs/operations/dashboard-counts.md). `npm run db:verify` reports, `--repair` rewrites.

/** The "metric" under which rows with a wrong `blocker` column are reported (stored: how many). */
export const BLOCKER_COLUMN = "prerequisites.blocker";

const WRONG_BLOCKER = `p.blocker is distinct from preflight_prerequisite_blocker(p.type::text, p.key, p."systemAccessId")`;

/** The "metric" under which automations with a wrong `hasOpenFindings` flag are reported. */
export const FINDINGS_FLAG = "automations.hasOpenFindings";

const OPEN_FINDINGS = `exists (select 1 from inventory_findings f where f."automationId" = a.id and f."resolvedAt" is null)`;
const WRONG_FINDINGS_FLAG = `a."hasOpenFindings" is distinct from ${OPEN_FINDINGS}`;

/** The "department" of the company-wide counts (dashboard_company_counts) in a difference. */
export const COMPANY = "company";

export interface CountDifference {
  /** null: the company-wide count of the metric (its slots summed). */
  departmentId: string | null;
  department: string | null;
  metric: string;
  stored: number;
  recounted: number;
}

/**
 * Every (department, metric) whose stored count is not the recount, and every metric whose
 * company-wide count (the slots of dashboard_company_counts summed) is not the recount summed
 * over the departments; zero rows count as absent.
 * Plus, as metric "prerequisites.blocker", the rows whose `blocker` is not what its trigger sets
 * (written with triggers bypassed): the counts follow that column, so it is checked too; and
 * likewise, as "automations.hasOpenFindings", the automations whose flag is not their findings'.
 */
const DIFFERENCES_SQL = `
with stored as (
  select "departmentId", metric, n from dashboard_counts where n <> 0
),
recounted as (
  select "departmentId", metric, n from preflight_dashboard_recount()
),
differences as (
  select coalesce(s."departmentId", r."departmentId") as "departmentId",
         coalesce(s.metric, r.metric) as metric,
         coalesce(s.n, 0) as stored, coalesce(r.n, 0) as recounted
    from stored s
    full join recounted r on r."departmentId" = s."departmentId" and r.metric = s.metric
   where s.n is distinct from r.n
  union all
  select null, coalesce(c.metric, r.metric), coalesce(c.n, 0), coalesce(r.n, 0)
    from (select metric, sum(n)::int as n from dashboard_company_counts group by metric having sum(n) <> 0) c
    full join (select metric, sum(n)::int as n from recounted group by metric) r on r.metric = c.metric
   where c.n is distinct from r.n
  union all
  select p."departmentId", '${BLOCKER_COLUMN}', count(*)::int, 0
    from prerequisites p
   where ${WRONG_BLOCKER}
   group by p."departmentId"
  union all
  select a."departmentId", '${FINDINGS_FLAG}', count(*)::int, 0
    from automations a
   where ${WRONG_FINDINGS_FLAG}
   group by a."departmentId"
)
select x."departmentId", d.name as department, x.metric, x.stored, x.recounted
  from differences x
  left join departments d on d.id = x."departmentId"
 order by department nulls first, metric`;

/**
 * Maintenance, not a request: the recount reads every prerequisite (a minute and more at a million
 * automations), past the statement timeout the pool sets for requests (DATABASE_STATEMENT_TIMEOUT_MS).
 */
const NO_STATEMENT_TIMEOUT = "set local statement_timeout = 0";

/** The differences, read in one snapshot (repeatable read), so a busy database gives none by accident. */
export async function findCountDifferences(client?: pg.ClientBase): Promise<CountDifference[]> {
  if (client) return (await client.query<CountDifference>(DIFFERENCES_SQL)).rows;
  const own = await pool().connect();
  try {
    await own.query("begin isolation level repeatable read read only");
    await own.query(NO_STATEMENT_TIMEOUT);
    const { rows } = await own.query<CountDifference>(DIFFERENCES_SQL);
    await own.query("commit");
    return rows;
  } finally {
    own.release();
  }
}

/**
 * Rewrites dashboard_counts and the company-wide counts from the tables, with writers held off meanwhile (SHARE locks on the
 * counted tables), and records what it changed as an audit event. Returns the differences it fixed.
 */
export async function repairCounts(): Promise<CountDifference[]> {
  return inPgTransaction(async (client) => {
    await client.query(NO_STATEMENT_TIMEOUT);
    await client.query("lock table automations, prerequisites, inventory_findings in share mode");
    await client.query("lock table dashboard_counts, dashboard_company_counts in exclusive mode");
    const differences = await findCountDifferences(client);
    if (differences.length === 0) return differences;
    // The blockers and findings flags first, as their triggers would have set them; the counts that change with
    // them are queued by the triggers and dropped here, since everything is recounted next.
    await client.query(`update prerequisites p set blocker = preflight_prerequisite_blocker(p.type::text, p.key, p."systemAccessId")
                         where ${WRONG_BLOCKER}`);
    await client.query(
      `update automations a set "hasOpenFindings" = ${OPEN_FINDINGS} where ${WRONG_FINDINGS_FLAG}`,
    );
    await client.query("select preflight_rewrite_dashboard_counts()");
    await recordAudit(client, {
      actor: SYSTEM_ACTOR("db:verify --repair"),
      action: "dashboard_counts.repaired",
      entityType: "DashboardCounts",
      entityId: "all",
      before: differences.map(({ departmentId, metric, stored }) => ({ departmentId, metric, n: stored })),
      after: differences.map(({ departmentId, metric, recounted }) => ({
        departmentId,
        metric,
        n: recounted,
      })),
    });
    return differences;
  });
}
