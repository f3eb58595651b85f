import "server-only";
import { NOT_SATISFIED } from "@/lib/dashboard/server/dashboard-sql";
import { pool } from "@/lib/db";

// The daily snapshot behind the 90-day trend, one row per day × department × type
// (docs/decisions/005-outstanding-trend-from-daily-snapshots.md).

/**
 * Records today's outstanding prerequisites (API.md's definition: not SATISFIED, automation
 * not RETIRED) under `day` (its UTC calendar date), for every department and type — zeros
 * included, so a count that fell to zero is recorded as zero. Idempotent: running it again
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
         select p."departmentId", p.type, count(*)::int as n
           from prerequisites p
          where p.status in (${NOT_SATISFIED})
            and not exists (select 1 from automations r
                             where r.id = p."automationId" and r.status = 'RETIRED')
          group by p."departmentId", p.type
       ) c on c."departmentId" = d.id and c.type = t.type
     on conflict (day, "departmentId", type) do update set count = excluded.count`,
    [date],
  );
  return { day: date, rows: rowCount ?? 0 };
}
