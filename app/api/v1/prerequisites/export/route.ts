import { apiRoute } from "@/lib/http/api";
import { exportPrerequisites } from "@/lib/prerequisites/list";
import { ZPrerequisiteExportQuery } from "@/lib/prerequisites/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZPrerequisiteExportQuery,
  handler: async ({ caller, query }) => exportPrerequisites({ caller, filters: query }),
});
