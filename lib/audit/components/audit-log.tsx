"use client";

import { type FormEvent, useId, useState } from "react";
import { Loading } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, SelectField, TextField, TextInput } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { LoadError } from "@/components/ui/query-state";
import type { AuditEvent } from "@/lib/audit/contract";
import { auditExportHref, useAuditEvents } from "@/lib/audit/hooks";
import type { AuditFilters } from "@/lib/audit/schemas";
import { summarizeChange } from "@/lib/audit/summary";
import { formatDateTime } from "@/lib/automations/labels";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ENTITY_TYPES = [
  "Automation",
  "Request",
  "Connector",
  "Gateway",
  "Department",
  "User",
  "ApiToken",
] as const;

/** Actions the code records, offered as suggestions; the filter matches one action exactly. */
const KNOWN_ACTIONS = [
  "automation.created",
  "automation.updated",
  "automation.retired",
  "automation.rederived",
  "request.created",
  "request.assigned",
  "request.approved",
  "request.rejected",
  "request.withdrawn",
  "request.cancelled",
  "request.commented",
  "connector.created",
  "connector.updated",
  "connector.revoked",
  "connector.expired",
  "gateway.created",
  "gateway.updated",
  "gateway.status_changed",
  "department.created",
  "department.renamed",
  "department.managers_changed",
  "user.created",
  "user.updated",
  "user.signed_in",
  "user.signed_out",
  "user.sign_in_refused",
  "token.created",
  "token.revoked",
];

const FILTER_KEYS = ["action", "entityType", "entityId", "actorId", "from", "to"] as const;

function readFilters(params: { get(name: string): string | null }): AuditFilters {
  const value = (key: string) => params.get(key)?.trim() || undefined;
  const day = (key: string) => {
    const text = value(key);
    return text && DAY.test(text) ? text : undefined;
  };
  const actorId = value("actorId");
  return {
    action: value("action"),
    entityType: value("entityType"),
    entityId: value("entityId"),
    actorId: actorId && UUID.test(actorId) ? actorId : undefined,
    from: day("from"),
    to: day("to"),
  };
}

/** The audit trail: filters in the URL, newest first, before/after on demand, CSV export. */
export function AuditLog() {
  const { params, set } = useUrlState();
  const filters = readFilters(params);
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);
  const events = useAuditEvents({ ...filters, cursor, limit: PAGE_SIZE });
  const items = events.data?.items ?? [];
  const nextCursor = events.data?.nextCursor ?? null;
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const actorLabel = filters.actorId
    ? (items.find((item) => item.actorId === filters.actorId)?.actorLabel ?? "the chosen person")
    : null;
  const change = (changes: Record<string, string | null>) => set({ ...changes, cursors: null });
  const clearAll = () => change(Object.fromEntries(FILTER_KEYS.map((key) => [key, null])));

  return (
    <div className="space-y-4">
      <AuditFilterForm filters={filters} onApply={change} />

      {filters.actorId || filters.entityId ? (
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {filters.actorId ? (
            <Button variant="secondary" size="sm" onClick={() => change({ actorId: null })}>
              Actor: {actorLabel} <span aria-hidden="true">✕</span>
              <span className="sr-only">(remove this filter)</span>
            </Button>
          ) : null}
          {filters.entityId ? (
            <Button variant="secondary" size="sm" onClick={() => change({ entityId: null })}>
              Record: {filters.entityType ?? ""} {shortId(filters.entityId)} <span aria-hidden="true">✕</span>
              <span className="sr-only">(remove this filter)</span>
            </Button>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div aria-live="polite" className="text-sm text-slate-600">
          {events.isFetching
            ? "Loading events…"
            : events.isSuccess
              ? `${items.length} ${items.length === 1 ? "event" : "events"} on this page${nextCursor ? ", more on the next" : ""}.`
              : ""}
        </div>
        <a
          href={auditExportHref(filters)}
          download
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Export CSV<span className="sr-only"> of every event matching these filters</span>
        </a>
      </div>

      {events.isPending ? (
        <Loading>Loading the audit trail…</Loading>
      ) : events.isError ? (
        <LoadError
          title="The audit trail could not be loaded"
          error={events.error}
          onRetry={events.refetch}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title={filtered || cursor ? "No events match these filters" : "No events recorded yet"}
          action={
            filtered ? (
              <Button variant="secondary" onClick={clearAll}>
                Clear the filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <div className={events.isPlaceholderData ? "opacity-60" : ""} aria-busy={events.isFetching}>
          <AuditTable
            items={items}
            onActor={(actorId) => change({ actorId })}
            onEntity={(item) => change({ entityType: item.entityType, entityId: item.entityId })}
          />
        </div>
      )}

      <Pagination
        label="Audit pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={events.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}

/** Typed filters apply together on "Apply", so that a half-typed action doesn't fetch. */
function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (changes: Record<string, string | null>) => void;
}) {
  const formId = useId();
  const [action, setAction] = useState(filters.action ?? "");
  const [entityType, setEntityType] = useState(filters.entityType ?? "");
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const [rangeError, setRangeError] = useState<string | null>(null);
  // Back / forward or a chip changes the URL: show its values in the form.
  const urlKey = [filters.action, filters.entityType, filters.from, filters.to].join("|");
  const [shownKey, setShownKey] = useState(urlKey);
  if (urlKey !== shownKey) {
    setShownKey(urlKey);
    setAction(filters.action ?? "");
    setEntityType(filters.entityType ?? "");
    setFrom(filters.from ?? "");
    setTo(filters.to ?? "");
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to && from > to) {
      setRangeError("The end date must be on or after the start date");
      return;
    }
    setRangeError(null);
    onApply({
      action: action.trim() || null,
      entityType: entityType || null,
      from: from || null,
      to: to || null,
    });
  }

  return (
    <search>
      <form
        aria-label="Filter the audit trail"
        noValidate
        onSubmit={submit}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      >
        <Field id={`${formId}-action`} label="Action" hint="e.g. request.approved">
          {(control) => (
            <>
              <TextInput
                {...control}
                list={`${formId}-actions`}
                autoComplete="off"
                spellCheck={false}
                value={action}
                onChange={(event) => setAction(event.target.value)}
              />
              <datalist id={`${formId}-actions`}>
                {KNOWN_ACTIONS.map((known) => (
                  <option key={known} value={known} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <SelectField
          id={`${formId}-entity`}
          label="Record type"
          value={entityType}
          onChange={(event) => setEntityType(event.target.value)}
        >
          <option value="">All types</option>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${formId}-from`}
          label="From"
          hint="Day, inclusive (UTC)"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <TextField
          id={`${formId}-to`}
          label="To"
          hint="Day, inclusive (UTC)"
          error={rangeError}
          type="date"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
        <div className="flex gap-2">
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
    </search>
  );
}

function AuditTable({
  items,
  onActor,
  onEntity,
}: {
  items: ReadonlyArray<AuditEvent>;
  onActor: (actorId: string) => void;
  onEntity: (item: AuditEvent) => void;
}) {
  const columns: Array<Column<AuditEvent>> = [
    {
      key: "when",
      header: "When",
      cellClassName: "whitespace-nowrap text-slate-700",
      cell: (item) => <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>,
    },
    {
      key: "who",
      header: "Who",
      cell: (item) =>
        item.actorId ? (
          <button
            type="button"
            onClick={() => item.actorId && onActor(item.actorId)}
            className="text-left text-slate-900 underline decoration-slate-400 underline-offset-2 hover:text-brand-700"
          >
            {item.actorLabel}
            <span className="sr-only">: show only their events</span>
          </button>
        ) : (
          <span className="text-slate-700">{item.actorLabel}</span>
        ),
    },
    {
      key: "action",
      header: "Action",
      cellClassName: "font-mono text-xs text-slate-900",
      cell: (item) => item.action,
    },
    {
      key: "record",
      header: "Record",
      cell: (item) => (
        <button
          type="button"
          onClick={() => onEntity(item)}
          className="text-left text-slate-900 underline decoration-slate-400 underline-offset-2 hover:text-brand-700"
        >
          {item.entityType} <span className="font-mono text-xs">{shortId(item.entityId)}</span>
          <span className="sr-only">: show only this record's events</span>
        </button>
      ),
    },
    {
      key: "change",
      header: "Change",
      cell: (item) => <ChangeDetails before={item.before} after={item.after} />,
    },
  ];
  return (
    <DataTable
      caption="Audit events, newest first"
      columns={columns}
      rows={items}
      rowKey={(item) => item.id}
      alignTop
    />
  );
}

/** A one-line summary of what changed; the full before / after JSON on demand. */
function ChangeDetails({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-600">—</span>;
  return (
    <details className="max-w-md">
      <summary className="cursor-pointer text-slate-900">{summarizeChange(before, after)}</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        <Snapshot label="Before" value={before} />
        <Snapshot label="After" value={after} />
      </div>
    </details>
  );
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs text-slate-900">
        {value == null ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
