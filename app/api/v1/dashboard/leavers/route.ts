import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { getLeaverDashboard } from "@/lib/dashboard/server/get-leaver-dashboard";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "dashboard:read",
  query: ZDashboardQuery,
  handler: ({ caller, query }) => getLeaverDashboard({ caller, departmentId: query.departmentId }),
});
