import { ZAuditListQuery } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "audit:read",
  query: ZAuditListQuery,
  handler: ({ query }) => listAuditEvents({ query }),
});
