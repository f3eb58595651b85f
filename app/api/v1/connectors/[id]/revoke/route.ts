import { ZRevokeConnectorBody } from "@/lib/catalog/schemas";
import { revokeConnector } from "@/lib/catalog/server/list-catalog";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "catalog:write",
  params: ZIdParams,
  body: ZRevokeConnectorBody,
  handler: ({ caller, params, body }) => revokeConnector({ caller, id: params.id, ...body }),
});
