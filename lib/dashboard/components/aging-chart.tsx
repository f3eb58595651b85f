"use client";

import Link from "next/link";
import { Bar } from "recharts";
import { REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { agingFilters } from "@/lib/dashboard/aging";
import {
  BarLink,
  type BarShapeProps,
  ChartFigure,
  ChartTable,
  CountLink,
  DashboardBarChart,
  ScrollRegion,
  TD,
} from "@/lib/dashboard/components/chart-parts";
import type { AgingBucket, OldestPendingRequest } from "@/lib/dashboard/contract";
import { pendingRequestsHref } from "@/lib/dashboard/links";

const BAR_COLOUR = "#174ca8";

/** "7–14 days" → "7–14", "60 days or more" → "60+": the axis says the unit once. */
const shortBucket = (label: string) => label.replace(" days or more", "+").replace(" days", "");

/** How long pending requests have waited: a histogram whose bars open the requests behind them. */
export function AgingChart({ buckets, departmentId }: { buckets: AgingBucket[]; departmentId?: string }) {
  const hrefOf = (bucket: AgingBucket) => pendingRequestsHref({ departmentId, ...agingFilters(bucket) });
  return (
    <ChartFigure
      id="request-aging"
      title="How long pending requests have waited"
      description="Pending requests by days since they were filed (the axis counts days)."
      chartHeight={220}
      chart={
        <DashboardBarChart data={buckets} layout="columns" categoryKey="bucket" formatCategory={shortBucket}>
          <Bar
            dataKey="count"
            name="Pending requests"
            fill={BAR_COLOUR}
            isAnimationActive={false}
            shape={(props: BarShapeProps<AgingBucket>) => (
              <BarLink
                {...props}
                href={props.payload && props.payload.count > 0 ? hrefOf(props.payload) : null}
                segment={props.payload?.bucket ?? ""}
                title={`${props.payload?.bucket}: ${props.payload?.count} pending`}
              />
            )}
          />
        </DashboardBarChart>
      }
      table={
        <ChartTable
          caption="Pending requests by days waited"
          columns={[
            { key: "waiting", label: "Waiting" },
            { key: "requests", label: "Requests", className: "text-right" },
          ]}
        >
          {buckets.map((bucket) => (
            <tr key={bucket.bucket}>
              <th scope="row" className={`${TD} font-normal text-slate-800`}>
                {bucket.bucket}
              </th>
              <td className={`${TD} text-right`}>
                <CountLink
                  href={hrefOf(bucket)}
                  count={bucket.count}
                  label={`pending requests waiting ${bucket.bucket}`}
                />
              </td>
            </tr>
          ))}
        </ChartTable>
      }
    />
  );
}

/** The ten requests that have waited longest. */
export function OldestPending({ requests }: { requests: OldestPendingRequest[] }) {
  return (
    <section
      aria-labelledby="oldest-pending-title"
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h3 id="oldest-pending-title" className="mb-3 text-base font-semibold text-slate-900">
        Oldest pending requests
      </h3>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing is waiting for IT.</p>
      ) : (
        <ScrollRegion label="Oldest pending requests, as a table">
          <ChartTable
            caption="The ten pending requests that have waited longest, oldest first"
            columns={[
              { key: "automation", label: "Automation" },
              { key: "asks-for", label: "Asks for" },
              { key: "department", label: "Department", className: "hidden sm:table-cell" },
              { key: "days", label: "Days", className: "text-right" },
            ]}
          >
            {requests.map((request) => (
              <tr key={request.id}>
                <th scope="row" className={`${TD} font-medium`}>
                  <Link
                    href={`/automations/${encodeURIComponent(request.automation.id)}`}
                    className="text-brand-700 underline-offset-2 hover:underline"
                  >
                    {request.automation.name}
                  </Link>
                  <span className="block text-xs font-normal text-slate-600">
                    by {request.requester.name}
                  </span>
                </th>
                <td className={`${TD} text-slate-700`}>
                  {REQUEST_TYPE_LABELS[request.type]}
                  {request.service ? (
                    <span className="block text-xs text-slate-600">{request.service}</span>
                  ) : null}
                </td>
                <td className={`${TD} hidden text-slate-700 sm:table-cell`}>{request.department.name}</td>
                <td className={`${TD} text-right tabular-nums`}>{request.ageDays.toLocaleString("en")}</td>
              </tr>
            ))}
          </ChartTable>
        </ScrollRegion>
      )}
    </section>
  );
}
