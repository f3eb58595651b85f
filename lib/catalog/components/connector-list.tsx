"use client";

import type { Column } from "@/components/ui/data-table";
import { formatDate } from "@/lib/automations/labels";
import { CatalogList, choiceFilter, nameColumn, statusColumn } from "@/lib/catalog/components/catalog-list";
import type { Connector } from "@/lib/catalog/contract";
import { useConnectorList } from "@/lib/catalog/hooks";
import { CONNECTOR_STATUS_BADGES, relativeDays, sharingLabel } from "@/lib/catalog/labels";
import { CONNECTOR_STATUSES } from "@/lib/domain/types";

const COLUMNS: ReadonlyArray<Column<Connector>> = [
  nameColumn("connector", "Connector"),
  {
    key: "service",
    header: "Service",
    cellClassName: "font-mono text-xs text-slate-900",
    cell: (connector) => connector.service,
  },
  {
    key: "team",
    header: "Owning team",
    cellClassName: "text-slate-700",
    cell: (connector) => connector.ownerTeam,
  },
  statusColumn(CONNECTOR_STATUS_BADGES, {
    value: "OWNER_LEFT",
    text: (connector: Connector) => (connector.ownerLeft ? "Owner left" : null),
  }),
  {
    key: "expires",
    header: "Key expires",
    cellClassName: "whitespace-nowrap text-slate-700",
    cell: (connector) => (
      <>
        {formatDate(connector.keyExpiresAt)}
        <span className="block text-slate-600">{relativeDays(connector.keyExpiresAt)}</span>
      </>
    ),
  },
  { key: "sharing", header: "Shared with", cellClassName: "text-slate-700", cell: sharingLabel },
];

/**
 * The shared-key connector catalog: search, status filter and cursor pages in the URL.
 * `canWrite`: the caller may add connectors (IT), not only read them (ADMIN).
 */
export function ConnectorList({ canWrite }: { canWrite: boolean }) {
  return (
    <CatalogList
      noun="connector"
      canWrite={canWrite}
      useList={useConnectorList}
      searchHint="Name or service"
      filters={[
        choiceFilter(
          "status",
          "Status",
          "All statuses",
          CONNECTOR_STATUSES,
          (value) => CONNECTOR_STATUS_BADGES[value].label,
        ),
      ]}
      left={{
        param: "ownerLeft",
        removeLabel: "Remove the owner-left filter",
        chip: (
          <>
            <span className="font-medium">Owner left</span>: connectors whose owner has been deactivated
          </>
        ),
      }}
      columns={COLUMNS}
      caption="Shared-key connectors"
      alignTop
      empty={{
        action: "Add a connector",
        text: (
          <>
            A connector records a shared key IT set up for a service. Every automation that declares the
            service is satisfied by it.
          </>
        ),
      }}
    />
  );
}
