import { ZConnectorListQuery, ZCreateConnectorBody } from "@/lib/catalog/schemas";
import { createConnector } from "@/lib/catalog/server/connectors";
import { listConnectors } from "@/lib/catalog/server/list-catalog";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZConnectorListQuery,
  handler: ({ caller, query }) => listConnectors({ caller, query }),
});

export const POST = apiRoute({
  permission: "catalog:write",
  body: ZCreateConnectorBody,
  status: 201,
  idempotent: true,
  handler: ({ caller, body }) => createConnector({ caller, input: body }),
});
