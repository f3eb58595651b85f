import { createConnector } from "@/lib/catalog/connectors";
import { ZConnectorListQuery, ZCreateConnectorBody } from "@/lib/catalog/schemas";
import { listConnectors } from "@/lib/catalog/service";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZConnectorListQuery,
  handler: ({ caller, query }) => listConnectors({ caller, query }),
});

export const POST = apiRoute({
  permission: "catalog:write",
  body: ZCreateConnectorBody,
  status: 201,
  handler: ({ caller, body }) => createConnector({ caller, input: body }),
});
