import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch, type Page } from "@/lib/api-client";
import { automationKeys } from "@/lib/automations/keys";
import { catalogKeys } from "@/lib/catalog/keys";
import type { RequestComment, RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { requestKeys } from "@/lib/requests/keys";
import type { CreateRequestBody, DecisionBody, RequestFilters } from "@/lib/requests/schemas";

const BASE = "/api/v1/requests";
const path = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function useRequests(filters: RequestFilters) {
  return useQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Page<RequestRecord>>(BASE, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequestBody) => apiFetch<RequestRecord>(BASE, { method: "POST", body }),
    // Filing a request turns the prerequisite REQUESTED and may change the automation's status.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        queryClient.invalidateQueries({ queryKey: automationKeys.all }),
      ]),
  });
}

export function useWithdrawRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiFetch<RequestRecord>(`${BASE}/${encodeURIComponent(id)}/withdraw`, {
        method: "POST",
        body: { version },
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        queryClient.invalidateQueries({ queryKey: automationKeys.all }),
      ]),
  });
}

/** The IT queue: the same list route, with the queue's filters; items carry age and assignee. */
export function useQueue(filters: RequestFilters) {
  return useQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Page<RequestRecord>>(BASE, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<RequestDetail>(path(id), { signal }),
  });
}

/**
 * Approve or reject. Approval may create a connector or gateway and re-derives the
 * automation, so the catalog and automations are refetched too; a 409 (decided meanwhile)
 * refreshes the request so the page shows who decided.
 */
export function useDecideRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionBody) =>
      apiFetch<RequestRecord>(`${path(id)}/decision`, { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        queryClient.invalidateQueries({ queryKey: automationKeys.all }),
        queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
      ]),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        return queryClient.invalidateQueries({ queryKey: requestKeys.all });
      }
    },
  });
}

export function useAssignRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiFetch<RequestRecord>(`${path(id)}/assign`, { method: "POST", body: { version } }),
    // Success and a stale version alike: the queue and the request show the current assignee.
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

export function useAddComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string }) =>
      apiFetch<RequestComment>(`${path(id)}/comments`, { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) }),
  });
}
