import { ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZNotification = z
  .object({
    id: z.uuid(),
    kind: z.string().openapi({ example: "request.approved" }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: "A path inside Preflight, e.g. /queue/{id}." }),
    readAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .openapi("Notification");

export const ZNotificationPage = z
  .object({
    items: z.array(ZNotification),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int().openapi({ description: "All of the caller's unread notifications." }),
  })
  .openapi("NotificationPage");

export type Notification = z.infer<typeof ZNotification>;
export type NotificationPage = z.infer<typeof ZNotificationPage>;
