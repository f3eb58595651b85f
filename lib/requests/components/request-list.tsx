"use client";

import { useId } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { withQuery } from "@/lib/api-client";
import type { RequestType } from "@/lib/automations/api-types";
import { REQUEST_STATUS_BADGES, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { useMe } from "@/lib/directory/query";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/types";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import { useRequests } from "../query";
import { RequestTable } from "./request-table";

const PAGE_SIZE = 25;
const REQUEST_TYPES: readonly RequestType[] = ["SHARED_KEY_CONNECTOR", "GATEWAY"];

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

const wholeDays = (value: string | null): number | undefined =>
  value && /^\d{1,4}$/.test(value) ? Number(value) : undefined;

interface RequestListProps {
  /** "My requests" for makers; "Requests" for managers and IT. */
  title?: string;
  /** The departments a manager or IT may filter by; none for makers (no department filter). */
  departments?: ReadonlyArray<{ id: string; name: string }>;
}

/** The request list: filters and cursor pages in the URL; the caller's pending ones can be withdrawn. */
export function RequestList({ title = "My requests", departments = [] }: RequestListProps) {
  const { params, set } = useUrlState();
  const me = useMe();
  const status = oneOf<RequestStatus>(REQUEST_STATUSES, params.get("status"));
  const type = oneOf<RequestType>(REQUEST_TYPES, params.get("type"));
  const departmentId = params.get("departmentId") || undefined;
  // The dashboard's aging buckets link here with how long the requests have waited.
  const minAgeDays = wholeDays(params.get("minAgeDays"));
  const maxAgeDays = wholeDays(params.get("maxAgeDays"));
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);
  const filters = { status, type, departmentId, minAgeDays, maxAgeDays };
  const requests = useRequests({ ...filters, cursor, limit: PAGE_SIZE });
  const formId = useId();
  const items = requests.data?.items ?? [];
  const nextCursor = requests.data?.nextCursor ?? null;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const aged = minAgeDays !== undefined || maxAgeDays !== undefined;

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter requests"
          className={`grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 ${
            departments.length > 0 ? "lg:grid-cols-3" : ""
          }`}
          onSubmit={(event) => event.preventDefault()}
        >
          <Field id={`${formId}-status`} label="Status">
            {(control) => (
              <Select
                {...control}
                value={status ?? ""}
                onChange={(event) => set({ status: event.target.value || null, cursors: null })}
              >
                <option value="">All statuses</option>
                {REQUEST_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {REQUEST_STATUS_BADGES[value].label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${formId}-type`} label="Type">
            {(control) => (
              <Select
                {...control}
                value={type ?? ""}
                onChange={(event) => set({ type: event.target.value || null, cursors: null })}
              >
                <option value="">All types</option>
                {REQUEST_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {REQUEST_TYPE_LABELS[value]}
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
        {aged ? (
          <p className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm text-slate-800">
            Waiting{" "}
            <span className="font-medium">
              {maxAgeDays === undefined
                ? `${minAgeDays} days or more`
                : `${minAgeDays ?? 0}–${maxAgeDays} days`}
            </span>
            <Button
              variant="ghost"
              size="sm"
              className="px-2 py-0.5"
              aria-label="Remove the waiting-time filter"
              onClick={() => set({ minAgeDays: null, maxAgeDays: null, cursors: null })}
            >
              ✕
            </Button>
          </p>
        ) : (
          <span />
        )}
        <a
          href={withQuery("/api/v1/requests/export", filters)}
          download
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Export CSV<span className="sr-only"> of every request matching these filters</span>
        </a>
      </div>

      <div aria-live="polite" className="sr-only">
        {requests.isFetching
          ? "Loading requests…"
          : requests.isSuccess
            ? `${items.length} ${items.length === 1 ? "request" : "requests"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {requests.isPending ? (
        <Loading>Loading your requests…</Loading>
      ) : requests.isError ? (
        <Alert tone="error" role="alert" title="Your requests could not be loaded">
          <p>{requests.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void requests.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            title="No requests match these filters"
            action={
              <Button
                variant="secondary"
                onClick={() =>
                  set({
                    status: null,
                    type: null,
                    departmentId: null,
                    minAgeDays: null,
                    maxAgeDays: null,
                    cursors: null,
                  })
                }
              >
                Clear the filters
              </Button>
            }
          />
        ) : departments.length > 0 ? (
          <EmptyState title="No requests yet">
            When makers in these departments ask IT for a connector or a gateway, their requests show here.
          </EmptyState>
        ) : (
          <EmptyState
            title="No requests yet"
            action={
              <ButtonLink href="/automations" variant="secondary">
                Go to my automations
              </ButtonLink>
            }
          >
            When a prerequisite needs IT — a shared-key connector or access to a gateway — request it from the
            automation's page. Your requests and IT's decisions show here.
          </EmptyState>
        )
      ) : (
        <div className={requests.isPlaceholderData ? "opacity-60" : ""} aria-busy={requests.isFetching}>
          <RequestTable requests={items} caption={title} showAutomation viewerId={me.data?.id ?? null} />
        </div>
      )}

      <Pagination
        label="Request pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={requests.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}
