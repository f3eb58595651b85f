import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { exportLeavers } from "@/lib/dashboard/server/export-leavers";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "dashboard:read",
  query: ZDashboardQuery,
  handler: ({ caller, query }) => exportLeavers({ caller, departmentId: query.departmentId }),
});
