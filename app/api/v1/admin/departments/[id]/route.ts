import { ZIdParams, ZUpdateDepartmentBody } from "@/lib/admin/schemas";
import { updateDepartment } from "@/lib/admin/server/departments";
import { apiRoute } from "@/lib/http/server/api-route";

export const PATCH = apiRoute({
  permission: "admin:departments",
  params: ZIdParams,
  body: ZUpdateDepartmentBody,
  handler: ({ caller, params, body }) => updateDepartment({ caller, id: params.id, changes: body }),
});
