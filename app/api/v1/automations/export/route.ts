import { ZAutomationExportQuery } from "@/lib/automations/schemas";
import { exportAutomations } from "@/lib/automations/server/export-automations";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZAutomationExportQuery,
  handler: async ({ caller, query }) => exportAutomations({ caller, filters: query }),
});
