"use client";

import { useCallback, useEffect, useState } from "react";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";

/** The value if it is one of `values`, else undefined: a hand-edited URL cannot smuggle in another. */
export const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

/**
 * A list's filters and cursor pages, kept in the URL. Every filter change goes back to the
 * first page: a cursor only means something for the filters it was handed out with.
 */
export function useUrlFilters() {
  const { params, set } = useUrlState();
  const cursors = readCursorStack(params);

  const change = useCallback(
    (changes: Record<string, string | null>, options?: { replace?: boolean }) =>
      set({ ...changes, cursors: null }, options),
    [set],
  );

  return {
    params,
    change,
    /** Drops these filters (and the page). */
    clear: (keys: ReadonlyArray<string>) => change(Object.fromEntries(keys.map((key) => [key, null]))),
    /** The cursor of the page shown; undefined on the first page. */
    cursor: cursors.at(-1),
    pages: {
      page: cursors.length + 1,
      hasPrevious: cursors.length > 0,
      previous: () => set({ cursors: writeCursorStack(cursors.slice(0, -1)) }),
      next: (cursor: string) => set({ cursors: writeCursorStack([...cursors, cursor]) }),
    },
  };
}

export type UrlFilters = ReturnType<typeof useUrlFilters>;
export type CursorPages = UrlFilters["pages"];

/**
 * The search box of a list: typed into locally and written to the URL's `q` once typing
 * pauses, while a URL change from elsewhere (back, forward, a shared link) shows in the box.
 */
export function useUrlSearch({ params, change }: Pick<UrlFilters, "params" | "change">) {
  const q = (params.get("q") ?? "").trim();
  const [search, setSearch] = useState(q);
  const debounced = useDebouncedValue(search, 350);
  useEffect(() => {
    // Only once typing settled (search caught up), so that a URL change from "back" wins.
    if (debounced === search && debounced.trim() !== q)
      change({ q: debounced.trim() || null }, { replace: true });
  }, [debounced, search, q, change]);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q !== debounced.trim()) setSearch(q);
  }

  return {
    /** The search the list is filtered by (trimmed; "" for none). */
    q,
    search,
    setSearch,
    /** Enter in the box: search now rather than after the pause. */
    submit: () => change({ q: search.trim() || null }, { replace: true }),
  };
}
