import { apiRoute } from "@/lib/http/server/api-route";
import { listEnvironments } from "@/lib/inventory/server/environments";

export const GET = apiRoute({
  permission: "inventory:import",
  handler: async ({ caller }) => ({ items: await listEnvironments(caller), nextCursor: null }),
});
