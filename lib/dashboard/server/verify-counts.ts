import "server-only";
import type pg from "pg";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { pool } from "@/lib/db";
import { inPgTransaction } from "@/lib/transaction";

// dashboard_counts against a full recount of the tables they summarise
// (docs/decisions/021-dashboard-counts-kept-by-triggers.md; runbook in
// docs/operations/dashboard-counts.md). `npm run db:verify` reports, `--repair` rewrites.

export interface CountDifference {
  departmentId: string;
  department: string | null;
  metric: string;
  stored: number;
  recounted: number;
}

/** Every (department, metric) whose stored count is not the recount; zero rows count as absent. */
const DIFFERENCES_SQL = `
with stored as (
  select "departmentId", metric, n from dashboard_counts where n <> 0
),
recounted as (
  select "departmentId", metric, n from preflight_dashboard_recount()
)
select coalesce(s."departmentId", r."departmentId") as "departmentId", d.name as department,
       coalesce(s.metric, r.metric) as metric,
       coalesce(s.n, 0) as stored, coalesce(r.n, 0) as recounted
  from stored s
  full join recounted r on r."departmentId" = s."departmentId" and r.metric = s.metric
  left join departments d on d.id = coalesce(s."departmentId", r."departmentId")
 where s.n is distinct from r.n
 order by department, metric`;

/** The differences, read in one snapshot (repeatable read), so a busy database gives none by accident. */
export async function findCountDifferences(client?: pg.ClientBase): Promise<CountDifference[]> {
  if (client) return (await client.query<CountDifference>(DIFFERENCES_SQL)).rows;
  const own = await pool().connect();
  try {
    await own.query("begin isolation level repeatable read read only");
    const { rows } = await own.query<CountDifference>(DIFFERENCES_SQL);
    await own.query("commit");
    return rows;
  } finally {
    own.release();
  }
}

/**
 * Rewrites dashboard_counts from the tables, with writers held off meanwhile (SHARE locks on the
 * counted tables), and records what it changed as an audit event. Returns the differences it fixed.
 */
export async function repairCounts(): Promise<CountDifference[]> {
  return inPgTransaction(async (client) => {
    await client.query("lock table automations, prerequisites, inventory_findings in share mode");
    await client.query("lock table dashboard_counts in exclusive mode");
    const differences = await findCountDifferences(client);
    if (differences.length === 0) return differences;
    await client.query("delete from dashboard_counts");
    await client.query(
      `insert into dashboard_counts ("departmentId", metric, n) select * from preflight_dashboard_recount()`,
    );
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
