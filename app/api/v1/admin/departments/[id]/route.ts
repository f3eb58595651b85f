import { updateDepartment } from "@/lib/admin/departments";
import { ZIdParams, ZUpdateDepartmentBody } from "@/lib/admin/schemas";
import { apiRoute } from "@/lib/http/api";

export const PATCH = apiRoute({
  permission: "admin:departments",
  params: ZIdParams,
  body: ZUpdateDepartmentBody,
  handler: ({ caller, params, body }) => updateDepartment({ caller, id: params.id, changes: body }),
});
