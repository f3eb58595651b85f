"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { formatDate } from "@/lib/automations/labels";
import { CONNECTOR_STATUSES, type ConnectorStatus } from "@/lib/domain/types";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import { CONNECTOR_STATUS_BADGES, relativeDays, sharingLabel } from "../labels";
import { type ConnectorSummary, useConnectorList } from "../query";

const PAGE_SIZE = 50;

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

/** The shared-key connector catalog: search, status filter and cursor pages in the URL. */
export function ConnectorList() {
  const { params, set } = useUrlState();
  const status = oneOf<ConnectorStatus>(CONNECTOR_STATUSES, params.get("status"));
  const q = params.get("q") ?? "";
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);
  const formId = useId();

  // Typed locally, written to the URL once typing pauses (as on "My automations").
  const [search, setSearch] = useState(q);
  const debounced = useDebouncedValue(search, 350);
  useEffect(() => {
    if (debounced === search && debounced.trim() !== q.trim()) {
      set({ q: debounced.trim() || null, cursors: null }, { replace: true });
    }
  }, [debounced, search, q, set]);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (q.trim() !== debounced.trim()) setSearch(q);
  }

  const connectors = useConnectorList({ q: q.trim() || undefined, status, cursor, limit: PAGE_SIZE });
  const items = connectors.data?.items ?? [];
  const nextCursor = connectors.data?.nextCursor ?? null;
  const filtered = Boolean(q.trim() || status);

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter connectors"
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2"
          onSubmit={(event) => {
            event.preventDefault();
            set({ q: search.trim() || null, cursors: null }, { replace: true });
          }}
        >
          <Field id={`${formId}-q`} label="Search" hint="Name or service">
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
                {CONNECTOR_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {CONNECTOR_STATUS_BADGES[value].label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </form>
      </search>

      <div aria-live="polite" className="sr-only">
        {connectors.isFetching
          ? "Loading connectors…"
          : connectors.isSuccess
            ? `${items.length} ${items.length === 1 ? "connector" : "connectors"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {connectors.isPending ? (
        <Loading>Loading connectors…</Loading>
      ) : connectors.isError ? (
        <Alert tone="error" role="alert" title="Connectors could not be loaded">
          <p>{connectors.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void connectors.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            title="No connectors match these filters"
            action={
              <Button
                variant="secondary"
                onClick={() => {
                  setSearch("");
                  set({ q: null, status: null, cursors: null });
                }}
              >
                Clear the filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No connectors yet"
            action={
              <ButtonLink href="/catalog/connectors/new" variant="primary">
                Add a connector
              </ButtonLink>
            }
          >
            A connector records a shared key IT set up for a service. Every automation that declares the
            service is satisfied by it.
          </EmptyState>
        )
      ) : (
        <div className={connectors.isPlaceholderData ? "opacity-60" : ""} aria-busy={connectors.isFetching}>
          <ConnectorTable items={items} />
        </div>
      )}

      <Pagination
        label="Connector pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={connectors.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}

function ConnectorTable({ items }: { items: ReadonlyArray<ConnectorSummary> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Shared-key connectors</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Connector
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Service
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Owning team
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Key expires
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Shared with
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((connector) => {
            const badge = CONNECTOR_STATUS_BADGES[connector.status];
            return (
              <tr key={connector.id} className="align-top">
                <td className="px-3 py-2">
                  <Link
                    href={`/catalog/connectors/${encodeURIComponent(connector.id)}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {connector.name}
                  </Link>
                </td>
                <td className="px-3 py-2 font-mono text-xs text-slate-900">{connector.service}</td>
                <td className="px-3 py-2 text-slate-700">{connector.ownerTeam}</td>
                <td className="px-3 py-2">
                  <Badge tone={badge.tone} value={connector.status}>
                    {badge.label}
                  </Badge>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {formatDate(connector.keyExpiresAt)}
                  <span className="block text-slate-600">{relativeDays(connector.keyExpiresAt)}</span>
                </td>
                <td className="px-3 py-2 text-slate-700">{sharingLabel(connector)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
