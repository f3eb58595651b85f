import { apiFetch, type Page } from "@/lib/api-client";
import type { CreatedScimToken, ScimGroupMapping, ScimTokenView } from "@/lib/scim/contract";
import { scimGroupKeys, scimTokenKeys } from "@/lib/scim/keys";
import type { TCreateScimTokenBody, TMapScimGroupBody } from "@/lib/scim/schemas";
import { useApiGet, useApiWrite } from "@/lib/use-api";

// The identity provider's SCIM tokens (ADMIN): /api/v1/admin/scim-tokens.

const base = "/api/v1/admin/scim-tokens";
const GROUPS = "/api/v1/admin/scim-groups";

export function useScimTokens() {
  return useApiGet<Page<ScimTokenView>>(scimTokenKeys.list(), base);
}

export function useCreateScimToken() {
  return useApiWrite(
    (body: TCreateScimTokenBody) => apiFetch<CreatedScimToken>(base, { method: "POST", body }),
    { invalidates: [scimTokenKeys.all] },
  );
}

/** POST …/{id}/rotate or …/{id}/revoke: both refetch the token list. */
function useScimTokenAction<T>(action: "rotate" | "revoke") {
  return useApiWrite(
    (id: string) => apiFetch<T>(`${base}/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    { invalidates: [scimTokenKeys.all] },
  );
}

export const useRotateScimToken = () => useScimTokenAction<CreatedScimToken>("rotate");
export const useRevokeScimToken = () => useScimTokenAction<ScimTokenView>("revoke");

export function useScimGroups() {
  return useApiGet<Page<ScimGroupMapping>>(scimGroupKeys.list(), GROUPS);
}

export function useMapScimGroup() {
  return useApiWrite(
    ({ id, body }: { id: string; body: TMapScimGroupBody }) =>
      apiFetch<ScimGroupMapping>(`${GROUPS}/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    { invalidates: [scimGroupKeys.all] },
  );
}
