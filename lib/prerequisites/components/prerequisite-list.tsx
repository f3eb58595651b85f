"use client";

import Link from "next/link";
import { useId } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { PrerequisiteStatusBadge } from "@/lib/automations/components/status-badges";
import { PREREQUISITE_STATUS_BADGES, PREREQUISITE_TYPE_LABELS } from "@/lib/automations/labels";
import {
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  type PrerequisiteStatus,
  type PrerequisiteType,
} from "@/lib/domain/types";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import { type PrerequisiteFilters, prerequisiteExportHref, usePrerequisites } from "../query";

const PAGE_SIZE = 25;
const OUTSTANDING = "outstanding";

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

/** Filters that arrive only through drill-down links; shown so they can be seen and removed. */
const EXTRA_FILTERS = [
  { key: "service", label: "Service" },
  { key: "system", label: "System" },
  { key: "connectorId", label: "Satisfied by connector" },
  { key: "automationId", label: "Automation" },
] as const;

/** The prerequisites drill-down: filters and cursor pages in the URL, and a CSV of every match. */
export function PrerequisiteList({
  departments,
}: {
  departments: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { params, set } = useUrlState();
  const type = oneOf<PrerequisiteType>(PREREQUISITE_TYPES, params.get("type"));
  const status = oneOf<PrerequisiteStatus>(PREREQUISITE_STATUSES, params.get("status"));
  const outstanding = params.get("outstanding") === "true" ? true : undefined;
  const departmentId = params.get("departmentId") || undefined;
  const extra = Object.fromEntries(
    EXTRA_FILTERS.map(({ key }) => [key, params.get(key) || undefined]),
  ) as Pick<PrerequisiteFilters, (typeof EXTRA_FILTERS)[number]["key"]>;
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);

  const filters: PrerequisiteFilters = { type, status, outstanding, departmentId, ...extra };
  const prerequisites = usePrerequisites({ ...filters, cursor, limit: PAGE_SIZE });
  const formId = useId();
  const items = prerequisites.data?.items ?? [];
  const nextCursor = prerequisites.data?.nextCursor ?? null;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const statusValue = status ?? (outstanding ? OUTSTANDING : "");

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter prerequisites"
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3"
          onSubmit={(event) => event.preventDefault()}
        >
          <Field id={`${formId}-type`} label="Type">
            {(control) => (
              <Select
                {...control}
                value={type ?? ""}
                onChange={(event) => set({ type: event.target.value || null, cursors: null })}
              >
                <option value="">All types</option>
                {PREREQUISITE_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {PREREQUISITE_TYPE_LABELS[value]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${formId}-status`} label="Status">
            {(control) => (
              <Select
                {...control}
                value={statusValue}
                onChange={(event) => {
                  const value = event.target.value;
                  set({
                    outstanding: value === OUTSTANDING ? "true" : null,
                    status: value === OUTSTANDING ? null : value || null,
                    cursors: null,
                  });
                }}
              >
                <option value="">All statuses</option>
                <option value={OUTSTANDING}>Not in place (anything but satisfied)</option>
                {PREREQUISITE_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {PREREQUISITE_STATUS_BADGES[value].label}
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

      <div className="flex flex-wrap items-center justify-between gap-3">
        {EXTRA_FILTERS.some(({ key }) => extra[key]) ? (
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Other filters">
            {EXTRA_FILTERS.filter(({ key }) => extra[key]).map(({ key, label }) => (
              <li
                key={key}
                className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-slate-800"
              >
                {label}: <span className="font-medium">{extra[key]}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="px-2 py-0.5"
                  aria-label={`Remove the ${label.toLowerCase()} filter`}
                  onClick={() => set({ [key]: null, cursors: null })}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <span />
        )}
        <a
          href={prerequisiteExportHref(filters)}
          download
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Export CSV<span className="sr-only"> of every prerequisite matching these filters</span>
        </a>
      </div>

      <div aria-live="polite" className="sr-only">
        {prerequisites.isFetching
          ? "Loading prerequisites…"
          : prerequisites.isSuccess
            ? `${items.length} ${items.length === 1 ? "prerequisite" : "prerequisites"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {prerequisites.isPending ? (
        <Loading>Loading prerequisites…</Loading>
      ) : prerequisites.isError ? (
        <Alert tone="error" role="alert" title="The prerequisites could not be loaded">
          <p>{prerequisites.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void prerequisites.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState
          title={filtered || cursor ? "No prerequisites match these filters" : "No prerequisites yet"}
          action={
            filtered || cursor ? (
              <Button
                variant="secondary"
                onClick={() =>
                  set({
                    type: null,
                    status: null,
                    outstanding: null,
                    departmentId: null,
                    service: null,
                    system: null,
                    connectorId: null,
                    automationId: null,
                    cursors: null,
                  })
                }
              >
                Clear the filters
              </Button>
            ) : undefined
          }
        >
          {filtered ? "Everything these filters cover is in place, or nothing is registered." : null}
        </EmptyState>
      ) : (
        <div
          className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${
            prerequisites.isPlaceholderData ? "opacity-60" : ""
          }`}
          aria-busy={prerequisites.isFetching}
        >
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">Prerequisites</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Automation
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
                  Department
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Prerequisite
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Status
                </th>
                <th scope="col" className="hidden px-3 py-2 font-semibold lg:table-cell">
                  Why, and what to do
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((prerequisite) => (
                <tr key={prerequisite.id} data-prerequisite-id={prerequisite.id}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link
                      href={`/automations/${encodeURIComponent(prerequisite.automation.id)}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                    >
                      {prerequisite.automation.name}
                    </Link>
                  </th>
                  <td className="hidden px-3 py-2 text-slate-700 md:table-cell">
                    {prerequisite.department.name}
                  </td>
                  <td className="px-3 py-2 text-slate-800">
                    {PREREQUISITE_TYPE_LABELS[prerequisite.type]}
                    {prerequisite.system ? (
                      <span className="block text-xs text-slate-600">
                        {prerequisite.system.name}
                        {prerequisite.system.service ? ` (${prerequisite.system.service})` : ""}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <PrerequisiteStatusBadge status={prerequisite.status} />
                  </td>
                  <td className="hidden max-w-md px-3 py-2 text-slate-700 lg:table-cell">
                    {prerequisite.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination
        label="Prerequisite pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={prerequisites.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}
