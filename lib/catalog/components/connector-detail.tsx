"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Announcement, DetailFallback, DetailHeader, DetailSection, FactList } from "@/components/ui/detail";
import { formatDate, formatDateTime } from "@/lib/automations/labels";
import { EditSection, useEditInPlace } from "@/lib/catalog/components/catalog-form";
import { DependentsTable } from "@/lib/catalog/components/dependents-table";
import { connectorApiFacts } from "@/lib/catalog/components/details-facts";
import { EditConnector } from "@/lib/catalog/components/edit-connector";
import { RevokeConnector } from "@/lib/catalog/components/revoke-connector";
import { useConnector } from "@/lib/catalog/hooks";
import { CONNECTOR_STATUS_BADGES, relativeDays, sharingLabel } from "@/lib/catalog/labels";

/**
 * A connector's page: its fields, who relies on it; edit and revoke when `canWrite` (IT; ADMIN
 * reads only).
 */
export function ConnectorDetailView({ id, canWrite }: { id: string; canWrite: boolean }) {
  const connector = useConnector(id);
  const page = useEditInPlace();

  if (!connector.isSuccess)
    return (
      <DetailFallback
        query={connector}
        what="Connector"
        back={{ href: "/catalog/connectors", label: "Back to the connectors" }}
      />
    );

  const data = connector.data;
  const badge = CONNECTOR_STATUS_BADGES[data.status];
  const revoked = data.status === "REVOKED";

  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: "/catalog/connectors", label: "Connectors" }}
        title={data.name}
        headingRef={page.headingRef}
        badge={
          <Badge tone={badge.tone} value={data.status}>
            {badge.label}
          </Badge>
        }
        summary={
          <span>
            for the service <span className="font-mono">{data.service}</span>
          </span>
        }
        actions={
          canWrite && !revoked && !page.editing ? (
            <>
              <Button ref={page.editButtonRef} variant="secondary" onClick={page.edit}>
                Edit connector
              </Button>
              <RevokeConnector connector={data} onRevoked={page.announce} />
            </>
          ) : null
        }
      />

      <Announcement message={page.announcement} />

      {page.editing ? (
        <EditSection heading="Edit connector">
          <EditConnector connector={data} onCancel={page.cancel} onDone={page.done} />
        </EditSection>
      ) : (
        <FactList
          facts={[
            { label: "Owning team", value: data.ownerTeam || "—" },
            {
              label: "Owner (reminded before expiry)",
              value: data.owner ? (
                <>
                  {data.owner.name}
                  {data.ownerLeft ? (
                    <strong className="ml-2 font-semibold text-amber-900">
                      has left: edit the connector to name a new owner
                    </strong>
                  ) : null}
                </>
              ) : (
                "—"
              ),
            },
            {
              label: "Key expires",
              value: (
                <>
                  {formatDate(data.keyExpiresAt)}{" "}
                  <span className="text-slate-600">({relativeDays(data.keyExpiresAt)})</span>
                </>
              ),
            },
            {
              label: "Key reference",
              value: data.keyReference ?? "—",
              valueClassName: "break-all font-mono text-xs text-slate-900",
              wide: true,
            },
            { label: "Shared with", value: sharingLabel(data) },
            { label: "Recorded", value: formatDateTime(data.createdAt) },
            {
              label: data.revokedAt ? "Revoked" : "Last changed",
              value: formatDateTime(data.revokedAt ?? data.updatedAt),
            },
          ]}
        />
      )}

      {page.editing ? null : (
        <DetailSection id="api" heading="The API it calls">
          <p className="max-w-3xl text-sm text-slate-700">
            What IT approved the key for: from the maker's request, or entered by IT.
          </p>
          <FactList facts={connectorApiFacts(data)} />
        </DetailSection>
      )}

      <DetailSection id="dependents" heading="Automations relying on it">
        <DependentsTable dependents={data.dependents} what="connector" />
      </DetailSection>
    </div>
  );
}
