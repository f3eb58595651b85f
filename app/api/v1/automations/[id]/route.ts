import { ZUpdateAutomationBody } from "@/lib/automations/schemas";
import { getAutomation } from "@/lib/automations/server/get-automation";
import { updateAutomation } from "@/lib/automations/server/update-automation";
import { apiRoute } from "@/lib/http/server/api-route";
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
