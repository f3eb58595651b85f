import { ZGatewayImpactQuery } from "@/lib/catalog/schemas";
import { getGatewayImpact } from "@/lib/catalog/server/gateways";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  query: ZGatewayImpactQuery,
  handler: ({ caller, params }) => getGatewayImpact({ caller, id: params.id }),
});
