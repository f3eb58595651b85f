"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { withQuery } from "@/lib/api-client";
import {
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  type AutomationKind,
  type AutomationStatus,
} from "@/lib/domain/types";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import type { AutomationFilters } from "../api-types";
import { AUTOMATION_STATUS_BADGES, formatDate, KIND_LABELS, RUN_MODE_LABELS } from "../labels";
import { useAutomations } from "../query";
import { AutomationStatusBadge } from "./status-badges";

const PAGE_SIZE = 25;

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

interface AutomationListProps {
  /** "My automations" for makers; "Automations" for managers and IT. */
  title?: string;
  /** The departments a manager or IT may filter by; none for makers (no department filter). */
  departments?: ReadonlyArray<{ id: string; name: string }>;
}

/** The automation list: filters, debounced search and cursor pages, all in the URL. */
export function AutomationList({ title = "My automations", departments = [] }: AutomationListProps) {
  const { params, set } = useUrlState();
  const status = oneOf<AutomationStatus>(AUTOMATION_STATUSES, params.get("status"));
  const kind = oneOf<AutomationKind>(AUTOMATION_KINDS, params.get("kind"));
  const departmentId = params.get("departmentId") || undefined;
  const q = params.get("q") ?? "";
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);

  // The search box is typed into locally and written to the URL once typing pauses.
  const [search, setSearch] = useState(q);
  const debouncedSearch = useDebouncedValue(search, 350);
  useEffect(() => {
    // Only once typing settled (search caught up), so that a URL change from "back" wins.
    if (debouncedSearch === search && debouncedSearch.trim() !== q.trim()) {
      set({ q: debouncedSearch.trim() || null, cursors: null }, { replace: true });
    }
  }, [debouncedSearch, search, q, set]);
  // Back / forward (or a shared link) changes the URL: show its search in the box.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q.trim() !== debouncedSearch.trim()) setSearch(q);
  }

  const filters: AutomationFilters = {
    status,
    kind,
    departmentId,
    q: q.trim() || undefined,
    cursor,
    limit: PAGE_SIZE,
  };
  const automations = useAutomations(filters);
  const filtered = Boolean(status || kind || departmentId || q.trim());
  const exportHref = withQuery("/api/v1/automations/export", { status, kind, departmentId, q: q.trim() });
  const formId = useId();

  const items = automations.data?.items ?? [];
  const nextCursor = automations.data?.nextCursor ?? null;

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter automations"
          className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 ${
            departments.length > 0 ? "lg:grid-cols-4" : ""
          }`}
          onSubmit={(event) => {
            event.preventDefault();
            set({ q: search.trim() || null, cursors: null }, { replace: true });
          }}
        >
          <Field id={`${formId}-q`} label="Search" hint="Name or description">
            {(control) => (
              <TextInput
                {...control}
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            )}
          </Field>
          <Field id={`${formId}-status`} label="Status">
            {(control) => (
              <Select
                {...control}
                value={status ?? ""}
                onChange={(event) => set({ status: event.target.value || null, cursors: null })}
              >
                <option value="">All statuses</option>
                {AUTOMATION_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {AUTOMATION_STATUS_BADGES[value].label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${formId}-kind`} label="Kind">
            {(control) => (
              <Select
                {...control}
                value={kind ?? ""}
                onChange={(event) => set({ kind: event.target.value || null, cursors: null })}
              >
                <option value="">All kinds</option>
                {AUTOMATION_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {KIND_LABELS[value]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {departments.length > 0 ? (
            <Field id={`${formId}-department`} label="Department">
              {(control) => (
                <Select
                  {...control}
                  value={departmentId ?? ""}
                  onChange={(event) => set({ departmentId: event.target.value || null, cursors: null })}
                >
                  <option value="">All departments</option>
                  {departments.map((department) => (
                    <option key={department.id} value={department.id}>
                      {department.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
        </form>
      </search>

      <div className="flex justify-end">
        <a
          href={exportHref}
          download
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Export CSV<span className="sr-only"> of every automation matching these filters</span>
        </a>
      </div>

      <div aria-live="polite" className="sr-only">
        {automations.isFetching
          ? "Loading automations…"
          : automations.isSuccess
            ? `${items.length} ${items.length === 1 ? "automation" : "automations"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {automations.isPending ? (
        <Loading>Loading automations…</Loading>
      ) : automations.isError ? (
        <Alert tone="error" role="alert" title="The automations could not be loaded">
          <p>{automations.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void automations.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            title="No automations match these filters"
            action={
              <Button
                variant="secondary"
                onClick={() => {
                  setSearch("");
                  set({ q: null, status: null, kind: null, departmentId: null, cursors: null });
                }}
              >
                Clear the filters
              </Button>
            }
          />
        ) : departments.length > 0 ? (
          <EmptyState title="No automations registered yet">
            When makers register automations in these departments, they show here.
          </EmptyState>
        ) : (
          <EmptyState
            title="No automations yet — register your first"
            action={
              <ButtonLink href="/automations/new" variant="primary">
                Register your first automation
              </ButtonLink>
            }
          >
            Tell Preflight what it does and which systems it signs in to; it works out what has to be in place
            before it can run.
          </EmptyState>
        )
      ) : (
        <div
          className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${
            automations.isPlaceholderData ? "opacity-60" : ""
          }`}
          aria-busy={automations.isFetching}
        >
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
                  Kind
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
                  Run mode
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold lg:table-cell">
                  Department
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Not in place
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
                  Registered
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((automation) => (
                <tr key={automation.id}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link
                      href={`/automations/${encodeURIComponent(automation.id)}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                    >
                      {automation.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2">
                    <AutomationStatusBadge status={automation.status} />
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">
                    {KIND_LABELS[automation.kind]}
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 md:table-cell">
                    {RUN_MODE_LABELS[automation.runMode]}
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 lg:table-cell">
                    {automation.department?.name ?? "—"}
                  </td>
                  <td className="px-3 py-2 tabular-nums text-slate-700">
                    {automation.status === "RETIRED" ? "—" : (automation.outstandingCount ?? "—")}
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-slate-700 md:table-cell">
                    {formatDate(automation.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination
        label="Automation pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={automations.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}
