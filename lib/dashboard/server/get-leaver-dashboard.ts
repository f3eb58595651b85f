import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { LeaverDashboard } from "@/lib/dashboard/contract";
import { resolveDashboardScope } from "@/lib/dashboard/server/dashboard-scope";
import { LEAVER_ITEMS } from "@/lib/dashboard/server/leavers-sql";
import { pool } from "@/lib/db";

// GET /api/v1/dashboard/leavers: what people who left (or were never found here) left behind,
// in the caller's dashboard scope — automations without an active owner and credentials waiting
// for a rotation — by department and by how long they have waited. One statement.

/** $1: the department ids in scope; $2: "now". Exported for the benchmark. */
export const LEAVERS_SQL = `
with items as (${LEAVER_ITEMS}),
aged as (
  select kind, "departmentId", detail, since,
         greatest(extract(epoch from ($2::timestamptz - since)), 0) / 86400 as days
    from items
)
select
  count(*) filter (where kind = 'WITHOUT_OWNER')::int as "withoutOwner",
  count(*) filter (where kind = 'WITHOUT_OWNER' and detail = 'LEFT')::int as "left",
  count(*) filter (where kind = 'WITHOUT_OWNER' and detail = 'NOT_FOUND')::int as "notFound",
  count(*) filter (where kind = 'WITHOUT_OWNER' and days < 7)::int as "ownerUnder7",
  count(*) filter (where kind = 'WITHOUT_OWNER' and days >= 7 and days < 30)::int as "owner7To30",
  count(*) filter (where kind = 'WITHOUT_OWNER' and days >= 30)::int as "ownerOver30",
  count(*) filter (where kind = 'AWAITING_ROTATION')::int as "rotation",
  count(*) filter (where kind = 'AWAITING_ROTATION' and days < 7)::int as "rotationUnder7",
  count(*) filter (where kind = 'AWAITING_ROTATION' and days >= 7 and days < 30)::int as "rotation7To30",
  count(*) filter (where kind = 'AWAITING_ROTATION' and days >= 30)::int as "rotationOver30",
  (select coalesce(json_agg(json_build_object(
            'departmentId', d.id, 'name', d.name,
            'withoutActiveOwner', g.owners, 'awaitingRotation', g.rotations, 'waitingSince', g.since)
          order by g.since, d.name, d.id), '[]')
     from (select "departmentId",
                  count(*) filter (where kind = 'WITHOUT_OWNER')::int as owners,
                  count(*) filter (where kind = 'AWAITING_ROTATION')::int as rotations,
                  min(since) as since
             from aged group by "departmentId") g
     join departments d on d.id = g."departmentId") as "byDepartment"
from aged`;

interface LeaversRow {
  withoutOwner: number;
  left: number;
  notFound: number;
  ownerUnder7: number;
  owner7To30: number;
  ownerOver30: number;
  rotation: number;
  rotationUnder7: number;
  rotation7To30: number;
  rotationOver30: number;
  byDepartment: Array<{
    departmentId: string;
    name: string;
    withoutActiveOwner: number;
    awaitingRotation: number;
    waitingSince: string | null;
  }>;
}

export async function getLeaverDashboard({
  caller,
  departmentId,
}: {
  caller: Caller;
  departmentId?: string;
}): Promise<LeaverDashboard> {
  const departments = await resolveDashboardScope(caller, departmentId);
  const ids = departments.map((department) => department.id);
  const now = new Date();
  const { rows } = await pool().query<LeaversRow>(LEAVERS_SQL, [ids, now]);
  const row = rows[0]!;
  return {
    scope: { departmentIds: ids },
    withoutActiveOwner: {
      total: row.withoutOwner,
      left: row.left,
      notFound: row.notFound,
      aging: { under7Days: row.ownerUnder7, days7To30: row.owner7To30, over30Days: row.ownerOver30 },
    },
    awaitingRotation: {
      total: row.rotation,
      aging: { under7Days: row.rotationUnder7, days7To30: row.rotation7To30, over30Days: row.rotationOver30 },
    },
    // json_build_object writes timestamptz in Postgres's text form; the API writes ISO 8601.
    byDepartment: row.byDepartment.map((department) => ({
      ...department,
      waitingSince: department.waitingSince ? new Date(department.waitingSince).toISOString() : null,
    })),
    generatedAt: now.toISOString(),
  };
}
