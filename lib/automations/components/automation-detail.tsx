"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Announcement, DetailFallback, DetailHeader, DetailSection, FactList } from "@/components/ui/detail";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { automationHref } from "@/lib/automations/components/automation-link";
import { HistoryTimeline } from "@/lib/automations/components/history-timeline";
import {
  ConfirmInferred,
  FindingList,
  inventoryFacts,
  OwnerMissingNotice,
} from "@/lib/automations/components/inventory-sections";
import {
  type PrerequisiteItem,
  PrerequisiteList,
  prerequisiteTitle,
} from "@/lib/automations/components/prerequisite-list";
import { RequestPrerequisite } from "@/lib/automations/components/request-prerequisite";
import { RetireButton } from "@/lib/automations/components/retire-button";
import { ReviewDeclaration } from "@/lib/automations/components/review-declaration";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import { SystemsTable } from "@/lib/automations/components/systems-table";
import type { Automation, Prerequisite } from "@/lib/automations/contract";
import { useAutomation } from "@/lib/automations/hooks";
import {
  basisText,
  formatDate,
  KIND_LABELS,
  RUN_AS_TEXT,
  RUN_MODE_LABELS,
  WINDOWS_ACCOUNT_OPTIONS,
} from "@/lib/automations/labels";
import { useMe } from "@/lib/directory/hooks";
import { RequestTable } from "@/lib/requests/components/request-table";
import type { RequestType } from "@/lib/requests/schemas";

const REQUESTABLE = new Set(["OUTSTANDING", "REJECTED", "EXPIRED"]);

/** What the maker can request for a prerequisite, from the server's action or, failing that, its type. */
function requestFor(
  prerequisite: Prerequisite,
  automation: Automation,
): { type: RequestType; label: string } | null {
  const { action } = prerequisite;
  if (action?.kind === "REQUEST_CONNECTOR") return { type: "SHARED_KEY_CONNECTOR", label: action.label };
  if (action?.kind === "REQUEST_GATEWAY") return { type: "GATEWAY", label: action.label };
  if (action !== undefined || !REQUESTABLE.has(prerequisite.status)) return null;
  if (prerequisite.type === "GATEWAY") return { type: "GATEWAY", label: "Request access to a gateway" };
  if (prerequisite.type === "SHARED_KEY_CONNECTOR") {
    const system = automation.systems.find(
      (s) => (s.id && s.id === prerequisite.systemAccessId) || s.name === prerequisite.systemName,
    );
    return system?.service
      ? { type: "SHARED_KEY_CONNECTOR", label: `Request a connector for ${system.service}` }
      : null;
  }
  return null;
}

function accountType(type: Automation["windowsAccountType"]): string {
  const label = WINDOWS_ACCOUNT_OPTIONS.find((option) => option.value === type)?.label;
  return label ? ` (${label.toLowerCase()})` : "";
}

/**
 * A requested prerequisite, said to the one reading: the maker has nothing to do until IT
 * decides; IT can open the request and decide it; anyone else reads that it waits for IT.
 */
function WaitingForIt({
  prerequisite,
  automation,
  isOwner,
  me,
}: {
  prerequisite: Prerequisite;
  automation: { requests: ReadonlyArray<{ id: string; status: string; prerequisiteKey: string | null }> };
  isOwner: boolean;
  me: Parameters<typeof can>[0];
}) {
  const pending = automation.requests.find(
    (request) => request.status === "PENDING" && request.prerequisiteKey === prerequisite.key,
  );
  if (!isOwner && pending && can(me, "request:decide")) {
    return (
      <Link
        href={`/queue/${encodeURIComponent(pending.id)}`}
        className="text-sm font-medium text-brand-700 underline underline-offset-2"
      >
        Decide the request
        <span className="sr-only"> — {prerequisiteTitle(prerequisite)}</span>
      </Link>
    );
  }
  return (
    <p className="text-sm text-slate-700">
      {isOwner ? "Nothing to do until IT decides." : "Waiting for IT's decision."}
    </p>
  );
}

function headingIdOf(prerequisite: Prerequisite): string {
  return `prerequisite-${prerequisite.id}`;
}

export function AutomationDetailView({ id }: { id: string }) {
  const automation = useAutomation(id);
  const me = useMe();
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (!automation.isSuccess)
    return (
      <DetailFallback
        query={automation}
        what="Automation"
        back={{ href: "/automations", label: "Back to my automations" }}
      />
    );

  const data = automation.data;
  const ownerId = data.owner?.id ?? data.ownerId;
  const isOwner = Boolean(me.data && ownerId && me.data.id === ownerId);
  const active = data.status !== "RETIRED";
  const mayEdit = data.permissions?.edit ?? (active && isOwner);
  const mayRetire =
    data.permissions?.retire ?? (active && (isOwner || can(me.data, "automation:retire:any")));
  const mayRequest = active && mayEdit && (me.data ? can(me.data, "request:create") : true);
  // IT reviews what a maker declared; nobody reviews their own.
  const mayReview = Boolean(data.permissions?.review) && !isOwner;
  const editHref = `${automationHref(id)}/edit`;

  const items: PrerequisiteItem[] = data.prerequisites.map((prerequisite) => {
    const request = mayRequest ? requestFor(prerequisite, data) : null;
    const headingId = headingIdOf(prerequisite);
    let action: PrerequisiteItem["action"] = null;
    if (request) {
      action = (
        <RequestPrerequisite
          automationId={data.id}
          prerequisiteId={prerequisite.id}
          type={request.type}
          label={request.label}
          onRequested={(message) => {
            setAnnouncement(message);
            // The form is gone; put focus on the prerequisite whose status just changed.
            requestAnimationFrame(() => document.getElementById(headingId)?.focus());
          }}
        />
      );
    } else if (prerequisite.action?.kind === "EDIT_SYSTEM" && mayEdit) {
      action = (
        <Link href={editHref} className="text-sm font-medium text-brand-700 underline underline-offset-2">
          {prerequisite.action.label}
          <span className="sr-only"> — {prerequisiteTitle(prerequisite)}</span>
        </Link>
      );
    } else if (prerequisite.status === "REQUESTED" && active) {
      action = <WaitingForIt prerequisite={prerequisite} automation={data} isOwner={isOwner} me={me.data} />;
    } else if (prerequisite.action && active) {
      action = <p className="text-sm text-slate-700">Next step: {prerequisite.action.label}.</p>;
    } else if (
      mayReview &&
      prerequisite.satisfiedBy &&
      (prerequisite.basis === "DECLARED" || prerequisite.basis === "VERIFIED")
    ) {
      action = (
        <ReviewDeclaration
          automationId={data.id}
          prerequisiteId={prerequisite.id}
          declaration={prerequisite.satisfiedBy}
          title={prerequisiteTitle(prerequisite)}
          verified={prerequisite.basis === "VERIFIED"}
          onReviewed={(message) => {
            setAnnouncement(message);
            requestAnimationFrame(() => document.getElementById(headingId)?.focus());
          }}
        />
      );
    }
    return { ...prerequisite, key: prerequisite.id, headingId, action, basisNote: basisText(prerequisite) };
  });

  const outstanding = data.prerequisites.filter((p) => p.status !== "SATISFIED").length;
  const requests = data.requests ?? [];
  const history = data.history ?? [];

  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: "/automations", label: "My automations" }}
        title={data.name}
        headingRef={headingRef}
        badge={<AutomationStatusBadge status={data.status} />}
        summary={
          active && data.prerequisites.length > 0 ? (
            <span>
              {outstanding === 0
                ? "every prerequisite is in place"
                : `${outstanding} of ${data.prerequisites.length} prerequisites not yet in place`}
            </span>
          ) : null
        }
        actions={
          mayEdit || mayRetire ? (
            <>
              {mayEdit ? (
                <ButtonLink href={editHref} variant="primary">
                  Edit automation
                </ButtonLink>
              ) : null}
              {mayRetire ? (
                <RetireButton
                  id={data.id}
                  name={data.name}
                  version={data.version}
                  onRetired={() => {
                    setAnnouncement(`${data.name} was retired.`);
                    headingRef.current?.focus();
                  }}
                />
              ) : null}
            </>
          ) : null
        }
      >
        {data.description ? <p className="max-w-3xl text-slate-700">{data.description}</p> : null}
        <FactList
          facts={[
            { label: "Kind", value: KIND_LABELS[data.kind] },
            { label: "Run mode", value: RUN_MODE_LABELS[data.runMode] },
            { label: "Department", value: data.department?.name ?? "—" },
            {
              label: "Owner",
              value: data.owner ? (
                <>
                  {data.owner.name}
                  {data.owner.email ? <span className="block text-slate-600">{data.owner.email}</span> : null}
                </>
              ) : (
                "—"
              ),
            },
            { label: RUN_AS_TEXT[data.runMode].label, value: data.runAs || "Not declared" },
            data.kind === "DESKTOP_FLOW"
              ? {
                  label: "Where it runs",
                  value: data.machine ? (
                    <>
                      {data.machine}
                      <span className="block text-slate-600">
                        {data.windowsAccount
                          ? `as ${data.windowsAccount}${accountType(data.windowsAccountType)}`
                          : "Windows account not recorded"}
                      </span>
                    </>
                  ) : (
                    "Not recorded"
                  ),
                }
              : null,
            {
              label: data.retiredAt ? "Retired" : "Registered",
              value: formatDate(data.retiredAt ?? data.createdAt),
            },
            data.gateway
              ? {
                  label: "Gateway",
                  value: `${data.gateway.name}${data.gateway.status ? ` (${data.gateway.status.toLowerCase()})` : ""}`,
                }
              : null,
            ...inventoryFacts(data),
          ]}
        />
      </DetailHeader>

      <Announcement message={announcement} />

      <OwnerMissingNotice automation={data} onReassigned={setAnnouncement} />
      <ConfirmInferred automation={data} onConfirmed={setAnnouncement} />
      {data.inventory || data.findings.length > 0 ? (
        <DetailSection id="findings" heading={`Findings (${data.findings.length})`}>
          <FindingList findings={data.findings} />
        </DetailSection>
      ) : null}

      <DetailSection id="systems" heading="Systems">
        {data.systems.length === 0 ? (
          <EmptyState title="No systems recorded" />
        ) : (
          <SystemsTable systems={data.systems} />
        )}
      </DetailSection>

      <DetailSection id="prerequisites" heading="Prerequisites">
        {items.length === 0 ? (
          <EmptyState title="Nothing to set up">
            None of its systems needs a prerequisite before it can run.
          </EmptyState>
        ) : (
          <PrerequisiteList items={items} />
        )}
      </DetailSection>

      <DetailSection id="requests" heading="Requests">
        {requests.length === 0 ? (
          <EmptyState title="No requests yet">
            When a prerequisite needs IT — a shared-key connector or access to a gateway — request it above.
          </EmptyState>
        ) : (
          <RequestTable
            requests={requests}
            caption={`Requests for ${data.name}`}
            viewerId={me.data?.id ?? null}
          />
        )}
      </DetailSection>

      <DetailSection id="history" heading="History">
        <HistoryTimeline events={history} />
      </DetailSection>
    </div>
  );
}
