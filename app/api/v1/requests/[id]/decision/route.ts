import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";
import { decideRequest } from "@/lib/requests/decide";
import { ZDecisionBody } from "@/lib/requests/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  permission: "request:decide",
  params: ZIdParams,
  body: ZDecisionBody,
  handler: ({ caller, params, body }) => decideRequest({ caller, id: params.id, input: body }),
});
