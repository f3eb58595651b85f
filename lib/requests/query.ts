import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/lib/api-client";
import type { RequestDto, RequestType } from "@/lib/automations/api-types";
import { automationKeys } from "@/lib/automations/query";
import type { RequestStatus } from "@/lib/domain/types";

export type { RequestDto, RequestType };

export interface RequestFilters {
  status?: RequestStatus;
  type?: RequestType;
  departmentId?: string;
  cursor?: string;
  limit?: number;
}

export interface CreateRequestBody {
  type: RequestType;
  automationId: string;
  prerequisiteId: string;
  justification: string;
}

export const requestKeys = {
  all: ["requests"] as const,
  lists: () => [...requestKeys.all, "list"] as const,
  list: (filters: RequestFilters) => [...requestKeys.lists(), filters] as const,
};

const BASE = "/api/v1/requests";

export function useRequests(filters: RequestFilters) {
  return useQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Page<RequestDto>>(BASE, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequestBody) => apiFetch<RequestDto>(BASE, { method: "POST", body }),
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
      apiFetch<RequestDto>(`${BASE}/${encodeURIComponent(id)}/withdraw`, {
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
