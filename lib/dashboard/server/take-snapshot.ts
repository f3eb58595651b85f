import "server-only";
import { OUTSTANDING_METRIC } from "@/lib/dashboard/server/dashboard-sql";
import { pool } from "@/lib/db";

// The daily snapshot behind the 90-day trend, one row per day × department × type
// (docs/decisions/005-outstanding-trend-from-daily-snapshots.md). The company's totals per day
// and type follow by a trigger (docs/decisions/023-company-trend-rows-and-counts-index.md).

/**
 * Records today's outstanding prerequisites (API.md's definition: not SATISFIED, automation
 * not RETIRED) under `day` (its UTC calendar date), for every department and type — zeros
 * included, so a count that fell to zero is recorded as zero. Read from the counts triggers
 * keep (decision 021), the same the summary shows. Idempotent: running it again
 * for the same day overwrites that day's rows with the current counts.
 */
export async function takeOutstandingSnapshot(day: Date): Promise<{ day: string; rows: number }> {
  const date = day.toISOString().slice(0, 10);
  const { rowCount } = await pool().query(
    `insert into outstanding_snapshots (day, "departmentId", type, count)
     select $1::date, d.id, t.type, coalesce(c.n, 0)
       from departments d
      cross join unnest(enum_range(null::"PrerequisiteType")) as t(type)
       left join (
         select k."departmentId", substr(k.metric, ${OUTSTANDING_METRIC.length + 1}) as type, k.n
           from dashboard_counts k
          where k.metric like '${OUTSTANDING_METRIC}%'
       ) c on c."departmentId" = d.id and c.type = t.type::text
     on conflict (day, "departmentId", type) do update set count = excluded.count`,
    [date],
  );
  return { day: date, rows: rowCount ?? 0 };
}
