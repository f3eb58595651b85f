import { apiFetch, type Page } from "@/lib/api-client";
import type { CreatedToken, TokenView } from "@/lib/tokens/contract";
import { tokenKeys } from "@/lib/tokens/keys";
import type { TCreateTokenBody } from "@/lib/tokens/schemas";
import { useApiGet, useApiWrite } from "@/lib/use-api";

// The caller's own API tokens (GET/POST /api/v1/tokens, POST /api/v1/tokens/{id}/revoke).

const BASE = "/api/v1/tokens";

export function useTokens() {
  return useApiGet<Page<TokenView>>(tokenKeys.list(), BASE);
}

export function useCreateToken() {
  return useApiWrite((body: TCreateTokenBody) => apiFetch<CreatedToken>(BASE, { method: "POST", body }), {
    invalidates: [tokenKeys.all],
  });
}

export function useRevokeToken() {
  return useApiWrite(
    (id: string) => apiFetch<TokenView>(`${BASE}/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    { invalidates: [tokenKeys.all] },
  );
}
