import { apiRoute } from "@/lib/http/server/api-route";
import { ZPrerequisiteExportQuery } from "@/lib/prerequisites/schemas";
import { exportPrerequisites } from "@/lib/prerequisites/server/list-prerequisites";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZPrerequisiteExportQuery,
  handler: async ({ caller, query }) => exportPrerequisites({ caller, filters: query }),
});
