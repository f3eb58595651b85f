"use client";

import { DetailSection, FactList } from "@/components/ui/detail";
import { formatDate, formatDateTime } from "@/lib/automations/labels";
import { CatalogEntryPage } from "@/lib/catalog/components/catalog-entry-page";
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
  return (
    <CatalogEntryPage
      query={useConnector(id)}
      noun="connector"
      canWrite={canWrite}
      badges={CONNECTOR_STATUS_BADGES}
      view={(data, page) => ({
        summary: (
          <span>
            for the service <span className="font-mono">{data.service}</span>
          </span>
        ),
        editable: data.status !== "REVOKED",
        actions: <RevokeConnector connector={data} onRevoked={page.announce} />,
        editForm: <EditConnector connector={data} onCancel={page.cancel} onDone={page.done} />,
        facts: [
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
        ],
        readOnly: (
          <DetailSection id="api" heading="The API it calls">
            <p className="max-w-3xl text-sm text-slate-700">
              What IT approved the key for: from the maker's request, or entered by IT.
            </p>
            <FactList facts={connectorApiFacts(data)} />
          </DetailSection>
        ),
      })}
    />
  );
}
