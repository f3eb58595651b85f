"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/automations/labels";
import { GATEWAY_KIND_LABELS, GATEWAY_STATUS_BADGES } from "../labels";
import { useGateway } from "../query";
import { DependentsTable } from "./dependents-table";
import { EditGateway } from "./edit-gateway";
import { GatewayStatusChange } from "./gateway-status";

/** A gateway's page for IT: its fields and admins, what relies on it, edit, status change. */
export function GatewayDetailView({ id }: { id: string }) {
  const gateway = useGateway(id);
  const [editing, setEditing] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  if (gateway.isPending) return <Loading>Loading the gateway…</Loading>;
  if (gateway.isError) {
    const missing = gateway.error instanceof ApiError && gateway.error.status === 404;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Gateway</h1>
        <Alert
          tone="error"
          role="alert"
          title={missing ? "Gateway not found" : "The gateway could not be loaded"}
        >
          <p>{gateway.error.message}</p>
          <p>
            <Link href="/catalog/gateways" className="font-medium underline">
              Back to the gateways
            </Link>
          </p>
        </Alert>
      </div>
    );
  }

  const data = gateway.data;
  const badge = GATEWAY_STATUS_BADGES[data.status];
  const announce = (message: string) => {
    setAnnouncement(message);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/catalog/gateways" className="text-brand-700 underline-offset-2 hover:underline">
            <span aria-hidden="true">← </span>Gateways
          </Link>
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="space-y-1">
            <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-slate-900">
              {data.name}
            </h1>
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span>Status:</span>
              <Badge tone={badge.tone} value={data.status}>
                {badge.label}
              </Badge>
              <span>{GATEWAY_KIND_LABELS[data.kind]}</span>
            </p>
          </div>
          {!editing ? (
            <Button ref={editButtonRef} variant="secondary" onClick={() => setEditing(true)}>
              Edit gateway
            </Button>
          ) : null}
        </div>
      </header>

      <p aria-live="polite" role="status" className={announcement ? "" : "sr-only"}>
        {announcement ? (
          <span className="block rounded-md border-l-4 border-emerald-700 bg-emerald-50 p-3 text-sm text-emerald-900">
            {announcement}
          </span>
        ) : null}
      </p>

      {editing ? (
        <section
          aria-labelledby="edit-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 id="edit-heading" className="text-lg font-semibold">
            Edit gateway
          </h2>
          <EditGateway
            gateway={data}
            onCancel={() => {
              setEditing(false);
              requestAnimationFrame(() => editButtonRef.current?.focus());
            }}
            onDone={(message) => {
              setEditing(false);
              announce(message);
            }}
          />
        </section>
      ) : (
        <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <dt className="font-medium text-slate-600">Cluster</dt>
            <dd className="text-slate-900">{data.cluster}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Host</dt>
            <dd className="break-all font-mono text-xs text-slate-900">{data.host}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Region</dt>
            <dd className="text-slate-900">{data.region}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Registered</dt>
            <dd className="text-slate-900">{formatDateTime(data.createdAt)}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Last changed</dt>
            <dd className="text-slate-900">{formatDateTime(data.updatedAt)}</dd>
          </div>
        </dl>
      )}

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-lg font-semibold">
          Status
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Automations assigned to an offline or decommissioned gateway cannot reach their on-premises systems:
          they are blocked until it is back or they get another one.
        </p>
        <GatewayStatusChange gateway={data} onChanged={announce} />
      </section>

      <section aria-labelledby="admins-heading" className="space-y-3">
        <h2 id="admins-heading" className="text-lg font-semibold">
          Admins
        </h2>
        {data.admins.length === 0 ? (
          <p className="text-sm text-slate-700">No admins recorded.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {data.admins.map((admin) => (
              <li key={admin.id} className="px-4 py-2">
                <span className="font-medium text-slate-900">{admin.name}</span>
                {admin.email ? <span className="text-slate-600"> · {admin.email}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dependents-heading" className="space-y-3">
        <h2 id="dependents-heading" className="text-lg font-semibold">
          Automations relying on it
        </h2>
        <DependentsTable dependents={data.dependents} what="gateway" />
      </section>
    </div>
  );
}
