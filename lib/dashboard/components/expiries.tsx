"use client";

import {
  ChartTable,
  CountCell,
  CountTiles,
  DateCell,
  ScrollRegion,
  TD,
} from "@/lib/dashboard/components/chart-parts";
import type { DashboardSummary, ExpiringConnector } from "@/lib/dashboard/contract";
import { prerequisitesHref } from "@/lib/dashboard/links";

/** Shared-key connectors whose keys expire soon, and the automations that rely on each. */
export function Expiries({
  expiries,
  connectors,
}: {
  expiries: DashboardSummary["expiries"];
  connectors: ExpiringConnector[];
}) {
  const buckets = [
    { label: "7 days", count: expiries.next7Days },
    { label: "30 days", count: expiries.next30Days },
    { label: "90 days", count: expiries.next90Days },
  ];
  return (
    <section
      id="expiries"
      aria-labelledby="expiries-title"
      className="min-w-0 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h3 id="expiries-title" className="text-base font-semibold text-slate-900">
        Connector keys expiring
      </h3>
      <p className="mt-0.5 text-sm text-slate-600">
        Approved connectors this scope can use (shared with everyone or with one of its departments).
      </p>
      <div className="mt-3">
        <CountTiles
          tiles={buckets.map((bucket) => ({
            key: bucket.label,
            label: `Within ${bucket.label}`,
            count: bucket.count,
          }))}
        />
      </div>
      {connectors.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No key expires in the next 90 days.</p>
      ) : (
        <div className="mt-3">
          <ScrollRegion label="Connector keys expiring, as a table">
            <ChartTable
              caption="Connectors whose keys expire within 90 days, soonest first"
              columns={[
                { key: "connector", label: "Connector" },
                { key: "expires", label: "Expires", className: "hidden sm:table-cell" },
                { key: "days-left", label: "Days left", className: "text-right" },
                { key: "automations", label: "Automations", className: "text-right" },
              ]}
            >
              {connectors.map((connector) => (
                <tr key={connector.id}>
                  <th scope="row" className={`${TD} font-medium text-slate-900`}>
                    {connector.name}
                    <span className="block text-xs font-normal text-slate-600">{connector.service}</span>
                  </th>
                  <DateCell date={connector.keyExpiresAt} />
                  <td
                    className={`${TD} text-right tabular-nums ${connector.daysLeft <= 7 ? "font-semibold text-red-800" : "text-slate-700"}`}
                  >
                    {connector.daysLeft}
                  </td>
                  <CountCell
                    href={prerequisitesHref({ connectorId: connector.id, outstanding: false })}
                    count={connector.dependents}
                    label={`automations rely on ${connector.name}`}
                  />
                </tr>
              ))}
            </ChartTable>
          </ScrollRegion>
        </div>
      )}
    </section>
  );
}
