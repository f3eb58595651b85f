import { apiRoute } from "@/lib/http/server/api-route";
import { ZNotificationListQuery } from "@/lib/notifications/schemas";
import { listNotifications } from "@/lib/notifications/server/list-notifications";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZNotificationListQuery,
  handler: ({ caller, query }) => listNotifications({ caller, query }),
});
