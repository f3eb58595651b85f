import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZNotificationPage } from "@/lib/notifications/contract";
import { ZMarkReadBody, ZNotificationListQuery } from "@/lib/notifications/schemas";
import { errors, json, jsonBody, SIGNED_IN } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/notifications answers (lib/notifications/server/list-notifications.ts), for the OpenAPI document.

export function registerNotificationPaths(registry: OpenAPIRegistry): void {
  const tags = ["Notifications"];
  registry.registerPath({
    method: "get",
    path: "/api/v1/notifications",
    tags,
    summary: "The caller's own notifications, newest first",
    security: SIGNED_IN,
    request: { query: ZNotificationListQuery },
    responses: {
      200: json(ZNotificationPage, "A page of notifications and the unread count."),
      ...errors(400),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/notifications/read",
    tags,
    summary: "Mark notifications read: the listed ones, or all",
    description: "Only the caller's own; ids of other people's notifications are ignored.",
    security: SIGNED_IN,
    request: { body: jsonBody(ZMarkReadBody) },
    responses: {
      200: json(z.object({ unreadCount: z.number().int() }).openapi("UnreadCount"), "The new unread count."),
      ...errors(400),
    },
  });
}
