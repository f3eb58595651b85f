import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { NotificationPage } from "@/lib/notifications/contract";
import { notificationKeys } from "@/lib/notifications/keys";

// The signed-in person's in-app notifications (GET /api/v1/notifications) and marking them
// read. The unread count in the header polls, so the bell lights up without a reload.

export type MarkReadBody = { ids: string[] } | { all: true };

const BASE = "/api/v1/notifications";
const UNREAD_POLL_MS = 30_000;

/** The latest notifications, for the bell's panel; loaded only while it is open. */
export function useNotifications(options: { enabled: boolean; limit?: number }) {
  const filters = { limit: options.limit ?? 20 };
  return useQuery({
    queryKey: notificationKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<NotificationPage>(BASE, { query: filters, signal }),
    enabled: options.enabled,
    staleTime: 0,
  });
}

/** How many are unread: every 30 s and whenever the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async ({ signal }) =>
      (await apiFetch<NotificationPage>(BASE, { query: { unread: true, limit: 1 }, signal })).unreadCount,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: "always",
    staleTime: 0,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadBody) =>
      apiFetch<{ unreadCount: number }>(`${BASE}/read`, { method: "POST", body }),
    onSuccess: ({ unreadCount }) => {
      // The answer holds the new count: show it at once, then refresh the list's readAt values.
      queryClient.setQueryData(notificationKeys.unreadCount(), unreadCount);
      return queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    },
  });
}
