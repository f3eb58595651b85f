"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { DepartmentFilter, FilterForm, optionsOf, SelectFilter } from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters } from "@/components/ui/use-url-filters";
import { can } from "@/lib/auth/permissions";
import { RequestStatusBadge } from "@/lib/automations/components/status-badges";
import { formatDate, REQUEST_STATUS_BADGES, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { useDepartments, useMe } from "@/lib/directory/hooks";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/types";
import { AssignButton } from "@/lib/requests/components/assign-button";
import { RequestDetailsLine } from "@/lib/requests/components/request-details";
import type { RequestRecord } from "@/lib/requests/contract";
import { useQueue } from "@/lib/requests/hooks";
import { QUEUE_SORTS, type QueueSort, type RequestFilters, type RequestType } from "@/lib/requests/schemas";

const PAGE_SIZE = 25;
const REQUEST_TYPES: readonly RequestType[] = ["SHARED_KEY_CONNECTOR", "GATEWAY"];
const AGE_OPTIONS = [1, 3, 7, 14, 30].map((days) => ({
  value: days,
  label: days === 1 ? "Older than 1 day" : `Older than ${days} days`,
}));
const SORT_OPTIONS = [
  { value: "oldest", label: "Oldest first" },
  { value: "newest", label: "Newest first" },
];
/** The queue shows what waits for IT unless the URL asks for another status ("all" for none). */
const DEFAULT_STATUS: RequestStatus = "PENDING";
const STATUS_OPTIONS = [
  ...optionsOf(REQUEST_STATUSES, (value) => REQUEST_STATUS_BADGES[value].label),
  { value: "all", label: "All statuses" },
];

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
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const me = useMe();
  const departments = useDepartments();

  const status = readStatus(params.get("status"));
  const type = oneOf<RequestType>(REQUEST_TYPES, params.get("type"));
  const departmentId = params.get("departmentId") || undefined;
  const requesterId = params.get("requesterId") || undefined;
  const minAgeDays = readAge(params.get("minAgeDays"));
  const sort = oneOf<QueueSort>(QUEUE_SORTS, params.get("sort")) ?? "oldest";

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
  const departmentName = (id: string) => departments.data?.items.find((d) => d.id === id)?.name ?? "—";
  const requesterName = requesterId
    ? (items.find((item) => item.requester?.id === requesterId)?.requester?.name ?? "the chosen person")
    : null;

  return (
    <div className="space-y-4">
      <FilterForm label="Filter the queue" columns="sm:grid-cols-2 lg:grid-cols-5">
        <SelectFilter
          label="Status"
          value={params.get("status") === "all" ? "all" : (status ?? DEFAULT_STATUS)}
          onChange={(value) => change({ status: value === DEFAULT_STATUS ? null : value })}
          options={STATUS_OPTIONS}
        />
        <SelectFilter
          label="Type"
          value={type ?? ""}
          onChange={(value) => change({ type: value })}
          any="All types"
          options={optionsOf(REQUEST_TYPES, (value) => REQUEST_TYPE_LABELS[value])}
        />
        <DepartmentFilter
          departments={departments.data?.items ?? []}
          value={departmentId}
          onChange={(value) => change({ departmentId: value })}
        />
        <SelectFilter
          label="Waiting"
          value={minAgeDays ? String(minAgeDays) : ""}
          onChange={(value) => change({ minAgeDays: value })}
          any="Any time"
          options={AGE_OPTIONS}
        />
        <SelectFilter
          label="Order"
          value={sort}
          onChange={(value) => change({ sort: value === "oldest" ? null : value })}
          options={SORT_OPTIONS}
        />
      </FilterForm>

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

      <ListFrame
        query={queue}
        labels={{
          one: "request",
          many: "requests",
          loading: "Loading the queue…",
          error: "The queue could not be loaded",
          pages: "Queue pages",
        }}
        pages={pages}
        filtered={Boolean(type || departmentId || requesterId || minAgeDays || status !== DEFAULT_STATUS)}
        onClear={() => clear(["status", "type", "departmentId", "requesterId", "minAgeDays"])}
        empty={
          <EmptyState title="Nothing waiting for IT">
            New connector and gateway requests from makers appear here, oldest first.
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            caption="Request queue"
            columns={queueColumns({
              viewerId: me.data?.id ?? null,
              // ADMIN reads the queue; only IT takes and decides requests.
              mayAssign: me.data ? can(me.data, "request:decide") : false,
              departmentName,
              onRequester: (id) => change({ requesterId: id }),
            })}
            rows={rows}
            rowKey={(item) => item.id}
            alignTop
          />
        )}
      </ListFrame>
    </div>
  );
}

const subjectOf = (item: RequestRecord) =>
  `${REQUEST_TYPE_LABELS[item.type]}${item.service ? ` · ${item.service}` : ""}`;

interface QueueColumnsOptions {
  viewerId: string | null;
  mayAssign: boolean;
  departmentName: (id: string) => string;
  onRequester: (id: string) => void;
}

function queueColumns({
  viewerId,
  mayAssign,
  departmentName,
  onRequester,
}: QueueColumnsOptions): Column<RequestRecord>[] {
  const assignedToMe = (item: RequestRecord) => Boolean(viewerId && item.assignee?.id === viewerId);
  return [
    {
      key: "request",
      header: "Request",
      cell: (item) => (
        <>
          <Link
            href={`/queue/${encodeURIComponent(item.id)}`}
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            {subjectOf(item)}
          </Link>
          <RequestDetailsLine request={item} />
          <p className="max-w-xs truncate text-slate-600" title={item.justification}>
            {item.justification}
          </p>
        </>
      ),
    },
    {
      key: "automation",
      header: "Automation",
      cellClassName: "text-slate-900",
      cell: (item) => item.automation?.name ?? "—",
    },
    {
      key: "requester",
      header: "Requester",
      cell: (item) =>
        item.requester ? (
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
        ),
    },
    {
      key: "department",
      header: "Department",
      cellClassName: "text-slate-700",
      cell: (item) => departmentName(item.departmentId),
    },
    {
      key: "age",
      header: "Age",
      align: "right",
      cellClassName: "whitespace-nowrap tabular-nums text-slate-900",
      cell: (item) => (
        <span title={`Filed ${formatDate(item.createdAt)}`}>
          {item.ageDays === 1 ? "1 day" : `${item.ageDays} days`}
        </span>
      ),
    },
    { key: "status", header: "Status", cell: (item) => <RequestStatusBadge status={item.status} /> },
    {
      key: "assignee",
      header: "Assigned to",
      cell: (item) => (
        <div className="space-y-1">
          <p className="text-slate-900">
            {item.assignee ? (assignedToMe(item) ? "You" : item.assignee.name) : "Nobody yet"}
          </p>
          {mayAssign && item.status === "PENDING" && !assignedToMe(item) ? (
            <AssignButton id={item.id} version={item.version} what={subjectOf(item)} />
          ) : null}
        </div>
      ),
    },
  ];
}
