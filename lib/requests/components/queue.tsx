"use client";

import Link from "next/link";
import { useId } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { RequestStatusBadge } from "@/lib/automations/components/status-badges";
import { formatDate, REQUEST_STATUS_BADGES, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { useDepartments, useMe } from "@/lib/directory/query";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/types";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import { QUEUE_SORTS, type QueueItem, type QueueSort } from "../api-types";
import { type RequestFilters, type RequestType, useQueue } from "../query";
import { AssignButton } from "./assign-button";

const PAGE_SIZE = 25;
const REQUEST_TYPES: readonly RequestType[] = ["SHARED_KEY_CONNECTOR", "GATEWAY"];
const AGE_OPTIONS = [1, 3, 7, 14, 30] as const;
/** The queue shows what waits for IT unless the URL asks for another status ("all" for none). */
const DEFAULT_STATUS: RequestStatus = "PENDING";

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

function readAge(value: string | null): number | undefined {
  const days = Number(value);
  return Number.isInteger(days) && days > 0 && days <= 3650 ? days : undefined;
}

function readStatus(value: string | null): RequestStatus | undefined {
  if (value === "all") return undefined;
  return oneOf<RequestStatus>(REQUEST_STATUSES, value) ?? DEFAULT_STATUS;
}

/** IT's request queue: oldest pending first; every filter and the page live in the URL. */
export function RequestQueue() {
  const { params, set } = useUrlState();
  const me = useMe();
  const departments = useDepartments();
  const formId = useId();

  const status = readStatus(params.get("status"));
  const type = oneOf<RequestType>(REQUEST_TYPES, params.get("type"));
  const departmentId = params.get("departmentId") || undefined;
  const requesterId = params.get("requesterId") || undefined;
  const minAgeDays = readAge(params.get("minAgeDays"));
  const sort = oneOf<QueueSort>(QUEUE_SORTS, params.get("sort")) ?? "oldest";
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);

  const filters: RequestFilters = {
    status,
    type,
    departmentId,
    requesterId,
    minAgeDays,
    sort,
    cursor,
    limit: PAGE_SIZE,
  };
  const queue = useQueue(filters);
  const items = queue.data?.items ?? [];
  const nextCursor = queue.data?.nextCursor ?? null;
  const filtered = Boolean(type || departmentId || requesterId || minAgeDays || status !== DEFAULT_STATUS);
  const departmentName = (id: string) => departments.data?.items.find((d) => d.id === id)?.name ?? "—";
  const requesterName = requesterId
    ? (items.find((item) => item.requester?.id === requesterId)?.requester?.name ?? "the chosen person")
    : null;
  const change = (changes: Record<string, string | null>) => set({ ...changes, cursors: null });

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter the queue"
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5"
          onSubmit={(event) => event.preventDefault()}
        >
          <Field id={`${formId}-status`} label="Status">
            {(control) => (
              <Select
                {...control}
                value={params.get("status") === "all" ? "all" : (status ?? DEFAULT_STATUS)}
                onChange={(event) =>
                  change({ status: event.target.value === DEFAULT_STATUS ? null : event.target.value })
                }
              >
                {REQUEST_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {REQUEST_STATUS_BADGES[value].label}
                  </option>
                ))}
                <option value="all">All statuses</option>
              </Select>
            )}
          </Field>
          <Field id={`${formId}-type`} label="Type">
            {(control) => (
              <Select
                {...control}
                value={type ?? ""}
                onChange={(event) => change({ type: event.target.value })}
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
          <Field id={`${formId}-department`} label="Department">
            {(control) => (
              <Select
                {...control}
                value={departmentId ?? ""}
                onChange={(event) => change({ departmentId: event.target.value })}
              >
                <option value="">All departments</option>
                {(departments.data?.items ?? []).map((department) => (
                  <option key={department.id} value={department.id}>
                    {department.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${formId}-age`} label="Waiting">
            {(control) => (
              <Select
                {...control}
                value={minAgeDays ? String(minAgeDays) : ""}
                onChange={(event) => change({ minAgeDays: event.target.value })}
              >
                <option value="">Any time</option>
                {AGE_OPTIONS.map((days) => (
                  <option key={days} value={days}>
                    {days === 1 ? "Older than 1 day" : `Older than ${days} days`}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${formId}-sort`} label="Order">
            {(control) => (
              <Select
                {...control}
                value={sort}
                onChange={(event) =>
                  change({ sort: event.target.value === "oldest" ? null : event.target.value })
                }
              >
                <option value="oldest">Oldest first</option>
                <option value="newest">Newest first</option>
              </Select>
            )}
          </Field>
        </form>
      </search>

      {requesterId ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>
            Only requests filed by <span className="font-medium text-slate-900">{requesterName}</span>.
          </span>
          <Button variant="secondary" size="sm" onClick={() => change({ requesterId: null })}>
            Show every requester
          </Button>
        </p>
      ) : null}

      <div aria-live="polite" className="sr-only">
        {queue.isFetching
          ? "Loading the queue…"
          : queue.isSuccess
            ? `${items.length} ${items.length === 1 ? "request" : "requests"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {queue.isPending ? (
        <Loading>Loading the queue…</Loading>
      ) : queue.isError ? (
        <Alert tone="error" role="alert" title="The queue could not be loaded">
          <p>{queue.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void queue.refetch()}>
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
                  change({
                    status: null,
                    type: null,
                    departmentId: null,
                    requesterId: null,
                    minAgeDays: null,
                  })
                }
              >
                Clear the filters
              </Button>
            }
          />
        ) : (
          <EmptyState title="Nothing waiting for IT">
            New connector and gateway requests from makers appear here, oldest first.
          </EmptyState>
        )
      ) : (
        <div className={queue.isPlaceholderData ? "opacity-60" : ""} aria-busy={queue.isFetching}>
          <QueueTable
            items={items}
            viewerId={me.data?.id ?? null}
            departmentName={departmentName}
            onRequester={(id) => change({ requesterId: id })}
          />
        </div>
      )}

      <Pagination
        label="Queue pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={queue.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}

interface QueueTableProps {
  items: ReadonlyArray<QueueItem>;
  viewerId: string | null;
  departmentName: (id: string) => string;
  onRequester: (id: string) => void;
}

function QueueTable({ items, viewerId, departmentName, onRequester }: QueueTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Request queue</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Request
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Automation
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Requester
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Department
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Age
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Assigned to
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const subject = `${REQUEST_TYPE_LABELS[item.type]}${item.service ? ` · ${item.service}` : ""}`;
            const assignedToMe = Boolean(viewerId && item.assignee?.id === viewerId);
            return (
              <tr key={item.id} className="align-top">
                <td className="px-3 py-2">
                  <Link
                    href={`/queue/${encodeURIComponent(item.id)}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {subject}
                  </Link>
                  <p className="max-w-xs truncate text-slate-600" title={item.justification}>
                    {item.justification}
                  </p>
                </td>
                <td className="px-3 py-2 text-slate-900">{item.automation?.name ?? "—"}</td>
                <td className="px-3 py-2">
                  {item.requester ? (
                    <button
                      type="button"
                      onClick={() => item.requester && onRequester(item.requester.id)}
                      className="text-left text-slate-900 underline decoration-slate-400 underline-offset-2 hover:text-brand-700"
                    >
                      {item.requester.name}
                      <span className="sr-only">: show only their requests</span>
                    </button>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 text-slate-700">{departmentName(item.departmentId)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-900">
                  <span title={`Filed ${formatDate(item.createdAt)}`}>
                    {item.ageDays === 1 ? "1 day" : `${item.ageDays} days`}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <RequestStatusBadge status={item.status} />
                </td>
                <td className="px-3 py-2">
                  <div className="space-y-1">
                    <p className="text-slate-900">
                      {item.assignee ? (assignedToMe ? "You" : item.assignee.name) : "Nobody yet"}
                    </p>
                    {item.status === "PENDING" && !assignedToMe ? (
                      <AssignButton id={item.id} version={item.version} what={subject} />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
