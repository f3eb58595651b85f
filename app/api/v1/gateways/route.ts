import { ZCreateGatewayBody, ZGatewayListQuery } from "@/lib/catalog/schemas";
import { createGateway } from "@/lib/catalog/server/gateways";
import { listGateways } from "@/lib/catalog/server/list-catalog";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZGatewayListQuery,
  handler: ({ caller, query }) => listGateways({ caller, query }),
});

export const POST = apiRoute({
  permission: "catalog:write",
  body: ZCreateGatewayBody,
  status: 201,
  idempotent: true,
  handler: ({ caller, body }) => createGateway({ caller, input: body }),
});
