import { exportAutomations } from "@/lib/automations/export";
import { ZAutomationExportQuery } from "@/lib/automations/schemas";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZAutomationExportQuery,
  handler: async ({ caller, query }) => exportAutomations({ caller, filters: query }),
});
