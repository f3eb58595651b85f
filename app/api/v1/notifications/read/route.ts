import { apiRoute } from "@/lib/http/server/api-route";
import { ZMarkReadBody } from "@/lib/notifications/schemas";
import { markNotificationsRead } from "@/lib/notifications/server/list-notifications";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  body: ZMarkReadBody,
  handler: ({ caller, body }) => markNotificationsRead({ caller, input: body }),
});
