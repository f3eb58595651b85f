import { auditCsvResponse } from "@/lib/audit/export";
import { ZAuditFilters } from "@/lib/audit/schemas";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "audit:read",
  query: ZAuditFilters,
  handler: async ({ query }) => auditCsvResponse({ filters: query }),
});
