import { ZAutomationListQuery, ZCreateAutomationBody } from "@/lib/automations/schemas";
import { createAutomation } from "@/lib/automations/server/create-automation";
import { listAutomations } from "@/lib/automations/server/list-automations";
import { apiRoute } from "@/lib/http/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZAutomationListQuery,
  handler: ({ caller, query }) => listAutomations({ caller, query }),
});

export const POST = apiRoute({
  permission: "automation:create",
  body: ZCreateAutomationBody,
  status: 201,
  idempotent: true,
  handler: ({ caller, body }) => createAutomation({ caller, input: body }),
});
