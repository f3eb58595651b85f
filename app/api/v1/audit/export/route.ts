import { ZAuditFilters } from "@/lib/audit/schemas";
import { auditCsvResponse } from "@/lib/audit/server/export-audit";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "audit:read",
  query: ZAuditFilters,
  handler: async ({ query }) => auditCsvResponse({ filters: query }),
});
