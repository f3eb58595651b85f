/**
 * Recounts the dashboard's counts from the tables and compares them with dashboard_counts:
 *
 *   npm run db:verify              report; exit 1 on any difference
 *   npm run db:verify -- --repair  rewrite them from the tables (audited), then report again
 *
 * Needs DATABASE_URL. Exit codes: 0 the counts agree, 1 a difference (or an error), 2 usage.
 * Runbook: docs/operations/dashboard-counts.md.
 */
import { parseArgs } from "node:util";
import { ensureServerCondition } from "./lib/server-condition";

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let repair: boolean;
  try {
    ({
      values: { repair },
    } = parseArgs({ args: argv, options: { repair: { type: "boolean", default: false } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: npm run db:verify [-- --repair]`);
  }
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: point it at the portal's database (postgresql://…).");
  }
  const { closeDatabase } = await import("../lib/db");
  const { BLOCKER_COLUMN, COMPANY, FINDINGS_FLAG, findCountDifferences, repairCounts } = await import(
    "@/lib/dashboard/server/verify-counts"
  );
  try {
    if (repair) {
      const fixed = await repairCounts();
      console.log(
        fixed.length === 0
          ? "Nothing to repair."
          : `Repaired ${fixed.length} count(s) (audit event dashboard_counts.repaired).`,
      );
    }
    const differences = await findCountDifferences();
    if (differences.length === 0) {
      console.log("dashboard_counts agree with a full recount of the tables.");
      return 0;
    }
    console.log(`dashboard_counts differ from a full recount in ${differences.length} place(s):`);
    for (const row of differences) {
      const where = row.departmentId === null ? COMPANY : (row.department ?? row.departmentId);
      console.log(
        row.metric === BLOCKER_COLUMN
          ? `  ${where}  ${row.stored} prerequisite(s) whose blocker is not what its trigger sets`
          : row.metric === FINDINGS_FLAG
            ? `  ${where}  ${row.stored} automation(s) whose hasOpenFindings is not what their findings say`
            : `  ${where}  ${row.metric}: stored ${row.stored}, recounted ${row.recounted}`,
      );
    }
    console.log("Run `npm run db:verify -- --repair` (docs/operations/dashboard-counts.md).");
    return 1;
  } finally {
    await closeDatabase();
  }
}

ensureServerCondition();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
