import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZNotificationPage } from "@/lib/notifications/contract";
import { ZMarkReadBody, ZNotificationListQuery } from "@/lib/notifications/schemas";
import { json, signedInRoutes } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/notifications answers (lib/notifications/server/list-notifications.ts), for the OpenAPI document.

export function registerNotificationPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Notifications", {
    "get /api/v1/notifications": {
      summary: "The caller's own notifications, newest first",
      query: ZNotificationListQuery,
      200: json(ZNotificationPage, "A page of notifications and the unread count."),
      errors: [400],
    },
    "post /api/v1/notifications/read": {
      summary: "Mark notifications read: the listed ones, or all",
      description: "Only the caller's own; ids of other people's notifications are ignored.",
      body: ZMarkReadBody,
      200: json(z.object({ unreadCount: z.number().int() }).openapi("UnreadCount"), "The new unread count."),
      errors: [400],
    },
  });
}
