import { apiRoute } from "@/lib/http/api";
import { ZNotificationListQuery } from "@/lib/notifications/schemas";
import { listNotifications } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  query: ZNotificationListQuery,
  handler: ({ caller, query }) => listNotifications({ caller, query }),
});
