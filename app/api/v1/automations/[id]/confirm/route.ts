import { ZVersionBody } from "@/lib/automations/schemas";
import { confirmAutomation } from "@/lib/automations/server/confirm-automation";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZVersionBody,
  handler: ({ caller, params, body }) => confirmAutomation({ caller, id: params.id, version: body.version }),
});
