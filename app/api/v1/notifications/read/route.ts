import { apiRoute } from "@/lib/http/api";
import { ZMarkReadBody } from "@/lib/notifications/schemas";
import { markNotificationsRead } from "@/lib/notifications/service";

export const dynamic = "force-dynamic";

export const POST = apiRoute({
  body: ZMarkReadBody,
  handler: ({ caller, body }) => markNotificationsRead({ caller, input: body }),
});
