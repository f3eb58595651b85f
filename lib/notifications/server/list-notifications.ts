import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeTimeCursor, toPage } from "@/lib/http/cursor";
import type { TMarkReadBody, TNotificationListQuery } from "@/lib/notifications/schemas";
import { maskIfSecret } from "@/lib/secrets/mask";

// A person's own notifications: the where clause always names the caller, so nobody reads or
// marks anyone else's. Marking read is personal display state, not a governance change, so
// it writes no audit event.

const notificationSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

export async function listNotifications({
  caller,
  query,
}: {
  caller: Caller;
  query: TNotificationListQuery;
}) {
  const filters: Prisma.NotificationWhereInput[] = [{ userId: caller.id }];
  if (query.unread) filters.push({ readAt: null });
  if (query.cursor) {
    const after = decodeTimeCursor(query.cursor);
    filters.push({
      OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
    });
  }
  const [rows, unreadCount] = await Promise.all([
    prisma.notification.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: notificationSelect,
    }),
    countUnread(caller.id),
  ]);
  const page = toPage(
    rows,
    query.limit,
    (row) => row.createdAt.toISOString(),
    // A text quoting something written before the secret rules existed is shown masked.
    (row) => ({ ...row, title: maskIfSecret(row.title), body: maskIfSecret(row.body) }),
  );
  return { ...page, unreadCount };
}

export async function markNotificationsRead({ caller, input }: { caller: Caller; input: TMarkReadBody }) {
  await prisma.notification.updateMany({
    where: { userId: caller.id, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { unreadCount: await countUnread(caller.id) };
}

function countUnread(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}
