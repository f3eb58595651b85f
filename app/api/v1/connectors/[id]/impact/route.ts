import { getConnectorImpact } from "@/lib/catalog/connectors";
import { ZConnectorImpactQuery } from "@/lib/catalog/schemas";
import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  query: ZConnectorImpactQuery,
  handler: ({ params }) => getConnectorImpact({ id: params.id }),
});
