import { ZAuditListQuery } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/server/list-audit-events";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "audit:read",
  query: ZAuditListQuery,
  handler: ({ caller, query }) => listAuditEvents({ caller, query }),
});
