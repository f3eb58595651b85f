"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { GATEWAY_KINDS, GATEWAY_STATUSES, type GatewayKind, type GatewayStatus } from "@/lib/domain/types";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { readCursorStack, useUrlState, writeCursorStack } from "@/lib/use-url-state";
import { GATEWAY_KIND_LABELS, GATEWAY_STATUS_BADGES } from "../labels";
import { type GatewaySummary, useGatewayList } from "../query";

const PAGE_SIZE = 50;

const oneOf = <V extends string>(values: readonly V[], value: string | null): V | undefined =>
  value && (values as readonly string[]).includes(value) ? (value as V) : undefined;

/** Gateways and machine groups: search, status and kind filters, cursor pages — in the URL. */
export function GatewayList() {
  const { params, set } = useUrlState();
  const status = oneOf<GatewayStatus>(GATEWAY_STATUSES, params.get("status"));
  const kind = oneOf<GatewayKind>(GATEWAY_KINDS, params.get("kind"));
  const q = params.get("q") ?? "";
  const cursors = readCursorStack(params);
  const cursor = cursors.at(-1);
  const formId = useId();

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

  const gateways = useGatewayList({ q: q.trim() || undefined, status, kind, cursor, limit: PAGE_SIZE });
  const items = gateways.data?.items ?? [];
  const nextCursor = gateways.data?.nextCursor ?? null;
  const filtered = Boolean(q.trim() || status || kind);

  return (
    <div className="space-y-4">
      <search>
        <form
          aria-label="Filter gateways"
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3"
          onSubmit={(event) => {
            event.preventDefault();
            set({ q: search.trim() || null, cursors: null }, { replace: true });
          }}
        >
          <Field id={`${formId}-q`} label="Search" hint="Name">
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
                {GATEWAY_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {GATEWAY_STATUS_BADGES[value].label}
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
                {GATEWAY_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {GATEWAY_KIND_LABELS[value]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </form>
      </search>

      <div aria-live="polite" className="sr-only">
        {gateways.isFetching
          ? "Loading gateways…"
          : gateways.isSuccess
            ? `${items.length} ${items.length === 1 ? "gateway" : "gateways"} shown${nextCursor ? ", more on the next page" : ""}.`
            : ""}
      </div>

      {gateways.isPending ? (
        <Loading>Loading gateways…</Loading>
      ) : gateways.isError ? (
        <Alert tone="error" role="alert" title="Gateways could not be loaded">
          <p>{gateways.error.message}</p>
          <Button variant="secondary" size="sm" onClick={() => void gateways.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            title="No gateways match these filters"
            action={
              <Button
                variant="secondary"
                onClick={() => {
                  setSearch("");
                  set({ q: null, status: null, kind: null, cursors: null });
                }}
              >
                Clear the filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No gateways yet"
            action={
              <ButtonLink href="/catalog/gateways/new" variant="primary">
                Register a gateway
              </ButtonLink>
            }
          >
            Cloud flows reach on-premises systems through an on-premises data gateway; desktop flows run on a
            machine group.
          </EmptyState>
        )
      ) : (
        <div className={gateways.isPlaceholderData ? "opacity-60" : ""} aria-busy={gateways.isFetching}>
          <GatewayTable items={items} />
        </div>
      )}

      <Pagination
        label="Gateway pages"
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(nextCursor)}
        busy={gateways.isFetching}
        onPrevious={() => set({ cursors: writeCursorStack(cursors.slice(0, -1)) })}
        onNext={() => nextCursor && set({ cursors: writeCursorStack([...cursors, nextCursor]) })}
      />
    </div>
  );
}

function GatewayTable({ items }: { items: ReadonlyArray<GatewaySummary> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">Gateways and machine groups</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Gateway
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Kind
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Cluster
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Host
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Region
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((gateway) => {
            const badge = GATEWAY_STATUS_BADGES[gateway.status];
            return (
              <tr key={gateway.id}>
                <td className="px-3 py-2">
                  <Link
                    href={`/catalog/gateways/${encodeURIComponent(gateway.id)}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {gateway.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-700">{GATEWAY_KIND_LABELS[gateway.kind]}</td>
                <td className="px-3 py-2">
                  <Badge tone={badge.tone} value={gateway.status}>
                    {badge.label}
                  </Badge>
                </td>
                <td className="px-3 py-2 text-slate-700">{gateway.cluster}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-900">{gateway.host}</td>
                <td className="px-3 py-2 text-slate-700">{gateway.region}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
