"use client";

import { DetailSection } from "@/components/ui/detail";
import { formatDateTime } from "@/lib/automations/labels";
import { CatalogEntryPage } from "@/lib/catalog/components/catalog-entry-page";
import { DataSourceTable } from "@/lib/catalog/components/details-facts";
import { EditGateway } from "@/lib/catalog/components/edit-gateway";
import { GatewayStatusChange } from "@/lib/catalog/components/gateway-status";
import { useGateway } from "@/lib/catalog/hooks";
import { GATEWAY_KIND_LABELS, GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";

/**
 * A gateway's page: its fields and admins, what relies on it; edit and status change when
 * `canWrite` (IT; ADMIN reads only).
 */
export function GatewayDetailView({ id, canWrite }: { id: string; canWrite: boolean }) {
  return (
    <CatalogEntryPage
      query={useGateway(id)}
      noun="gateway"
      canWrite={canWrite}
      badges={GATEWAY_STATUS_BADGES}
      view={(data, page) => ({
        summary: <span>{GATEWAY_KIND_LABELS[data.kind]}</span>,
        editable: true,
        editForm: <EditGateway gateway={data} onCancel={page.cancel} onDone={page.done} />,
        facts: [
          { label: "Cluster", value: data.cluster },
          { label: "Host", value: data.host, valueClassName: "break-all font-mono text-xs text-slate-900" },
          { label: "Region", value: data.region },
          { label: "Registered", value: formatDateTime(data.createdAt) },
          { label: "Last changed", value: formatDateTime(data.updatedAt) },
        ],
        readOnly: (
          <DetailSection id="sources" heading="Data sources it serves">
            <DataSourceTable sources={data.dataSources} />
          </DetailSection>
        ),
        sections: (
          <>
            <DetailSection id="status" heading="Status">
              <p className="max-w-3xl text-sm text-slate-700">
                Automations assigned to an offline or decommissioned gateway cannot reach their on-premises
                systems: they are blocked until it is back or they get another one.
              </p>
              {canWrite ? <GatewayStatusChange gateway={data} onChanged={page.announce} /> : null}
            </DetailSection>

            <DetailSection id="admins" heading="Admins">
              {data.admins.length === 0 ? (
                <p className="text-sm text-slate-700">No admins recorded.</p>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
                  {data.admins.map((admin) => (
                    <li key={admin.id} className="px-4 py-2">
                      <span className="font-medium text-slate-900">{admin.name}</span>
                      {admin.email ? <span className="text-slate-600"> · {admin.email}</span> : null}
                      {data.adminsLeft.some((person) => person.id === admin.id) ? (
                        <strong className="ml-2 font-semibold text-amber-900">
                          has left: name another admin
                        </strong>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </DetailSection>
          </>
        ),
      })}
    />
  );
}
