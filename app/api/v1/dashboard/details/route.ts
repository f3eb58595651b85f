import { getDashboardDetails } from "@/lib/dashboard/details";
import { ZDashboardQuery } from "@/lib/dashboard/schemas";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "dashboard:read",
  query: ZDashboardQuery,
  handler: ({ caller, query }) => getDashboardDetails({ caller, departmentId: query.departmentId }),
});
