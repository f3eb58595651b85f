import { apiRoute } from "@/lib/http/server/api-route";
import { listScimGroupMappings } from "@/lib/scim/server/group-roles";

export const GET = apiRoute({
  permission: "admin:scim",
  handler: async () => ({ items: await listScimGroupMappings(), nextCursor: null }),
});
