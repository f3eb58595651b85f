import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { NamedRef } from "@/lib/automations/api-types";
import type { Role } from "@/lib/generated/prisma/enums";

// Who is signed in and the departments they can pick from (GET /api/v1/me, /departments).

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  department: NamedRef | null;
}

export const directoryKeys = {
  all: ["directory"] as const,
  me: () => [...directoryKeys.all, "me"] as const,
  departments: () => [...directoryKeys.all, "departments"] as const,
};

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
