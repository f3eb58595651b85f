"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Announcement, DetailFallback, DetailHeader, DetailSection, FactList } from "@/components/ui/detail";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiError } from "@/lib/api-client";
import { HistoryTimeline } from "@/lib/automations/components/history-timeline";
import {
  AutomationStatusBadge,
  PrerequisiteStatusBadge,
  RequestStatusBadge,
} from "@/lib/automations/components/status-badges";
import {
  formatDate,
  formatDateTime,
  KIND_LABELS,
  PREREQUISITE_TYPE_LABELS,
  REQUEST_STATUS_BADGES,
  REQUEST_TYPE_LABELS,
  RUN_MODE_LABELS,
} from "@/lib/automations/labels";
import { AssignButton } from "@/lib/requests/components/assign-button";
import { Comments } from "@/lib/requests/components/comments";
import { DecisionForm } from "@/lib/requests/components/decision-form";
import { RequestDetailsFacts } from "@/lib/requests/components/request-details";
import { WithdrawButton } from "@/lib/requests/components/withdraw-button";
import type { RequestDetail, RequestRecord } from "@/lib/requests/contract";
import { useRequest } from "@/lib/requests/hooks";

function subjectOf(request: Pick<RequestRecord, "type" | "service">): string {
  return request.type === "SHARED_KEY_CONNECTOR"
    ? `Shared-key connector for ${request.service ?? "a service"}`
    : "Gateway access";
}

/** One request: what is asked and why, the conversation, the history, and IT's decision. */
export function RequestPage({ id }: { id: string }) {
  const request = useRequest(id);
  const [announcement, setAnnouncement] = useState("");
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (!request.isSuccess)
    return (
      <DetailFallback query={request} what="Request" back={{ href: "/queue", label: "Back to the queue" }} />
    );

  const data = request.data;
  const subject = subjectOf(data);
  const pending = data.status === "PENDING";

  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: "/queue", label: "Request queue" }}
        title={subject}
        headingRef={headingRef}
        badge={<RequestStatusBadge status={data.status} />}
        summary={
          <span>
            filed {formatDate(data.createdAt)} by {data.requester?.name ?? "—"}
            {pending ? ` · waiting ${data.ageDays === 1 ? "1 day" : `${data.ageDays} days`}` : ""}
          </span>
        }
      >
        {pending ? (
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
            <span>
              Assigned to:{" "}
              <span className="font-medium text-slate-900">{data.assignee?.name ?? "nobody yet"}</span>
            </span>
            {data.permissions.assign ? (
              <AssignButton id={data.id} version={data.version} what={subject} />
            ) : null}
          </div>
        ) : null}
      </DetailHeader>

      <Announcement message={announcement} />
      {conflict ? <ConflictNotice error={conflict} /> : null}

      <DetailSection id="asked" heading="What is asked">
        <AskedDetails request={data} />
      </DetailSection>

      <DetailSection id="decision" heading="Decision">
        {!pending ? (
          <DecisionSummary request={data} />
        ) : data.permissions.decide ? (
          <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <DecisionForm
              request={data}
              onConflict={setConflict}
              onDecided={(decided) => {
                setConflict(null);
                setAnnouncement(
                  `Request ${REQUEST_STATUS_BADGES[decided.status].label.toLowerCase()}. The maker has been told.`,
                );
                requestAnimationFrame(() => headingRef.current?.focus());
              }}
            />
          </div>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              {data.permissions.withdraw
                ? "IT decides this request; you are notified when they do."
                : "IT decides this request."}
            </p>
            {data.permissions.withdraw ? <WithdrawButton request={data} what={subject} /> : null}
          </div>
        )}
      </DetailSection>

      <DetailSection id="comments" heading="Comments">
        <Comments requestId={data.id} comments={data.comments} mayComment={data.permissions.comment} />
      </DetailSection>

      <DetailSection id="other" heading={<>Other requests from {data.requester?.name ?? "this requester"}</>}>
        <OtherRequests requests={data.requesterOtherRequests} />
      </DetailSection>

      <DetailSection id="history" heading="History">
        <HistoryTimeline events={data.history} />
      </DetailSection>
    </div>
  );
}

function AskedDetails({ request }: { request: RequestDetail }) {
  const { automation, prerequisite } = request;
  return (
    <div className="space-y-4">
      <FactList
        facts={[
          {
            label: "Automation",
            valueClassName: "space-y-1 text-slate-900",
            value: (
              <>
                <Link
                  href={`/automations/${encodeURIComponent(automation.id)}`}
                  className="font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  {automation.name}
                </Link>
                <span className="block">
                  <AutomationStatusBadge status={automation.status} />
                </span>
              </>
            ),
          },
          {
            label: "Kind and run mode",
            value: `${KIND_LABELS[automation.kind]}, ${RUN_MODE_LABELS[automation.runMode].toLowerCase()}`,
          },
          { label: "Department", value: automation.department?.name ?? "—" },
          {
            label: "Requester",
            value: (
              <>
                {request.requester?.name ?? "—"}
                {request.requester?.email ? (
                  <span className="block text-slate-600">{request.requester.email}</span>
                ) : null}
              </>
            ),
          },
          { label: "Automation owner", value: automation.owner?.name ?? "—" },
          {
            label: "Type",
            value: `${REQUEST_TYPE_LABELS[request.type]}${request.service ? ` · ${request.service}` : ""}`,
          },
        ]}
      />
      {prerequisite ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h3 className="font-semibold text-slate-900">
              Prerequisite: {PREREQUISITE_TYPE_LABELS[prerequisite.type]}
              {prerequisite.systemName ? ` for ${prerequisite.systemName}` : ""}
            </h3>
            <PrerequisiteStatusBadge status={prerequisite.status} lapse={prerequisite.lapse} />
          </div>
          <p className="mt-2 text-sm text-slate-700">{prerequisite.reason}</p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          The prerequisite this request was for no longer exists (the automation's systems changed).
        </p>
      )}
      <section aria-labelledby="details-heading" className="space-y-2">
        <h3 id="details-heading" className="font-semibold text-slate-900">
          {request.type === "GATEWAY" ? "The system behind the gateway" : "The API the connector calls"}
        </h3>
        <RequestDetailsFacts request={request} />
      </section>
      <figure className="rounded-lg border-l-4 border-slate-400 bg-white p-4 shadow-sm">
        <figcaption className="text-sm font-medium text-slate-600">Justification</figcaption>
        <blockquote className="mt-1 whitespace-pre-line text-slate-900">{request.justification}</blockquote>
      </figure>
    </div>
  );
}

function DecisionSummary({ request }: { request: RequestDetail }) {
  const by = request.decidedBy?.name;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <p className="flex flex-wrap items-center gap-2 text-slate-900">
        <RequestStatusBadge status={request.status} />
        <span>
          {by ? `by ${by}` : ""}
          {request.decidedAt ? ` on ${formatDateTime(request.decidedAt)}` : ""}
        </span>
      </p>
      {request.decisionReason ? (
        <p className="mt-2 text-slate-700">
          <span className="font-medium text-slate-900">Reason:</span> {request.decisionReason}
        </p>
      ) : null}
    </div>
  );
}

/** Someone else decided first: say who and what, from the 409's `current`. */
function ConflictNotice({ error }: { error: ApiError }) {
  const current = (error.current ?? null) as Partial<RequestRecord> | null;
  const by = current?.decidedBy?.name;
  return (
    <Alert tone="warning" role="alert" title={`Already decided by ${by ?? "someone else"}`}>
      <p>{error.message}</p>
      {current?.status ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>It is now</span>
          <RequestStatusBadge status={current.status} />
          {current.decisionReason ? <span>— “{current.decisionReason}”</span> : null}
        </p>
      ) : null}
      <p>The page shows the request as it is now; your decision was not recorded.</p>
    </Alert>
  );
}

function OtherRequests({ requests }: { requests: ReadonlyArray<RequestRecord> }) {
  if (requests.length === 0) return <EmptyState title="No other requests from this person" />;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
      {requests.map((other) => (
        <li key={other.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
          <span>
            <Link
              href={`/queue/${encodeURIComponent(other.id)}`}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {subjectOf(other)}
            </Link>
            <span className="text-slate-600">
              {" "}
              for {other.automation?.name ?? "an automation"} · filed {formatDate(other.createdAt)}
            </span>
          </span>
          <RequestStatusBadge status={other.status} />
        </li>
      ))}
    </ul>
  );
}
