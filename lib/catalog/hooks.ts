import { useQueries } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/lib/api-client";
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
import { useApiGet, useApiList, useApiWrite } from "@/lib/use-api";

const CONNECTORS = "/api/v1/connectors";
const GATEWAYS = "/api/v1/gateways";

/** Connectors matching a search; `enabled` false until the maker typed something. */
export function useConnectors(search: string, options: { enabled?: boolean } = {}) {
  const q = search.trim();
  return useApiGet<Page<Connector>>(catalogKeys.connectorSearch(q), CONNECTORS, {
    query: { q, limit: 20 },
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
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiFetch<Page<Connector>>(CONNECTORS, { query: { service, limit: 200 }, signal }),
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
  return useApiGet<Page<Gateway>>(catalogKeys.gateways(), GATEWAYS, {
    query: { limit: 200 },
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

const connectorPath = (id: string) => `${CONNECTORS}/${encodeURIComponent(id)}`;
const gatewayPath = (id: string) => `${GATEWAYS}/${encodeURIComponent(id)}`;

/** Automations re-derive after any catalog write, so their cached copies are stale too. */
const AFTER_CATALOG_WRITE = [catalogKeys.all, automationKeys.all];

export function useConnectorList(filters: ConnectorFilters) {
  return useApiList<Connector>(catalogKeys.connectorList(filters), CONNECTORS, filters);
}

export function useConnector(id: string) {
  return useApiGet<ConnectorDetail>(catalogKeys.connector(id), connectorPath(id));
}

/** The blast radius of revoking: loaded fresh each time the confirmation opens. */
export function useConnectorImpact(id: string, enabled: boolean) {
  return useApiGet<Impact>(catalogKeys.connectorImpact(id), `${connectorPath(id)}/impact`, {
    query: { action: "revoke" },
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateConnector() {
  return useApiWrite(
    (body: CreateConnectorBody) => apiFetch<Connector>(CONNECTORS, { method: "POST", body }),
    {
      invalidates: AFTER_CATALOG_WRITE,
    },
  );
}

export function useUpdateConnector(id: string) {
  return useApiWrite(
    (body: UpdateConnectorBody) => apiFetch<Connector>(connectorPath(id), { method: "PATCH", body }),
    { invalidates: AFTER_CATALOG_WRITE, onConflict: catalogKeys.connector(id) },
  );
}

export function useRevokeConnector(id: string) {
  return useApiWrite(
    (body: { reason: string; version?: number }) =>
      apiFetch<Connector>(`${connectorPath(id)}/revoke`, { method: "POST", body }),
    { invalidates: AFTER_CATALOG_WRITE, settled: true },
  );
}

export function useGatewayList(filters: GatewayFilters) {
  return useApiList<Gateway>(catalogKeys.gatewayList(filters), GATEWAYS, filters);
}

export function useGateway(id: string) {
  return useApiGet<GatewayDetail>(catalogKeys.gateway(id), gatewayPath(id));
}

/** What taking a gateway OFFLINE / DECOMMISSIONED would block; null status = nothing to load. */
export function useGatewayImpact(id: string, status: GatewayStatus | null) {
  return useApiGet<Impact>(catalogKeys.gatewayImpact(id, status ?? "ONLINE"), `${gatewayPath(id)}/impact`, {
    query: { status: status ?? undefined },
    enabled: status === "OFFLINE" || status === "DECOMMISSIONED",
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateGateway() {
  return useApiWrite((body: CreateGatewayBody) => apiFetch<Gateway>(GATEWAYS, { method: "POST", body }), {
    invalidates: AFTER_CATALOG_WRITE,
  });
}

/** Edits a gateway's fields or status (PATCH with `version`). */
export function useUpdateGateway(id: string) {
  return useApiWrite(
    (body: UpdateGatewayBody) => apiFetch<Gateway>(gatewayPath(id), { method: "PATCH", body }),
    {
      invalidates: AFTER_CATALOG_WRITE,
      onConflict: catalogKeys.gateway(id),
    },
  );
}
