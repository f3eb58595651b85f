"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterChip, FilterForm, optionsOf, SearchFilter, SelectFilter } from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters, useUrlSearch } from "@/components/ui/use-url-filters";
import type { Page } from "@/lib/api-client";

// What the connector and gateway lists share: the name linking to the entry, the status badge
// with its "someone left" badge, and the page — search, status and further filters in the URL,
// the filter that a dashboard link sets when someone left, the list frame and its table.

type Noun = "connector" | "gateway";
const capitalised = (noun: Noun) => `${noun[0]?.toUpperCase()}${noun.slice(1)}`;

/** The first column: the entry's name, linking to its page. */
export function nameColumn<T extends { id: string; name: string }>(noun: Noun, header: string): Column<T> {
  return {
    key: "name",
    header,
    cell: (entry) => (
      <Link
        href={`/catalog/${noun}s/${encodeURIComponent(entry.id)}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {entry.name}
      </Link>
    ),
  };
}

/** The status badge, and beside it a warning badge (`left`) while someone responsible has left. */
export function statusColumn<T extends { status: S }, S extends string>(
  badges: Record<S, { tone: BadgeTone; label: string }>,
  left: { value: string; text: (entry: T) => ReactNode | null },
): Column<T> {
  return {
    key: "status",
    header: "Status",
    cell: (entry) => {
      const warning = left.text(entry);
      return (
        <>
          <Badge tone={badges[entry.status].tone} value={entry.status}>
            {badges[entry.status].label}
          </Badge>
          {warning === null ? null : (
            <Badge tone="warning" className="ml-1" value={left.value}>
              {warning}
            </Badge>
          )}
        </>
      );
    },
  };
}

interface ChoiceFilter {
  /** The URL parameter, also the list route's query parameter. */
  param: string;
  label: string;
  any: string;
  values: readonly string[];
  options: ReadonlyArray<{ value: string; label: string }>;
}

/** A filter choosing one of `values`, each shown as `labelOf` says. */
export function choiceFilter<V extends string>(
  param: string,
  label: string,
  any: string,
  values: readonly V[],
  labelOf: (value: V) => string,
): ChoiceFilter {
  return { param, label, any, values, options: optionsOf(values, labelOf) };
}

interface CatalogListProps<T> {
  noun: Noun;
  canWrite: boolean;
  useList: (filters: Record<string, string | number | boolean | undefined>) => UseQueryResult<Page<T>>;
  searchHint: string;
  filters: ReadonlyArray<ChoiceFilter>;
  /** The filter a dashboard link sets: only entries whose owner or an admin has left. */
  left: { param: string; removeLabel: string; chip: ReactNode };
  columns: ReadonlyArray<Column<T>>;
  caption: string;
  alignTop?: boolean;
  empty: { action: string; text: ReactNode };
}

const PAGE_SIZE = 50;

export function CatalogList<T extends { id: string }>({
  noun,
  canWrite,
  useList,
  searchHint,
  filters,
  left,
  columns,
  caption,
  alignTop,
  empty,
}: CatalogListProps<T>) {
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const search = useUrlSearch({ params, change });
  const chosen = filters.map((filter) => oneOf(filter.values, params.get(filter.param)));
  const leftOnly = params.get(left.param) === "true" ? true : undefined;
  const query = useList({
    q: search.q || undefined,
    ...Object.fromEntries(filters.map((filter, index) => [filter.param, chosen[index]])),
    [left.param]: leftOnly,
    cursor,
    limit: PAGE_SIZE,
  });
  const Noun = capitalised(noun);

  return (
    <div className="space-y-4">
      <FilterForm
        label={`Filter ${noun}s`}
        columns={filters.length === 1 ? "sm:grid-cols-2" : "sm:grid-cols-3"}
        onSubmit={search.submit}
      >
        <SearchFilter hint={searchHint} search={search} />
        {filters.map((filter, index) => (
          <SelectFilter
            key={filter.param}
            label={filter.label}
            value={chosen[index] ?? ""}
            onChange={(value) => change({ [filter.param]: value || null })}
            any={filter.any}
            options={filter.options}
          />
        ))}
      </FilterForm>
      {leftOnly ? (
        <FilterChip as="p" removeLabel={left.removeLabel} onRemove={() => change({ [left.param]: null })}>
          {left.chip}
        </FilterChip>
      ) : null}

      <ListFrame
        query={query}
        labels={{
          one: noun,
          many: `${noun}s`,
          loading: `Loading ${noun}s…`,
          error: `${Noun}s could not be loaded`,
          pages: `${Noun} pages`,
        }}
        pages={pages}
        filtered={Boolean(search.q || chosen.some(Boolean) || leftOnly)}
        onClear={() => {
          search.setSearch("");
          clear(["q", ...filters.map((filter) => filter.param), left.param]);
        }}
        empty={
          <EmptyState
            title={`No ${noun}s yet`}
            action={
              canWrite ? (
                <ButtonLink href={`/catalog/${noun}s/new`} variant="primary">
                  {empty.action}
                </ButtonLink>
              ) : undefined
            }
          >
            {empty.text}
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={caption}
            columns={columns}
            rows={items}
            rowKey={(entry) => entry.id}
            alignTop={alignTop}
          />
        )}
      </ListFrame>
    </div>
  );
}
