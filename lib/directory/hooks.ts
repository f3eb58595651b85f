import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { PersonChoice } from "@/lib/directory/contract";
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

/** The people picker's type-ahead (GET /api/v1/people): active people by name or e-mail. */
export function usePeopleSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: directoryKeys.people(q),
    queryFn: ({ signal }) =>
      apiFetch<{ items: PersonChoice[] }>("/api/v1/people", {
        query: { q: q || undefined, limit: 10 },
        signal,
      }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
