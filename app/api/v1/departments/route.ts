import { listDepartments } from "@/lib/departments/server/list-departments";
import { apiRoute } from "@/lib/http/server/api-route";

export const GET = apiRoute({
  handler: async ({ caller }) => ({ items: await listDepartments({ caller }) }),
});
