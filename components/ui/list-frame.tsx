"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Page } from "@/lib/api-client";
import { Alert, Loading } from "./alert";
import { Button } from "./button";
import { EmptyState } from "./empty-state";
import { Pagination } from "./pagination";
import type { CursorPages } from "./use-url-filters";

interface ListLabels {
  /** What one item and several are called: "automation", "automations". */
  one: string;
  many: string;
  /** Shown while the first page loads, and announced while any page loads. */
  loading: string;
  /** Announced instead of `loading` while a page loads, where the two differ. */
  announceLoading?: string;
  /** The title of the alert when the list could not be loaded. */
  error: string;
  /** The accessible name of the page navigation: "Automation pages". */
  pages: string;
}

interface ListFrameProps<Item> {
  query: UseQueryResult<Page<Item>>;
  labels: ListLabels;
  pages: CursorPages;
  /** Whether any filter is set: an empty page then says nothing matches, and offers to clear them. */
  filtered: boolean;
  onClear: () => void;
  /** Said under "No … match these filters", where there is more to say. */
  noMatches?: ReactNode;
  /** Shown when there is nothing at all yet. */
  empty: ReactNode;
  children: (items: ReadonlyArray<Item>) => ReactNode;
}

/**
 * What every paged list around its table shares: a live count for screen readers, the
 * loading, error and empty states, the previous page dimmed while the next loads, and the
 * previous / next page navigation.
 */
export function ListFrame<Item>({
  query,
  labels,
  pages,
  filtered,
  onClear,
  noMatches,
  empty,
  children,
}: ListFrameProps<Item>) {
  const items = query.data?.items ?? [];
  const nextCursor = query.data?.nextCursor ?? null;

  return (
    <>
      <div aria-live="polite" className="sr-only">
        {query.isFetching
          ? (labels.announceLoading ?? labels.loading)
          : query.isSuccess
            ? `${items.length} ${items.length === 1 ? labels.one : labels.many} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {query.isPending ? (
        <Loading>{labels.loading}</Loading>
      ) : query.isError ? (
        <Alert tone="error" role="alert" title={labels.error}>
          <p>{query.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        filtered || pages.hasPrevious ? (
          <EmptyState
            title={`No ${labels.many} match these filters`}
            action={
              <Button variant="secondary" onClick={onClear}>
                Clear the filters
              </Button>
            }
          >
            {noMatches}
          </EmptyState>
        ) : (
          empty
        )
      ) : (
        <div className={query.isPlaceholderData ? "opacity-60" : ""} aria-busy={query.isFetching}>
          {children(items)}
        </div>
      )}

      <Pagination
        label={labels.pages}
        page={pages.page}
        hasPrevious={pages.hasPrevious}
        hasNext={Boolean(nextCursor)}
        busy={query.isFetching}
        onPrevious={pages.previous}
        onNext={() => nextCursor && pages.next(nextCursor)}
      />
    </>
  );
}
