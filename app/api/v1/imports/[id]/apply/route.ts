import { apiRoute } from "@/lib/http/server/api-route";
import { applyImport } from "@/lib/inventory/server/imports";
import { ZIdParams } from "@/lib/openapi/common";

export const POST = apiRoute({
  permission: "inventory:import",
  params: ZIdParams,
  status: 202,
  handler: ({ caller, params }) => applyImport(caller, params.id),
});
