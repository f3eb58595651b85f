import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";
import { ZDecisionBody } from "@/lib/requests/schemas";
import { decideRequest } from "@/lib/requests/server/decide-request";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "request:decide",
  params: ZIdParams,
  body: ZDecisionBody,
  idempotent: true,
  handler: ({ caller, params, body }) => decideRequest({ caller, id: params.id, input: body }),
});
