import { apiFetch } from "@/lib/api-client";
import { automationKeys } from "@/lib/automations/keys";
import { catalogKeys } from "@/lib/catalog/keys";
import type { RequestComment, RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { requestKeys } from "@/lib/requests/keys";
import type { CreateRequestBody, DecisionBody, RequestFilters } from "@/lib/requests/schemas";
import { useApiGet, useApiList, useApiWrite } from "@/lib/use-api";

const BASE = "/api/v1/requests";
const path = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** A request changes its prerequisite's status and may change the automation's. */
const REQUESTS_AND_AUTOMATIONS = [requestKeys.all, automationKeys.all];

export function useRequests(filters: RequestFilters) {
  return useApiList<RequestRecord>(requestKeys.list(filters), BASE, filters);
}

export function useCreateRequest() {
  // Filing a request turns the prerequisite REQUESTED and may change the automation's status.
  return useApiWrite((body: CreateRequestBody) => apiFetch<RequestRecord>(BASE, { method: "POST", body }), {
    invalidates: REQUESTS_AND_AUTOMATIONS,
  });
}

export function useWithdrawRequest() {
  return useApiWrite(
    ({ id, version }: { id: string; version: number }) =>
      apiFetch<RequestRecord>(`${path(id)}/withdraw`, { method: "POST", body: { version } }),
    { invalidates: REQUESTS_AND_AUTOMATIONS, settled: true },
  );
}

/** The IT queue: the same list route, with the queue's filters; items carry age and assignee. */
export const useQueue = useRequests;

export function useRequest(id: string) {
  return useApiGet<RequestDetail>(requestKeys.detail(id), path(id));
}

/**
 * Approve or reject. Approval may create a connector or gateway and re-derives the
 * automation, so the catalog and automations are refetched too; a 409 (decided meanwhile)
 * refreshes the request so the page shows who decided.
 */
export function useDecideRequest(id: string) {
  return useApiWrite(
    (body: DecisionBody) => apiFetch<RequestRecord>(`${path(id)}/decision`, { method: "POST", body }),
    { invalidates: [...REQUESTS_AND_AUTOMATIONS, catalogKeys.all], onConflict: requestKeys.all },
  );
}

export function useAssignRequest() {
  // Success and a stale version alike: the queue and the request show the current assignee.
  return useApiWrite(
    ({ id, version }: { id: string; version: number }) =>
      apiFetch<RequestRecord>(`${path(id)}/assign`, { method: "POST", body: { version } }),
    { invalidates: [requestKeys.all], settled: true },
  );
}

export function useAddComment(id: string) {
  return useApiWrite(
    (body: { body: string }) => apiFetch<RequestComment>(`${path(id)}/comments`, { method: "POST", body }),
    { invalidates: [requestKeys.detail(id)] },
  );
}
