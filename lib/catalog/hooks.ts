import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch, type Page } from "@/lib/api-client";
import { automationKeys } from "@/lib/automations/keys";
import type { Connector, ConnectorDetail, Gateway, GatewayDetail, Impact } from "@/lib/catalog/contract";
import { catalogKeys } from "@/lib/catalog/keys";
import type {
  ConnectorFilters,
  CreateConnectorBody,
  CreateGatewayBody,
  GatewayFilters,
  UpdateConnectorBody,
  UpdateGatewayBody,
} from "@/lib/catalog/schemas";

import type { ConnectorInput, GatewayStatus } from "@/lib/domain/types";

function fetchConnectors(query: { q?: string; service?: string }, signal: AbortSignal, limit: number) {
  return apiFetch<Page<Connector>>("/api/v1/connectors", { query: { ...query, limit }, signal });
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
  results: ReadonlyArray<{ data?: Page<Connector>; isPending: boolean; isError: boolean }>,
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
    queryFn: ({ signal }) => apiFetch<Page<Gateway>>("/api/v1/gateways", { query: { limit: 200 }, signal }),
    staleTime: 60_000,
  });
}

/** The engine's view of a connector as the API answers it. */
export function toConnectorInput(connector: Connector): ConnectorInput {
  return {
    id: connector.id,
    name: connector.name,
    service: connector.service,
    status: connector.status,
    keyExpiresAt: new Date(connector.keyExpiresAt),
    sharing: connector.sharing,
    departmentIds: connector.departments.map((department) => department.id),
  };
}

// ---------------------------------------------------------------------------------------
// IT's catalog pages: lists, details with dependents, the blast radius of a change, writes.
// ---------------------------------------------------------------------------------------

const CONNECTORS = "/api/v1/connectors";
const GATEWAYS = "/api/v1/gateways";
const connectorPath = (id: string) => `${CONNECTORS}/${encodeURIComponent(id)}`;
const gatewayPath = (id: string) => `${GATEWAYS}/${encodeURIComponent(id)}`;

/** Automations re-derive after any catalog write, so their cached copies are stale too. */
function invalidateAfterCatalogWrite(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
    queryClient.invalidateQueries({ queryKey: automationKeys.all }),
  ]);
}

export function useConnectorList(filters: ConnectorFilters) {
  return useQuery({
    queryKey: catalogKeys.connectorList(filters),
    queryFn: ({ signal }) => apiFetch<Page<Connector>>(CONNECTORS, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useConnector(id: string) {
  return useQuery({
    queryKey: catalogKeys.connector(id),
    queryFn: ({ signal }) => apiFetch<ConnectorDetail>(connectorPath(id), { signal }),
  });
}

/** The blast radius of revoking: loaded fresh each time the confirmation opens. */
export function useConnectorImpact(id: string, enabled: boolean) {
  return useQuery({
    queryKey: catalogKeys.connectorImpact(id),
    queryFn: ({ signal }) =>
      apiFetch<Impact>(`${connectorPath(id)}/impact`, { query: { action: "revoke" }, signal }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConnectorBody) => apiFetch<Connector>(CONNECTORS, { method: "POST", body }),
    onSuccess: () => invalidateAfterCatalogWrite(queryClient),
  });
}

export function useUpdateConnector(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConnectorBody) =>
      apiFetch<Connector>(connectorPath(id), { method: "PATCH", body }),
    onSuccess: () => invalidateAfterCatalogWrite(queryClient),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        return queryClient.invalidateQueries({ queryKey: catalogKeys.connector(id) });
      }
    },
  });
}

export function useRevokeConnector(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; version?: number }) =>
      apiFetch<Connector>(`${connectorPath(id)}/revoke`, { method: "POST", body }),
    onSettled: () => invalidateAfterCatalogWrite(queryClient),
  });
}

export function useGatewayList(filters: GatewayFilters) {
  return useQuery({
    queryKey: catalogKeys.gatewayList(filters),
    queryFn: ({ signal }) => apiFetch<Page<Gateway>>(GATEWAYS, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useGateway(id: string) {
  return useQuery({
    queryKey: catalogKeys.gateway(id),
    queryFn: ({ signal }) => apiFetch<GatewayDetail>(gatewayPath(id), { signal }),
  });
}

/** What taking a gateway OFFLINE / DECOMMISSIONED would block; null status = nothing to load. */
export function useGatewayImpact(id: string, status: GatewayStatus | null) {
  return useQuery({
    queryKey: catalogKeys.gatewayImpact(id, status ?? "ONLINE"),
    queryFn: ({ signal }) =>
      apiFetch<Impact>(`${gatewayPath(id)}/impact`, { query: { status: status ?? undefined }, signal }),
    enabled: status === "OFFLINE" || status === "DECOMMISSIONED",
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateGateway() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateGatewayBody) => apiFetch<Gateway>(GATEWAYS, { method: "POST", body }),
    onSuccess: () => invalidateAfterCatalogWrite(queryClient),
  });
}

/** Edits a gateway's fields or status (PATCH with `version`). */
export function useUpdateGateway(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateGatewayBody) => apiFetch<Gateway>(gatewayPath(id), { method: "PATCH", body }),
    onSuccess: () => invalidateAfterCatalogWrite(queryClient),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        return queryClient.invalidateQueries({ queryKey: catalogKeys.gateway(id) });
      }
    },
  });
}
