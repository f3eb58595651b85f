import type { ReactNode } from "react";
import { PrerequisiteStatusBadge } from "@/lib/automations/components/status-badges";
import { prerequisiteTitle } from "@/lib/automations/labels";
import type { Lapse } from "@/lib/domain/lapse";
import type { PrerequisiteStatus, PrerequisiteType } from "@/lib/domain/types";

export interface PrerequisiteItem {
  key: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  /** Why it lapsed, from the catalog (stored prerequisites only). */
  lapse?: Lapse | null;
  systemName: string | null;
  reason: string;
  satisfiedBy: string | null;
  /** How that is known, e.g. "Declared by Maya, 3 Dec" (stored prerequisites only). */
  basisNote?: string | null;
  /** What the maker can do about it (a button, a link, or a note). */
  action?: ReactNode;
  /** Id for the item's heading, so that focus can be moved to it. */
  headingId?: string;
}

interface PrerequisiteListProps {
  items: ReadonlyArray<PrerequisiteItem>;
  headingLevel?: "h3" | "h4";
}

export { prerequisiteTitle };

/** Prerequisites with their status, why they are needed and what to do. */
export function PrerequisiteList({ items, headingLevel: Heading = "h3" }: PrerequisiteListProps) {
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <Heading
              id={item.headingId}
              tabIndex={item.headingId ? -1 : undefined}
              className="font-semibold text-slate-900"
            >
              {prerequisiteTitle(item)}
            </Heading>
            <PrerequisiteStatusBadge status={item.status} lapse={item.lapse} />
          </div>
          <p className="mt-2 text-sm text-slate-700">{item.reason}</p>
          {item.satisfiedBy ? (
            <p className="mt-1 text-sm text-slate-700">
              <span className="font-medium text-slate-900">Satisfied by:</span> {item.satisfiedBy}
            </p>
          ) : null}
          {item.satisfiedBy && item.basisNote ? (
            <p className="mt-1 text-sm text-slate-700" data-basis>
              <span className="font-medium text-slate-900">How we know:</span> {item.basisNote}
            </p>
          ) : null}
          {item.action ? <div className="mt-3">{item.action}</div> : null}
        </li>
      ))}
    </ul>
  );
}
