"use client";

import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { RequestStatusBadge } from "@/lib/automations/components/status-badges";
import { formatDate, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { RequestDetailsLine } from "@/lib/requests/components/request-details";
import { WithdrawButton } from "@/lib/requests/components/withdraw-button";
import type { RequestRecord } from "@/lib/requests/contract";

interface RequestTableProps {
  requests: ReadonlyArray<RequestRecord>;
  caption: string;
  /** Show which automation each request is for (the "My requests" page). */
  showAutomation?: boolean;
  /** Who may withdraw: the requester of a pending request. */
  viewerId?: string | null;
}

export function requestSubject(request: RequestRecord): string {
  return request.type === "SHARED_KEY_CONNECTOR"
    ? `a connector for ${request.service ?? "a service"}`
    : "access to a gateway";
}

const AUTOMATION_COLUMN: Column<RequestRecord> = {
  key: "automation",
  header: "Automation",
  cell: (request) => (
    <Link
      href={`/automations/${encodeURIComponent(request.automationId)}`}
      className="font-medium text-brand-700 underline-offset-2 hover:underline"
    >
      {request.automation?.name ?? "Open the automation"}
    </Link>
  ),
};

function requestColumns({ showAutomation, viewerId }: Omit<RequestTableProps, "requests" | "caption">) {
  const mayWithdraw = (request: RequestRecord) =>
    request.status === "PENDING" && (!viewerId || !request.requester || request.requester.id === viewerId);
  const columns: Array<Column<RequestRecord> | null> = [
    {
      key: "request",
      header: "Request",
      cell: (request) => (
        <>
          <p className="font-medium text-slate-900">
            {REQUEST_TYPE_LABELS[request.type]}
            {request.service ? ` · ${request.service}` : ""}
          </p>
          <RequestDetailsLine request={request} />
          <p className="max-w-xs text-slate-600">{request.justification}</p>
        </>
      ),
    },
    showAutomation ? AUTOMATION_COLUMN : null,
    { key: "status", header: "Status", cell: (request) => <RequestStatusBadge status={request.status} /> },
    {
      key: "filed",
      header: "Filed",
      cellClassName: "whitespace-nowrap text-slate-700",
      cell: (request) => formatDate(request.createdAt),
    },
    {
      key: "decided",
      header: "Decided",
      cellClassName: "whitespace-nowrap text-slate-700",
      cell: (request) => (
        <>
          {formatDate(request.decidedAt)}
          {request.decidedBy ? (
            <span className="block text-slate-600">by {request.decidedBy.name}</span>
          ) : null}
        </>
      ),
    },
    {
      key: "reason",
      header: "Reason",
      cellClassName: "text-slate-700",
      cell: (request) => request.decisionReason || "—",
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      cell: (request) =>
        mayWithdraw(request) ? <WithdrawButton request={request} what={requestSubject(request)} /> : null,
    },
  ];
  return columns.filter((column) => column !== null);
}

export function RequestTable({ requests, caption, showAutomation = false, viewerId }: RequestTableProps) {
  return (
    <DataTable
      caption={caption}
      columns={requestColumns({ showAutomation, viewerId })}
      rows={requests}
      rowKey={(request) => request.id}
      alignTop
    />
  );
}
