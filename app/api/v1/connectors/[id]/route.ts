import { ZUpdateConnectorBody } from "@/lib/catalog/schemas";
import { getConnector, updateConnector } from "@/lib/catalog/server/connectors";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  params: ZIdParams,
  handler: ({ caller, params }) => getConnector({ caller, id: params.id }),
});

export const PATCH = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  body: ZUpdateConnectorBody,
  handler: ({ caller, params, body }) => updateConnector({ caller, id: params.id, input: body }),
});
