import { ZRetireAutomationBody } from "@/lib/automations/schemas";
import { retireAutomation } from "@/lib/automations/server/retire-automation";
import { apiRoute } from "@/lib/http/server/api-route";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZRetireAutomationBody,
  handler: ({ caller, params, body }) => retireAutomation({ caller, id: params.id, version: body.version }),
});
