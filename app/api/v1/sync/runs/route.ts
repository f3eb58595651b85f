import { apiRoute } from "@/lib/http/server/api-route";
import { ZImportListQuery } from "@/lib/inventory/schemas";
import { listSyncRuns } from "@/lib/inventory/server/sync-run";

export const GET = apiRoute({
  permission: "inventory:import",
  query: ZImportListQuery,
  handler: ({ caller, query }) => listSyncRuns(caller, query),
});
