"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Alert, Loading } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { formatDate, formatDateTime } from "@/lib/automations/labels";
import { CONNECTOR_STATUS_BADGES, relativeDays, sharingLabel } from "../labels";
import { useConnector } from "../query";
import { DependentsTable } from "./dependents-table";
import { EditConnector } from "./edit-connector";
import { RevokeConnector } from "./revoke-connector";

/** A connector's page for IT: its fields, who relies on it, edit and revoke. */
export function ConnectorDetailView({ id }: { id: string }) {
  const connector = useConnector(id);
  const [editing, setEditing] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  if (connector.isPending) return <Loading>Loading the connector…</Loading>;
  if (connector.isError) {
    const missing = connector.error instanceof ApiError && connector.error.status === 404;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Connector</h1>
        <Alert
          tone="error"
          role="alert"
          title={missing ? "Connector not found" : "The connector could not be loaded"}
        >
          <p>{connector.error.message}</p>
          <p>
            <Link href="/catalog/connectors" className="font-medium underline">
              Back to the connectors
            </Link>
          </p>
        </Alert>
      </div>
    );
  }

  const data = connector.data;
  const badge = CONNECTOR_STATUS_BADGES[data.status];
  const revoked = data.status === "REVOKED";
  const announce = (message: string) => {
    setAnnouncement(message);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/catalog/connectors" className="text-brand-700 underline-offset-2 hover:underline">
            <span aria-hidden="true">← </span>Connectors
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
              <span>
                for the service <span className="font-mono">{data.service}</span>
              </span>
            </p>
          </div>
          {!revoked && !editing ? (
            <div className="flex flex-wrap gap-2">
              <Button ref={editButtonRef} variant="secondary" onClick={() => setEditing(true)}>
                Edit connector
              </Button>
              <RevokeConnector connector={data} onRevoked={announce} />
            </div>
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
            Edit connector
          </h2>
          <EditConnector
            connector={data}
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
            <dt className="font-medium text-slate-600">Owning team</dt>
            <dd className="text-slate-900">{data.ownerTeam || "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Owner (reminded before expiry)</dt>
            <dd className="text-slate-900">{data.owner?.name ?? "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Key expires</dt>
            <dd className="text-slate-900">
              {formatDate(data.keyExpiresAt)}{" "}
              <span className="text-slate-600">({relativeDays(data.keyExpiresAt)})</span>
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-600">Key reference</dt>
            <dd className="break-all font-mono text-xs text-slate-900">{data.keyReference ?? "—"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Shared with</dt>
            <dd className="text-slate-900">{sharingLabel(data)}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Recorded</dt>
            <dd className="text-slate-900">{formatDateTime(data.createdAt)}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{data.revokedAt ? "Revoked" : "Last changed"}</dt>
            <dd className="text-slate-900">{formatDateTime(data.revokedAt ?? data.updatedAt)}</dd>
          </div>
        </dl>
      )}

      <section aria-labelledby="dependents-heading" className="space-y-3">
        <h2 id="dependents-heading" className="text-lg font-semibold">
          Automations relying on it
        </h2>
        <DependentsTable dependents={data.dependents} what="connector" />
      </section>
    </div>
  );
}
