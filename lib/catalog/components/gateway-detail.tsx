"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Announcement, DetailFallback, DetailHeader, DetailSection, FactList } from "@/components/ui/detail";
import { formatDateTime } from "@/lib/automations/labels";
import { EditSection, useEditInPlace } from "@/lib/catalog/components/catalog-form";
import { DependentsTable } from "@/lib/catalog/components/dependents-table";
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
  const gateway = useGateway(id);
  const page = useEditInPlace();

  if (!gateway.isSuccess)
    return (
      <DetailFallback
        query={gateway}
        what="Gateway"
        back={{ href: "/catalog/gateways", label: "Back to the gateways" }}
      />
    );

  const data = gateway.data;
  const badge = GATEWAY_STATUS_BADGES[data.status];

  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: "/catalog/gateways", label: "Gateways" }}
        title={data.name}
        headingRef={page.headingRef}
        badge={
          <Badge tone={badge.tone} value={data.status}>
            {badge.label}
          </Badge>
        }
        summary={<span>{GATEWAY_KIND_LABELS[data.kind]}</span>}
        actions={
          canWrite && !page.editing ? (
            <Button ref={page.editButtonRef} variant="secondary" onClick={page.edit}>
              Edit gateway
            </Button>
          ) : null
        }
      />

      <Announcement message={page.announcement} />

      {page.editing ? (
        <EditSection heading="Edit gateway">
          <EditGateway gateway={data} onCancel={page.cancel} onDone={page.done} />
        </EditSection>
      ) : (
        <FactList
          facts={[
            { label: "Cluster", value: data.cluster },
            { label: "Host", value: data.host, valueClassName: "break-all font-mono text-xs text-slate-900" },
            { label: "Region", value: data.region },
            { label: "Registered", value: formatDateTime(data.createdAt) },
            { label: "Last changed", value: formatDateTime(data.updatedAt) },
          ]}
        />
      )}

      {page.editing ? null : (
        <DetailSection id="sources" heading="Data sources it serves">
          <DataSourceTable sources={data.dataSources} />
        </DetailSection>
      )}

      <DetailSection id="status" heading="Status">
        <p className="max-w-3xl text-sm text-slate-700">
          Automations assigned to an offline or decommissioned gateway cannot reach their on-premises systems:
          they are blocked until it is back or they get another one.
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
                  <strong className="ml-2 font-semibold text-amber-900">has left: name another admin</strong>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </DetailSection>

      <DetailSection id="dependents" heading="Automations relying on it">
        <DependentsTable dependents={data.dependents} what="gateway" />
      </DetailSection>
    </div>
  );
}
