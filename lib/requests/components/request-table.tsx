"use client";

import Link from "next/link";
import type { RequestDto } from "@/lib/automations/api-types";
import { RequestStatusBadge } from "@/lib/automations/components/status-badges";
import { formatDate, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { WithdrawButton } from "./withdraw-button";

interface RequestTableProps {
  requests: ReadonlyArray<RequestDto>;
  caption: string;
  /** Show which automation each request is for (the "My requests" page). */
  showAutomation?: boolean;
  /** Who may withdraw: the requester of a pending request. */
  viewerId?: string | null;
}

export function requestSubject(request: RequestDto): string {
  return request.type === "SHARED_KEY_CONNECTOR"
    ? `a connector for ${request.service ?? "a service"}`
    : "access to a gateway";
}

export function RequestTable({ requests, caption, showAutomation = false, viewerId }: RequestTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Request
            </th>
            {showAutomation ? (
              <th scope="col" className="px-3 py-2 font-semibold">
                Automation
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Filed
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Decided
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Reason
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {requests.map((request) => {
            const mayWithdraw =
              request.status === "PENDING" &&
              (!viewerId || !request.requester || request.requester.id === viewerId);
            return (
              <tr key={request.id} className="align-top">
                <td className="px-3 py-2">
                  <p className="font-medium text-slate-900">
                    {REQUEST_TYPE_LABELS[request.type]}
                    {request.service ? ` · ${request.service}` : ""}
                  </p>
                  <p className="max-w-xs text-slate-600">{request.justification}</p>
                </td>
                {showAutomation ? (
                  <td className="px-3 py-2">
                    <Link
                      href={`/automations/${encodeURIComponent(request.automationId)}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {request.automation?.name ?? "Open the automation"}
                    </Link>
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <RequestStatusBadge status={request.status} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {formatDate(request.createdAt)}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {formatDate(request.decidedAt)}
                  {request.decidedBy ? (
                    <span className="block text-slate-600">by {request.decidedBy.name}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-slate-700">{request.decisionReason || "—"}</td>
                <td className="px-3 py-2">
                  {mayWithdraw ? <WithdrawButton request={request} what={requestSubject(request)} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
