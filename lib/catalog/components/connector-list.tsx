"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChip, FilterForm, optionsOf, SearchFilter, SelectFilter } from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters, useUrlSearch } from "@/components/ui/use-url-filters";
import { formatDate } from "@/lib/automations/labels";
import type { Connector } from "@/lib/catalog/contract";
import { useConnectorList } from "@/lib/catalog/hooks";
import { CONNECTOR_STATUS_BADGES, relativeDays, sharingLabel } from "@/lib/catalog/labels";
import { CONNECTOR_STATUSES, type ConnectorStatus } from "@/lib/domain/types";

const PAGE_SIZE = 50;

const COLUMNS: ReadonlyArray<Column<Connector>> = [
  {
    key: "name",
    header: "Connector",
    cell: (connector) => (
      <Link
        href={`/catalog/connectors/${encodeURIComponent(connector.id)}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {connector.name}
      </Link>
    ),
  },
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
  {
    key: "status",
    header: "Status",
    cell: (connector) => (
      <>
        <Badge tone={CONNECTOR_STATUS_BADGES[connector.status].tone} value={connector.status}>
          {CONNECTOR_STATUS_BADGES[connector.status].label}
        </Badge>
        {connector.ownerLeft ? (
          <Badge tone="warning" className="ml-1" value="OWNER_LEFT">
            Owner left
          </Badge>
        ) : null}
      </>
    ),
  },
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
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const search = useUrlSearch({ params, change });
  const status = oneOf<ConnectorStatus>(CONNECTOR_STATUSES, params.get("status"));
  const ownerLeft = params.get("ownerLeft") === "true" ? true : undefined;
  const connectors = useConnectorList({
    q: search.q || undefined,
    status,
    ownerLeft,
    cursor,
    limit: PAGE_SIZE,
  });

  return (
    <div className="space-y-4">
      <FilterForm label="Filter connectors" columns="sm:grid-cols-2" onSubmit={search.submit}>
        <SearchFilter hint="Name or service" search={search} />
        <SelectFilter
          label="Status"
          value={status ?? ""}
          onChange={(value) => change({ status: value || null })}
          any="All statuses"
          options={optionsOf(CONNECTOR_STATUSES, (value) => CONNECTOR_STATUS_BADGES[value].label)}
        />
      </FilterForm>
      {ownerLeft ? (
        <FilterChip
          as="p"
          removeLabel="Remove the owner-left filter"
          onRemove={() => change({ ownerLeft: null })}
        >
          <span className="font-medium">Owner left</span>: connectors whose owner has been deactivated
        </FilterChip>
      ) : null}

      <ListFrame
        query={connectors}
        labels={{
          one: "connector",
          many: "connectors",
          loading: "Loading connectors…",
          error: "Connectors could not be loaded",
          pages: "Connector pages",
        }}
        pages={pages}
        filtered={Boolean(search.q || status || ownerLeft)}
        onClear={() => {
          search.setSearch("");
          clear(["q", "status", "ownerLeft"]);
        }}
        empty={
          <EmptyState
            title="No connectors yet"
            action={
              canWrite ? (
                <ButtonLink href="/catalog/connectors/new" variant="primary">
                  Add a connector
                </ButtonLink>
              ) : undefined
            }
          >
            A connector records a shared key IT set up for a service. Every automation that declares the
            service is satisfied by it.
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Shared-key connectors"
            columns={COLUMNS}
            rows={items}
            rowKey={(connector) => connector.id}
            alignTop
          />
        )}
      </ListFrame>
    </div>
  );
}
