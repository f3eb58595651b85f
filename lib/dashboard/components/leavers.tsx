"use client";
import { DetailSection } from "@/components/ui/detail";
import { QueryState } from "@/components/ui/query-state";
import { Stat } from "@/components/ui/stat";
import {
  ChartTable,
  CountCell,
  CountTiles,
  DateCell,
  ScrollRegion,
  TD,
} from "@/lib/dashboard/components/chart-parts";
import type { LeaverAging, LeaverDashboard } from "@/lib/dashboard/contract";
import { useLeaverDashboard } from "@/lib/dashboard/hooks";
import { awaitingRotationHref, inventoryHref, leaversExportHref } from "@/lib/dashboard/links";

/**
 * What people who left (or were never found here) left behind in the dashboard's scope:
 * automations without an active owner and credentials waiting for a rotation, by department,
 * with how long they have waited and a CSV of every item.
 */
export function Leavers({ departmentId }: { departmentId?: string }) {
  const leavers = useLeaverDashboard(departmentId);
  return (
    <DetailSection id="leavers" heading="After leavers">
      <QueryState
        query={leavers}
        loading="Loading what leavers left behind…"
        error="The leaver figures could not be loaded"
      >
        {(data) => <LeaverFigures data={data} departmentId={departmentId} />}
      </QueryState>
    </DetailSection>
  );
}

function LeaverFigures({ data, departmentId }: { data: LeaverDashboard; departmentId?: string }) {
  const { withoutActiveOwner, awaitingRotation, byDepartment } = data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        When an owner leaves, their automations need a new owner; a password they knew, or a Windows account
        of theirs, needs rotating and a new owner named.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <Stat
            label="Automations without an active owner"
            value={withoutActiveOwner.total}
            href={inventoryHref({ departmentId, ownerMissing: true })}
          />
          <p className="text-xs text-slate-600">
            {withoutActiveOwner.left.toLocaleString("en")} whose owner left,{" "}
            {withoutActiveOwner.notFound.toLocaleString("en")} whose owner has no account here.
          </p>
          <Aging aging={withoutActiveOwner.aging} label="Automations without an active owner, by wait" />
        </div>
        <div className="space-y-2">
          <Stat
            label="Credentials to rotate after a leaver"
            value={awaitingRotation.total}
            href={awaitingRotationHref({ departmentId })}
          />
          <p className="text-xs text-slate-600">Passwords and Windows accounts the person who left knew.</p>
          <Aging aging={awaitingRotation.aging} label="Credentials to rotate after a leaver, by wait" />
        </div>
      </div>
      {byDepartment.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing is waiting after a leaver.</p>
      ) : (
        <ScrollRegion label="After leavers, by department">
          <ChartTable
            caption="After leavers, by department, the longest waiting first"
            columns={[
              { key: "department", label: "Department" },
              { key: "owners", label: "Without an active owner", className: "text-right" },
              { key: "rotations", label: "Credentials to rotate", className: "text-right" },
              { key: "since", label: "Waiting since", className: "hidden sm:table-cell" },
            ]}
          >
            {byDepartment.map((department) => (
              <tr key={department.departmentId} data-department-id={department.departmentId}>
                <th scope="row" className={`${TD} font-medium text-slate-900`}>
                  {department.name}
                </th>
                <CountCell
                  href={inventoryHref({ departmentId: department.departmentId, ownerMissing: true })}
                  count={department.withoutActiveOwner}
                  label={`automations without an active owner in ${department.name}`}
                />
                <CountCell
                  href={awaitingRotationHref({ departmentId: department.departmentId })}
                  count={department.awaitingRotation}
                  label={`credentials to rotate after a leaver in ${department.name}`}
                />
                <DateCell date={department.waitingSince} />
              </tr>
            ))}
          </ChartTable>
        </ScrollRegion>
      )}
      <a
        href={leaversExportHref({ departmentId })}
        download
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        Export CSV<span className="sr-only"> of everything waiting after a leaver</span>
      </a>
    </div>
  );
}

function Aging({ aging, label }: { aging: LeaverAging; label: string }) {
  return (
    <CountTiles
      label={label}
      tiles={[
        { key: "under7Days", label: "Under 7 days", count: aging.under7Days },
        { key: "days7To30", label: "7–30 days", count: aging.days7To30 },
        { key: "over30Days", label: "Over 30 days", count: aging.over30Days, alarm: true },
      ]}
    />
  );
}
