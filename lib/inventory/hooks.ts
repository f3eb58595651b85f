import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiUpload, type Page } from "@/lib/api-client";
import type { EnvironmentView, ImportView } from "@/lib/inventory/contract";
import { inventoryKeys } from "@/lib/inventory/keys";
import { useApiGet, useApiWrite } from "@/lib/use-api";

// The import page's data: /api/v1/imports and /api/v1/inventory/environments.

const IMPORTS = "/api/v1/imports";
const ENVIRONMENTS = "/api/v1/inventory/environments";
const ACTIVE = new Set(["ANALYSING", "RUNNING"]);

export function useImports() {
  return useApiGet<Page<ImportView>>(inventoryKeys.imports(), IMPORTS, { query: { limit: 20 } });
}

/** One import, polled every second while it is being analysed or applied. */
export function useImport(id: string | null) {
  return useApiGet<ImportView>(
    inventoryKeys.import(id ?? "none"),
    `${IMPORTS}/${encodeURIComponent(id ?? "")}`,
    {
      enabled: id !== null,
      refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
    },
  );
}

/** A write answering with an import: it is cached as that import's current state at once. */
function useImportWrite<TVariables>(
  mutationFn: (variables: TVariables) => Promise<ImportView>,
  invalidates: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (view) => {
      queryClient.setQueryData(inventoryKeys.import(view.id), view);
      return queryClient.invalidateQueries({ queryKey: invalidates });
    },
  });
}

export const useUpload = () =>
  useImportWrite((form: FormData) => apiUpload<ImportView>(IMPORTS, form), inventoryKeys.all);

export const useStartSync = () =>
  useImportWrite(
    (dryRun: boolean) => apiFetch<ImportView>("/api/v1/sync", { method: "POST", body: { dryRun } }),
    inventoryKeys.imports(),
  );

const useImportAction = (action: "apply" | "cancel") =>
  useImportWrite(
    (id: string) =>
      apiFetch<ImportView>(`${IMPORTS}/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    inventoryKeys.imports(),
  );

export const useApplyImport = () => useImportAction("apply");
export const useCancelImport = () => useImportAction("cancel");

export function useEnvironments() {
  return useApiGet<Page<EnvironmentView>>(inventoryKeys.environments(), ENVIRONMENTS);
}

export function useMapEnvironment() {
  return useApiWrite(
    ({ id, departmentId }: { id: string; departmentId: string | null }) =>
      apiFetch<EnvironmentView>(`${ENVIRONMENTS}/${encodeURIComponent(id)}`, {
        method: "PUT",
        body: { departmentId },
      }),
    { invalidates: [inventoryKeys.all] },
  );
}
