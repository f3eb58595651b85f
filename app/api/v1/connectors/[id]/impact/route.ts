import { ZConnectorImpactQuery } from "@/lib/catalog/schemas";
import { getConnectorImpact } from "@/lib/catalog/server/connectors";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  query: ZConnectorImpactQuery,
  handler: ({ caller, params }) => getConnectorImpact({ caller, id: params.id }),
});
