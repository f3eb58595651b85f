import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, type Page } from "@/lib/api-client";
import type { CreatedToken, TokenView } from "@/lib/tokens/contract";
import { tokenKeys } from "@/lib/tokens/keys";
import type { TCreateTokenBody } from "@/lib/tokens/schemas";

// The caller's own API tokens (GET/POST /api/v1/tokens, POST /api/v1/tokens/{id}/revoke).

export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) => apiFetch<Page<TokenView>>("/api/v1/tokens", { signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateTokenBody) =>
      apiFetch<CreatedToken>("/api/v1/tokens", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<TokenView>(`/api/v1/tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
