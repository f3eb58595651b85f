import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";
import { ZWithdrawRequestBody } from "@/lib/requests/schemas";
import { withdrawRequest } from "@/lib/requests/server/requests";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZWithdrawRequestBody,
  handler: ({ caller, params, body }) => withdrawRequest({ caller, id: params.id, version: body.version }),
});
