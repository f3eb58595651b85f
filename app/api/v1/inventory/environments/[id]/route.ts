import { apiRoute } from "@/lib/http/server/api-route";
import { ZEnvironmentParams, ZMapEnvironmentBody } from "@/lib/inventory/schemas";
import { mapEnvironment } from "@/lib/inventory/server/environments";

export const PUT = apiRoute({
  permission: "inventory:import",
  params: ZEnvironmentParams,
  body: ZMapEnvironmentBody,
  handler: ({ caller, params, body }) => mapEnvironment(caller, params.id, body.departmentId),
});
