import type { ConnectorFilters, GatewayFilters } from "@/lib/catalog/schemas";
import type { GatewayStatus } from "@/lib/domain/types";

// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const catalogKeys = {
  all: ["catalog"] as const,
  connectors: () => [...catalogKeys.all, "connectors"] as const,
  connectorSearch: (search: string) => [...catalogKeys.connectors(), { q: search }] as const,
  connectorsOfService: (service: string) => [...catalogKeys.connectors(), { service }] as const,
  gateways: () => [...catalogKeys.all, "gateways"] as const,
  connectorList: (filters: ConnectorFilters) => [...catalogKeys.connectors(), "list", filters] as const,
  connector: (id: string) => [...catalogKeys.connectors(), "detail", id] as const,
  connectorImpact: (id: string) => [...catalogKeys.connectors(), "impact", id] as const,
  gatewayList: (filters: GatewayFilters) => [...catalogKeys.gateways(), "list", filters] as const,
  gateway: (id: string) => [...catalogKeys.gateways(), "detail", id] as const,
  gatewayImpact: (id: string, status: GatewayStatus) =>
    [...catalogKeys.gateways(), "impact", id, status] as const,
};
