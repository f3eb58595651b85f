import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { getDashboardDetails } from "@/lib/dashboard/server/get-dashboard-details";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "dashboard:read",
  query: ZDashboardQuery,
  handler: ({ caller, query }) => getDashboardDetails({ caller, departmentId: query.departmentId }),
});
