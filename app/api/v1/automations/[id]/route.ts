import { ZUpdateAutomationBody } from "@/lib/automations/schemas";
import { getAutomation, updateAutomation } from "@/lib/automations/service";
import { apiRoute } from "@/lib/http/api";
import { ZIdParams } from "@/lib/openapi/common";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  params: ZIdParams,
  handler: ({ caller, params }) => getAutomation({ caller, id: params.id }),
});

export const PATCH = apiRoute({
  params: ZIdParams,
  body: ZUpdateAutomationBody,
  handler: ({ caller, params, body }) => updateAutomation({ caller, id: params.id, input: body }),
});
