import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";
import { ZWithdrawRequestBody } from "@/lib/requests/schemas";
import { withdrawRequest } from "@/lib/requests/service";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZWithdrawRequestBody,
  handler: ({ caller, params, body }) => withdrawRequest({ caller, id: params.id, version: body.version }),
});
