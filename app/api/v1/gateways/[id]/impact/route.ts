import { getGatewayImpact } from "@/lib/catalog/gateways";
import { ZGatewayImpactQuery } from "@/lib/catalog/schemas";
import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  query: ZGatewayImpactQuery,
  handler: ({ params }) => getGatewayImpact({ id: params.id }),
});
