import { useQueries, useQuery } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/lib/api-client";
import type {
  ConnectorInput,
  ConnectorSharing,
  ConnectorStatus,
  GatewayKind,
  GatewayStatus,
} from "@/lib/domain/types";

// The catalog as makers read it: shared-key connectors and gateways / machine groups.

export interface ConnectorDto {
  id: string;
  name: string;
  service: string;
  status: ConnectorStatus;
  keyExpiresAt: string;
  ownerTeam?: string;
  sharing?: ConnectorSharing;
  /** API.md's create body says `sharedWith: "ALL" | [departmentId]`; reads may echo it. */
  sharedWith?: "ALL" | Array<string | { id: string; name?: string }>;
  departmentIds?: string[];
  departments?: Array<{ id: string; name?: string }>;
}

export interface GatewayDto {
  id: string;
  name: string;
  kind?: GatewayKind;
  status: GatewayStatus;
  cluster?: string;
  host?: string;
  region?: string;
}

export const catalogKeys = {
  all: ["catalog"] as const,
  connectors: () => [...catalogKeys.all, "connectors"] as const,
  connectorSearch: (search: string) => [...catalogKeys.connectors(), { q: search }] as const,
  connectorsOfService: (service: string) => [...catalogKeys.connectors(), { service }] as const,
  gateways: () => [...catalogKeys.all, "gateways"] as const,
};

function fetchConnectors(query: { q?: string; service?: string }, signal: AbortSignal, limit: number) {
  return apiFetch<Page<ConnectorDto>>("/api/v1/connectors", { query: { ...query, limit }, signal });
}

/** Connectors matching a search; `enabled` false until the maker typed something. */
export function useConnectors(search: string, options: { enabled?: boolean } = {}) {
  const q = search.trim();
  return useQuery({
    queryKey: catalogKeys.connectorSearch(q),
    queryFn: ({ signal }) => fetchConnectors({ q }, signal, 20),
    enabled: options.enabled ?? true,
    staleTime: 30_000,
  });
}

/**
 * The connectors of each service (well-formed service keys only), for the live prerequisite
 * preview: one cached query per service, so adding a system fetches only the new service.
 */
export function useConnectorsForServices(services: ReadonlyArray<string>) {
  return useQueries({
    queries: services.map((service) => ({
      queryKey: catalogKeys.connectorsOfService(service),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchConnectors({ service }, signal, 200),
      staleTime: 30_000,
    })),
    combine: combineConnectorResults,
  });
}

// Module-level so that TanStack Query keeps the combined result stable between renders.
function combineConnectorResults(
  results: ReadonlyArray<{ data?: Page<ConnectorDto>; isPending: boolean; isError: boolean }>,
) {
  return {
    connectors: results.flatMap((result) => result.data?.items ?? []),
    pending: results.some((result) => result.isPending),
    failed: results.some((result) => result.isError),
  };
}

export function useGateways() {
  return useQuery({
    queryKey: catalogKeys.gateways(),
    queryFn: ({ signal }) =>
      apiFetch<Page<GatewayDto>>("/api/v1/gateways", { query: { limit: 200 }, signal }),
    staleTime: 60_000,
  });
}

/** The engine's view of a connector, whichever sharing shape the API answers with. */
export function toConnectorInput(connector: ConnectorDto): ConnectorInput {
  const shared = connector.sharedWith;
  const all = connector.sharing === "ALL" || shared === "ALL" || (!connector.sharing && shared === undefined);
  const departmentIds = [
    ...(connector.departmentIds ?? []),
    ...(connector.departments ?? []).map((d) => d.id),
    ...(Array.isArray(shared) ? shared.map((d) => (typeof d === "string" ? d : d.id)) : []),
  ];
  return {
    id: connector.id,
    name: connector.name,
    service: connector.service,
    status: connector.status,
    keyExpiresAt: new Date(connector.keyExpiresAt),
    sharing: all ? "ALL" : "DEPARTMENTS",
    departmentIds,
  };
}
