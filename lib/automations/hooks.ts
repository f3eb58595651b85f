import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { Automation, AutomationSummary } from "@/lib/automations/contract";
import { automationKeys } from "@/lib/automations/keys";
import type {
  AutomationFilters,
  CreateAutomationBody,
  UpdateAutomationBody,
} from "@/lib/automations/schemas";

import type { ReviewPrerequisiteBody } from "@/lib/prerequisites/schemas";
import { requestKeys } from "@/lib/requests/keys";
import { useApiList } from "@/lib/use-api";

const BASE = "/api/v1/automations";
const path = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function useAutomations(filters: AutomationFilters) {
  return useApiList<AutomationSummary>(automationKeys.list(filters), BASE, filters);
}

/** While IT has a request of this automation on its desk, poll for the decision this often. */
const AWAITING_IT_POLL_MS = 5_000;

export function useAutomation(id: string) {
  return useQuery({
    queryKey: automationKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Automation>(path(id), { signal }),
    // IT decides in another browser: a maker watching the page sees the prerequisite turn
    // SATISFIED (or REJECTED) without reloading, and coming back to the tab always refetches.
    refetchInterval: (query) =>
      query.state.data?.prerequisites.some((prerequisite) => prerequisite.status === "REQUESTED")
        ? AWAITING_IT_POLL_MS
        : false,
    refetchOnWindowFocus: "always",
  });
}

export function useCreateAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAutomationBody) => apiFetch<Automation>(BASE, { method: "POST", body }),
    // The answer may hold less than the detail route (API.md: "at least …"), so the detail
    // page loads its own copy instead of being seeded from it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.lists() }),
  });
}

export function useUpdateAutomation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAutomationBody) => apiFetch<Automation>(path(id), { method: "PATCH", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: automationKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: automationKeys.lists() }),
      ]),
    onError: (error) => {
      // A stale version: the cached copy is stale too.
      if (error instanceof ApiError && error.status === 409) {
        return queryClient.invalidateQueries({ queryKey: automationKeys.detail(id) });
      }
    },
  });
}

/** IT's review of a declared prerequisite: verify it, or send it back with a reason. */
export function useReviewPrerequisite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ prerequisiteId, ...body }: ReviewPrerequisiteBody & { prerequisiteId: string }) =>
      apiFetch<Automation>(`${path(id)}/prerequisites/${encodeURIComponent(prerequisiteId)}/review`, {
        method: "POST",
        body,
      }),
    onSuccess: (automation) => queryClient.setQueryData(automationKeys.detail(id), automation),
    // A conflict (reviewed meanwhile, or declared anew): show the automation as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: automationKeys.detail(id) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: automationKeys.lists() }),
  });
}

export function useConfirmAutomation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number }) =>
      apiFetch<Automation>(`${path(id)}/confirm`, { method: "POST", body }),
    onSuccess: (automation) => queryClient.setQueryData(automationKeys.detail(id), automation),
    onError: () => queryClient.invalidateQueries({ queryKey: automationKeys.detail(id) }),
  });
}

export function useReassignAutomations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { automationIds: string[]; ownerEmail: string }) =>
      apiFetch<{ reassigned: number; owner: { id: string; name: string; email: string } }>(
        `${BASE}/reassign`,
        {
          method: "POST",
          body,
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.all }),
  });
}

export function useRetireAutomation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number }) =>
      apiFetch<Automation>(`${path(id)}/retire`, { method: "POST", body }),
    // Retiring cancels the automation's pending requests as well.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: automationKeys.all }),
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
      ]),
  });
}
