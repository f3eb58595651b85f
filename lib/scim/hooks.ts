import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/lib/api-client";
import type { CreatedScimToken, ScimGroupMapping, ScimTokenView } from "@/lib/scim/contract";
import { scimGroupKeys, scimTokenKeys } from "@/lib/scim/keys";
import type { TCreateScimTokenBody, TMapScimGroupBody } from "@/lib/scim/schemas";

// The identity provider's SCIM tokens (ADMIN): /api/v1/admin/scim-tokens.

const base = "/api/v1/admin/scim-tokens";

export function useScimTokens() {
  return useQuery({
    queryKey: scimTokenKeys.list(),
    queryFn: ({ signal }) => apiFetch<Page<ScimTokenView>>(base, { signal }),
  });
}

export function useCreateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateScimTokenBody) => apiFetch<CreatedScimToken>(base, { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokenKeys.all }),
  });
}

export function useRotateScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<CreatedScimToken>(`${base}/${encodeURIComponent(id)}/rotate`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokenKeys.all }),
  });
}

export function useRevokeScimToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<ScimTokenView>(`${base}/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokenKeys.all }),
  });
}

export function useScimGroups() {
  return useQuery({
    queryKey: scimGroupKeys.list(),
    queryFn: ({ signal }) => apiFetch<Page<ScimGroupMapping>>("/api/v1/admin/scim-groups", { signal }),
  });
}

export function useMapScimGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TMapScimGroupBody }) =>
      apiFetch<ScimGroupMapping>(`/api/v1/admin/scim-groups/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimGroupKeys.all }),
  });
}
