import { createDepartment, listDepartmentDetails } from "@/lib/admin/departments";
import { ZCreateDepartmentBody } from "@/lib/admin/schemas";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute({
  permission: "admin:departments",
  handler: async () => ({ items: await listDepartmentDetails(), nextCursor: null }),
});

export const POST = apiRoute({
  permission: "admin:departments",
  body: ZCreateDepartmentBody,
  status: 201,
  handler: ({ caller, body }) => createDepartment({ caller, name: body.name }),
});
