"use client";

import { useId } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
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

/** "My requests": filters and cursor pages in the URL; pending ones can be withdrawn. */
export function RequestList() {
  const { params, set } = useUrlState();
  const me = useMe();
  const status = oneOf<RequestStatus>(REQUEST_STATUSES, params.get("status"));
  const type = oneOf<RequestType>(REQUEST_TYPES, params.get("type"));
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);
  const requests = useRequests({ status, type, cursor, limit: PAGE_SIZE });
  const formId = useId();
  const items = requests.data?.items ?? [];
  const nextCursor = requests.data?.nextCursor ?? null;
  const filtered = Boolean(status || type);

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter requests"
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2"
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
        </form>
      </search>

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
              <Button variant="secondary" onClick={() => set({ status: null, type: null, cursors: null })}>
                Clear the filters
              </Button>
            }
          />
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
          <RequestTable
            requests={items}
            caption="My requests"
            showAutomation
            viewerId={me.data?.id ?? null}
          />
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
