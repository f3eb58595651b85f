import { ZUpdateGatewayBody } from "@/lib/catalog/schemas";
import { getGateway, updateGateway } from "@/lib/catalog/server/gateways";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  params: ZIdParams,
  handler: ({ caller, params }) => getGateway({ caller, id: params.id }),
});

export const PATCH = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  body: ZUpdateGatewayBody,
  handler: ({ caller, params, body }) => updateGateway({ caller, id: params.id, input: body }),
});
