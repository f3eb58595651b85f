import { apiRoute } from "@/lib/http/server/api-route";
import { getImport } from "@/lib/inventory/server/imports";
import { ZIdParams } from "@/lib/openapi/common";

export const GET = apiRoute({
  permission: "inventory:import",
  params: ZIdParams,
  handler: ({ caller, params }) => getImport(caller, params.id),
});
