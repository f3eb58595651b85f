import { apiRoute } from "@/lib/http/server/api-route";
import { cancelImport } from "@/lib/inventory/server/imports";
import { ZIdParams } from "@/lib/openapi/common";

export const POST = apiRoute({
  permission: "inventory:import",
  params: ZIdParams,
  handler: ({ caller, params }) => cancelImport(caller, params.id),
});
