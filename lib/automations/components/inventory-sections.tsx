"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/api-client";
import { NewOwnerPicker } from "@/lib/automations/components/new-owner-picker";
import type { Automation, Finding } from "@/lib/automations/contract";
import { useConfirmAutomation, useReassignAutomations } from "@/lib/automations/hooks";
import { formatDate } from "@/lib/automations/labels";
import type { ChosenPerson } from "@/lib/directory/components/person-picker";

// What an inventory import brought to an automation's page: where it came from, its findings,
// and the owner's one-click confirmation of the sign-in methods it inferred.

const SOURCE_LABELS: Record<NonNullable<Automation["inventory"]>["source"], string> = {
  COE: "a CoE Starter Kit export",
  POWERSHELL: "an admin PowerShell export",
  PREFLIGHT_CSV: "Preflight's CSV template",
  LIVE_SYNC: "the live sync",
};

const SEVERITY_TONES = { HIGH: "danger", MEDIUM: "warning", LOW: "neutral" } as const;

export function inventoryFacts(automation: Automation) {
  const origin = automation.inventory;
  if (!origin) return [];
  return [
    {
      label: "Imported from",
      value: (
        <>
          {SOURCE_LABELS[origin.source]}
          <span className="block text-slate-600">environment {origin.environmentId}</span>
        </>
      ),
    },
    {
      label: origin.notSeenSince ? "Not seen since" : "Last seen in the tenant",
      value: formatDate(origin.notSeenSince ?? origin.lastSeenAt),
    },
  ];
}

export function OwnerMissingNotice({
  automation,
  onReassigned,
}: {
  automation: Automation;
  onReassigned: (message: string) => void;
}) {
  if (!automation.ownerMissing) return null;
  return (
    <Alert tone="warning" title="No active owner">
      <p>
        {automation.ownerMissing === "LEFT"
          ? `${automation.owner.name} has left. `
          : `${automation.owner.name}, its owner in the tenant, has no account in Preflight yet. `}
        Its department&apos;s manager assigns it to someone who does.
      </p>
      <ReassignOwner automation={automation} onReassigned={onReassigned} />
    </Alert>
  );
}

export function ConfirmInferred({
  automation,
  onConfirmed,
}: {
  automation: Automation;
  onConfirmed: (message: string) => void;
}) {
  const confirm = useConfirmAutomation(automation.id);
  if (!automation.permissions.confirm) return null;
  const inferred = automation.systems.filter((system) => system.inferred).length;
  return (
    <Alert tone="info" title="How it signs in was inferred from the tenant">
      <p>
        {inferred === 1 ? "One system's sign-in method was" : `${inferred} systems' sign-in methods were`}{" "}
        read from the tenant. If they are right, confirm them; if not, edit the automation.
      </p>
      {confirm.error ? <p role="alert">{errorMessage(confirm.error)}</p> : null}
      <Button
        size="sm"
        pending={confirm.isPending}
        onClick={() =>
          confirm.mutate(
            { version: automation.version },
            { onSuccess: () => onConfirmed("The sign-in methods are confirmed.") },
          )
        }
      >
        Confirm how it signs in
      </Button>
    </Alert>
  );
}

export function FindingList({ findings }: { findings: ReadonlyArray<Finding> }) {
  if (findings.length === 0)
    return <p className="text-sm text-slate-700">Nothing found: the tenant matches.</p>;
  return (
    <ul className="space-y-3">
      {findings.map((finding) => (
        <li
          key={finding.id}
          className="rounded-md border border-slate-200 bg-white p-3"
          data-finding={finding.kind}
        >
          <p className="font-medium">
            <Badge tone={SEVERITY_TONES[finding.severity]} value={finding.severity}>
              {finding.severity.toLowerCase()}
            </Badge>{" "}
            {finding.label} <span className="text-sm font-normal text-slate-600">({finding.category})</span>
          </p>
          <p className="mt-1 text-sm text-slate-700">{finding.message}</p>
          <p className="mt-1 text-xs text-slate-600">Found {formatDate(finding.firstSeenAt)}</p>
        </li>
      ))}
    </ul>
  );
}

/** Their department's manager (or an ADMIN) gives an automation without an active owner to someone. */
export function ReassignOwner({
  automation,
  onReassigned,
}: {
  automation: Automation;
  onReassigned: (message: string) => void;
}) {
  const reassign = useReassignAutomations();
  const [chosen, setChosen] = useState<ChosenPerson | null>(null);
  const [missing, setMissing] = useState(false);
  if (!automation.ownerMissing || !automation.permissions.reassign) return null;
  const error = missing
    ? "Choose the new owner."
    : reassign.error instanceof ApiError
      ? (reassign.error.fields.ownerEmail ?? reassign.error.message)
      : null;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) {
          setMissing(true);
          return;
        }
        reassign.mutate(
          { automationIds: [automation.id], ownerEmail: chosen.email },
          { onSuccess: (answer) => onReassigned(`${answer.owner.name} now owns ${automation.name}.`) },
        );
      }}
    >
      <NewOwnerPicker
        id="reassign-owner"
        hint="An active person; they are told."
        required
        owner={chosen}
        error={error}
        onChange={(person) => {
          setChosen(person);
          if (person) setMissing(false);
        }}
      />
      <Button type="submit" pending={reassign.isPending}>
        Make them the owner
      </Button>
    </form>
  );
}
