import { EmptyState } from "@/components/ui/empty-state";
import type { HistoryEvent } from "@/lib/automations/contract";
import { formatDateTime } from "@/lib/automations/labels";

export function HistoryTimeline({ events }: { events: ReadonlyArray<HistoryEvent> }) {
  if (events.length === 0) {
    return (
      <EmptyState title="No history to show yet">
        Changes to this automation, its prerequisites and its requests will be listed here.
      </EmptyState>
    );
  }
  return (
    <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5">
      {events.map((event) => (
        <li key={String(event.id)} className="relative">
          <span
            aria-hidden="true"
            className="absolute -left-[27px] top-1.5 size-3 rounded-full bg-brand-600"
          />
          <p className="text-sm font-medium text-slate-900">{event.text}</p>
          {event.changes.length > 0 ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {event.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          ) : null}
          <p className="text-sm text-slate-600">
            <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
            {" · "}
            {event.actor}
          </p>
        </li>
      ))}
    </ol>
  );
}
