import { ZCreateDepartmentBody } from "@/lib/admin/schemas";
import { createDepartment, listDepartmentDetails } from "@/lib/admin/server/departments";
import { apiRoute } from "@/lib/http/server/api-route";

export const GET = apiRoute({
  permission: "admin:departments",
  handler: async ({ caller }) => ({ items: await listDepartmentDetails({ caller }), nextCursor: null }),
});

export const POST = apiRoute({
  permission: "admin:departments",
  body: ZCreateDepartmentBody,
  status: 201,
  handler: ({ caller, body }) => createDepartment({ caller, name: body.name }),
});
