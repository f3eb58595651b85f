"use client";

import type { Column } from "@/components/ui/data-table";
import { CatalogList, choiceFilter, nameColumn, statusColumn } from "@/lib/catalog/components/catalog-list";
import type { Gateway } from "@/lib/catalog/contract";
import { useGatewayList } from "@/lib/catalog/hooks";
import { GATEWAY_KIND_LABELS, GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";
import { GATEWAY_KINDS, GATEWAY_STATUSES } from "@/lib/domain/types";

const COLUMNS: ReadonlyArray<Column<Gateway>> = [
  nameColumn("gateway", "Gateway"),
  {
    key: "kind",
    header: "Kind",
    cellClassName: "text-slate-700",
    cell: (gateway) => GATEWAY_KIND_LABELS[gateway.kind],
  },
  statusColumn(GATEWAY_STATUS_BADGES, {
    value: "ADMIN_LEFT",
    text: (gateway: Gateway) =>
      gateway.adminsLeft.length > 0
        ? `Admin left: ${gateway.adminsLeft.map((person) => person.name).join(", ")}`
        : null,
  }),
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
  return (
    <CatalogList
      noun="gateway"
      canWrite={canWrite}
      useList={useGatewayList}
      searchHint="Name"
      filters={[
        choiceFilter(
          "status",
          "Status",
          "All statuses",
          GATEWAY_STATUSES,
          (value) => GATEWAY_STATUS_BADGES[value].label,
        ),
        choiceFilter("kind", "Kind", "All kinds", GATEWAY_KINDS, (value) => GATEWAY_KIND_LABELS[value]),
      ]}
      left={{
        param: "adminLeft",
        removeLabel: "Remove the admin-left filter",
        chip: (
          <>
            <span className="font-medium">Admin left</span>: gateways with an admin who has been deactivated
          </>
        ),
      }}
      columns={COLUMNS}
      caption="Gateways and machine groups"
      empty={{
        action: "Register a gateway",
        text: (
          <>
            Cloud flows reach on-premises systems through an on-premises data gateway; desktop flows run on a
            machine group.
          </>
        ),
      }}
    />
  );
}
