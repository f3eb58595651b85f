"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { WriteErrorLine } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/api-client";
import { formatDateTime } from "@/lib/automations/labels";
import type { Notification } from "@/lib/notifications/contract";
import { useMarkRead, useNotifications, useUnreadCount } from "@/lib/notifications/hooks";

/**
 * The header's notification button and its panel (a disclosure, not a modal): Escape or a
 * click outside closes it and focus returns to the button; each item links to what it is
 * about and is marked read when followed.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const panelId = useId();
  const headingId = `${panelId}-heading`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const count = unread.data ?? 0;

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const label = `Notifications, ${count === 0 ? "none" : count} unread`;

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
        className="relative inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        <BellIcon />
        {count > 0 ? (
          <span
            aria-hidden="true"
            className="min-w-5 rounded-full bg-red-700 px-1.5 text-center text-xs font-semibold text-white"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          ref={panelRef}
          id={panelId}
          aria-labelledby={headingId}
          tabIndex={-1}
          className="absolute right-0 z-20 mt-2 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white shadow-xl"
        >
          <NotificationPanel headingId={headingId} unreadCount={count} onNavigate={() => setOpen(false)} />
        </section>
      ) : null}
    </div>
  );
}

function NotificationPanel({
  headingId,
  unreadCount,
  onNavigate,
}: {
  headingId: string;
  unreadCount: number;
  onNavigate: () => void;
}) {
  const notifications = useNotifications({ enabled: true });
  const markRead = useMarkRead();
  const items = notifications.data?.items ?? [];

  return (
    <div className="flex max-h-[70vh] flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          Notifications
        </h2>
        {unreadCount > 0 ? (
          <Button
            variant="ghost"
            size="sm"
            pending={markRead.isPending}
            pendingText="Marking…"
            onClick={() => markRead.mutate({ all: true })}
          >
            Mark all as read
          </Button>
        ) : null}
      </div>
      <WriteErrorLine error={markRead.error} className="px-4 pt-2" />
      <div className="overflow-y-auto">
        {notifications.isPending ? (
          <div className="px-4">
            <Loading>Loading notifications…</Loading>
          </div>
        ) : notifications.isError ? (
          <p role="alert" className="px-4 py-4 text-sm text-red-700">
            Notifications could not be loaded. {errorMessage(notifications.error)}
          </p>
        ) : items.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            Nothing new. Decisions and requests show up here.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <NotificationItem
                key={item.id}
                item={item}
                onMarkRead={() => markRead.mutate({ ids: [item.id] })}
                onNavigate={() => {
                  if (!item.readAt) markRead.mutate({ ids: [item.id] });
                  onNavigate();
                }}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationItem({
  item,
  onMarkRead,
  onNavigate,
}: {
  item: Notification;
  onMarkRead: () => void;
  onNavigate: () => void;
}) {
  const unread = !item.readAt;
  const title = (
    <>
      {unread ? <span className="sr-only">Unread: </span> : null}
      {item.title}
    </>
  );
  return (
    <li className={`px-4 py-3 ${unread ? "bg-brand-50" : ""}`}>
      <div className="flex items-start gap-2">
        {unread ? (
          <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-700" />
        ) : null}
        <div className="min-w-0 flex-1 space-y-1">
          <p className="text-sm font-semibold text-slate-900">
            {item.link && isInternal(item.link) ? (
              <Link
                href={item.link}
                onClick={onNavigate}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {title}
              </Link>
            ) : (
              title
            )}
          </p>
          <p className="text-sm text-slate-700">{item.body}</p>
          <p className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
            <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
            {unread ? (
              <button
                type="button"
                onClick={onMarkRead}
                className="font-medium text-brand-700 underline underline-offset-2"
              >
                Mark as read<span className="sr-only">: {item.title}</span>
              </button>
            ) : null}
          </p>
        </div>
      </div>
    </li>
  );
}

/** Only paths inside Preflight become links: a notification never sends anyone off-site. */
function isInternal(link: string): boolean {
  return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\");
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
      <path d="M10 2a5 5 0 0 0-5 5v2.59l-1.7 2.55A1 1 0 0 0 4.13 14h11.74a1 1 0 0 0 .83-1.56L15 9.59V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
    </svg>
  );
}
