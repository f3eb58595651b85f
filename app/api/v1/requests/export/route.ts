import { apiRoute } from "@/lib/http/api";
import { exportRequests } from "@/lib/requests/export";
import { ZRequestExportQuery } from "@/lib/requests/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZRequestExportQuery,
  handler: async ({ caller, query }) => exportRequests({ caller, filters: query }),
});
