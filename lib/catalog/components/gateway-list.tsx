"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChip, FilterForm, optionsOf, SearchFilter, SelectFilter } from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters, useUrlSearch } from "@/components/ui/use-url-filters";
import type { Gateway } from "@/lib/catalog/contract";
import { useGatewayList } from "@/lib/catalog/hooks";
import { GATEWAY_KIND_LABELS, GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";
import { GATEWAY_KINDS, GATEWAY_STATUSES, type GatewayKind, type GatewayStatus } from "@/lib/domain/types";

const PAGE_SIZE = 50;

const COLUMNS: ReadonlyArray<Column<Gateway>> = [
  {
    key: "name",
    header: "Gateway",
    cell: (gateway) => (
      <Link
        href={`/catalog/gateways/${encodeURIComponent(gateway.id)}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {gateway.name}
      </Link>
    ),
  },
  {
    key: "kind",
    header: "Kind",
    cellClassName: "text-slate-700",
    cell: (gateway) => GATEWAY_KIND_LABELS[gateway.kind],
  },
  {
    key: "status",
    header: "Status",
    cell: (gateway) => (
      <>
        <Badge tone={GATEWAY_STATUS_BADGES[gateway.status].tone} value={gateway.status}>
          {GATEWAY_STATUS_BADGES[gateway.status].label}
        </Badge>
        {gateway.adminsLeft.length > 0 ? (
          <Badge tone="warning" className="ml-1" value="ADMIN_LEFT">
            Admin left: {gateway.adminsLeft.map((person) => person.name).join(", ")}
          </Badge>
        ) : null}
      </>
    ),
  },
  { key: "cluster", header: "Cluster", cellClassName: "text-slate-700", cell: (gateway) => gateway.cluster },
  {
    key: "host",
    header: "Host",
    cellClassName: "font-mono text-xs text-slate-900",
    cell: (gateway) => gateway.host,
  },
  { key: "region", header: "Region", cellClassName: "text-slate-700", cell: (gateway) => gateway.region },
];

/**
 * Gateways and machine groups: search, status and kind filters, cursor pages — in the URL.
 * `canWrite`: the caller may register gateways (IT), not only read them (ADMIN).
 */
export function GatewayList({ canWrite }: { canWrite: boolean }) {
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const search = useUrlSearch({ params, change });
  const status = oneOf<GatewayStatus>(GATEWAY_STATUSES, params.get("status"));
  const kind = oneOf<GatewayKind>(GATEWAY_KINDS, params.get("kind"));
  const adminLeft = params.get("adminLeft") === "true" ? true : undefined;
  const gateways = useGatewayList({
    q: search.q || undefined,
    status,
    kind,
    adminLeft,
    cursor,
    limit: PAGE_SIZE,
  });

  return (
    <div className="space-y-4">
      <FilterForm label="Filter gateways" columns="sm:grid-cols-3" onSubmit={search.submit}>
        <SearchFilter hint="Name" search={search} />
        <SelectFilter
          label="Status"
          value={status ?? ""}
          onChange={(value) => change({ status: value || null })}
          any="All statuses"
          options={optionsOf(GATEWAY_STATUSES, (value) => GATEWAY_STATUS_BADGES[value].label)}
        />
        <SelectFilter
          label="Kind"
          value={kind ?? ""}
          onChange={(value) => change({ kind: value || null })}
          any="All kinds"
          options={optionsOf(GATEWAY_KINDS, (value) => GATEWAY_KIND_LABELS[value])}
        />
      </FilterForm>
      {adminLeft ? (
        <FilterChip
          as="p"
          removeLabel="Remove the admin-left filter"
          onRemove={() => change({ adminLeft: null })}
        >
          <span className="font-medium">Admin left</span>: gateways with an admin who has been deactivated
        </FilterChip>
      ) : null}

      <ListFrame
        query={gateways}
        labels={{
          one: "gateway",
          many: "gateways",
          loading: "Loading gateways…",
          error: "Gateways could not be loaded",
          pages: "Gateway pages",
        }}
        pages={pages}
        filtered={Boolean(search.q || status || kind || adminLeft)}
        onClear={() => {
          search.setSearch("");
          clear(["q", "status", "kind", "adminLeft"]);
        }}
        empty={
          <EmptyState
            title="No gateways yet"
            action={
              canWrite ? (
                <ButtonLink href="/catalog/gateways/new" variant="primary">
                  Register a gateway
                </ButtonLink>
              ) : undefined
            }
          >
            Cloud flows reach on-premises systems through an on-premises data gateway; desktop flows run on a
            machine group.
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Gateways and machine groups"
            columns={COLUMNS}
            rows={items}
            rowKey={(g) => g.id}
          />
        )}
      </ListFrame>
    </div>
  );
}
