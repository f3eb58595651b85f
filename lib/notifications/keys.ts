// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const notificationKeys = {
  all: ["notifications"] as const,
  lists: () => [...notificationKeys.all, "list"] as const,
  list: (filters: { unread?: boolean; limit?: number }) => [...notificationKeys.lists(), filters] as const,
  unreadCount: () => [...notificationKeys.all, "unread-count"] as const,
};
