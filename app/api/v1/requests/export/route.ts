import { apiRoute } from "@/lib/http/server/api-route";
import { ZRequestExportQuery } from "@/lib/requests/schemas";
import { exportRequests } from "@/lib/requests/server/export-requests";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZRequestExportQuery,
  handler: async ({ caller, query }) => exportRequests({ caller, filters: query }),
});
