import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiUpload, type Page } from "@/lib/api-client";
import type { EnvironmentView, ImportView } from "@/lib/inventory/contract";
import { inventoryKeys } from "@/lib/inventory/keys";

// The import page's data: /api/v1/imports and /api/v1/inventory/environments.

const ACTIVE = new Set(["ANALYSING", "RUNNING"]);

export function useImports() {
  return useQuery({
    queryKey: inventoryKeys.imports(),
    queryFn: ({ signal }) => apiFetch<Page<ImportView>>("/api/v1/imports", { signal, query: { limit: 20 } }),
  });
}

/** One import, polled every second while it is being analysed or applied. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: inventoryKeys.import(id ?? "none"),
    enabled: id !== null,
    queryFn: ({ signal }) => apiFetch<ImportView>(`/api/v1/imports/${encodeURIComponent(id!)}`, { signal }),
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
  });
}

export function useUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => apiUpload<ImportView>("/api/v1/imports", form),
    onSuccess: (view) => {
      queryClient.setQueryData(inventoryKeys.import(view.id), view);
      return queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
    },
  });
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) =>
      apiFetch<ImportView>("/api/v1/sync", { method: "POST", body: { dryRun } }),
    onSuccess: (view) => {
      queryClient.setQueryData(inventoryKeys.import(view.id), view);
      return queryClient.invalidateQueries({ queryKey: inventoryKeys.imports() });
    },
  });
}

function useImportAction(action: "apply" | "cancel") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<ImportView>(`/api/v1/imports/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    onSuccess: (view) => {
      queryClient.setQueryData(inventoryKeys.import(view.id), view);
      return queryClient.invalidateQueries({ queryKey: inventoryKeys.imports() });
    },
  });
}

export const useApplyImport = () => useImportAction("apply");
export const useCancelImport = () => useImportAction("cancel");

export function useEnvironments() {
  return useQuery({
    queryKey: inventoryKeys.environments(),
    queryFn: ({ signal }) => apiFetch<Page<EnvironmentView>>("/api/v1/inventory/environments", { signal }),
  });
}

export function useMapEnvironment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, departmentId }: { id: string; departmentId: string | null }) =>
      apiFetch<EnvironmentView>(`/api/v1/inventory/environments/${encodeURIComponent(id)}`, {
        method: "PUT",
        body: { departmentId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
}
