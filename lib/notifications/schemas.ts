import { listQuery } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";

// Query and body of /api/v1/notifications. Plain data, shared with the bell.

export const ZNotificationListQuery = listQuery({
  unread: z
    .enum(["true", "false"], { error: "unread must be true or false." })
    .optional()
    .transform((value) => value === "true")
    .openapi({ description: "true: only notifications not yet read." }),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZMarkReadBody = z
  .union(
    [
      z
        .object({
          ids: z
            .array(z.uuid("ids must be notification ids."), {
              error: "ids must be a list of notification ids.",
            })
            .min(1, "ids must name at least one notification.")
            .max(200, "ids may name at most 200 notifications."),
        })
        .strict(),
      z.object({ all: z.literal(true, { error: "all must be true." }) }).strict(),
    ],
    { error: "Send { ids: [...] } or { all: true }." },
  )
  .openapi("MarkNotificationsReadBody");
export type TMarkReadBody = z.infer<typeof ZMarkReadBody>;
