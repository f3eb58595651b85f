import { ZAutomationListQuery, ZCreateAutomationBody } from "@/lib/automations/schemas";
import { createAutomation, listAutomations } from "@/lib/automations/service";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZAutomationListQuery,
  handler: ({ caller, query }) => listAutomations({ caller, query }),
});

export const POST = apiRoute({
  permission: "automation:create",
  body: ZCreateAutomationBody,
  status: 201,
  handler: ({ caller, body }) => createAutomation({ caller, input: body }),
});
