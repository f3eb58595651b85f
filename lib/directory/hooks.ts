import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { directoryKeys } from "@/lib/directory/keys";
import type { NamedRef } from "@/lib/openapi/common";
import type { Me } from "@/lib/profile/contract";

// Who is signed in and the departments they can pick from (GET /api/v1/me, /departments).

export function useMe() {
  return useQuery({
    queryKey: directoryKeys.me(),
    queryFn: ({ signal }) => apiFetch<Me>("/api/v1/me", { signal }),
    staleTime: 60_000,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: directoryKeys.departments(),
    queryFn: ({ signal }) => apiFetch<{ items: NamedRef[] }>("/api/v1/departments", { signal }),
    staleTime: 5 * 60_000,
  });
}
