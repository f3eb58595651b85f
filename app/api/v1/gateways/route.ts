import { createGateway } from "@/lib/catalog/gateways";
import { ZCreateGatewayBody, ZGatewayListQuery } from "@/lib/catalog/schemas";
import { listGateways } from "@/lib/catalog/service";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZGatewayListQuery,
  handler: ({ caller, query }) => listGateways({ caller, query }),
});

export const POST = apiRoute({
  permission: "catalog:write",
  body: ZCreateGatewayBody,
  status: 201,
  handler: ({ caller, body }) => createGateway({ caller, input: body }),
});
