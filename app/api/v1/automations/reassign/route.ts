import { ZReassignAutomationsBody } from "@/lib/automations/schemas";
import { reassignAutomations } from "@/lib/automations/server/reassign-automations";
import { apiRoute } from "@/lib/http/server/api-route";

export const POST = apiRoute({
  permission: ["automation:reassign:department", "automation:reassign:all"],
  body: ZReassignAutomationsBody,
  handler: ({ caller, body }) => reassignAutomations(caller, body),
});
