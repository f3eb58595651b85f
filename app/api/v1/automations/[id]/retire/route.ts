import { ZRetireAutomationBody } from "@/lib/automations/schemas";
import { retireAutomation } from "@/lib/automations/service";
import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  params: ZIdParams,
  body: ZRetireAutomationBody,
  handler: ({ caller, params, body }) => retireAutomation({ caller, id: params.id, version: body.version }),
});
