import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { getDashboardSummary } from "@/lib/dashboard/server/get-dashboard-summary";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "dashboard:read",
  query: ZDashboardQuery,
  handler: ({ caller, query }) => getDashboardSummary({ caller, departmentId: query.departmentId }),
});
