import { z } from "@/lib/openapi/zod";

// Queries of /api/v1/dashboard/*. Plain data: the dashboard page builds its links from the
// same names.

export const ZDepartmentFilter = z.uuid("departmentId must be a department id.").optional().openapi({
  description:
    "One department of the caller's scope. Unknown, or one a manager does not manage: 404. Omitted: every department in scope.",
});

export const ZDashboardQuery = z.object({ departmentId: ZDepartmentFilter }).strict();
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;
