import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";
import { ZAssignBody } from "@/lib/requests/schemas";
import { assignRequest } from "@/lib/requests/server/assign-request";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "request:decide",
  params: ZIdParams,
  body: ZAssignBody,
  handler: ({ caller, params, body }) => assignRequest({ caller, id: params.id, version: body.version }),
});
