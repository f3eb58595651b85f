"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import type { StepProps } from "@/lib/automations/components/step-props";
import type { AutomationDraft, StepIndex, SystemDraft } from "@/lib/automations/form";
import {
  KIND_LABELS,
  LOCATION_LABELS,
  RUN_AS_TEXT,
  RUN_MODE_LABELS,
  SIGN_IN_LABELS,
  STORE_LABELS,
  WINDOWS_ACCOUNT_OPTIONS,
} from "@/lib/automations/labels";

function systemDetails(system: SystemDraft): string {
  switch (system.signInMethod) {
    case "USERNAME_PASSWORD":
      if (system.sso) return "Single sign-on";
      return system.credentialStore && system.credentialName.trim()
        ? `Credential in ${STORE_LABELS[system.credentialStore]}: ${system.credentialName.trim()}${
            system.credentialOwner.trim() ? `, owner ${system.credentialOwner.trim()}` : ""
          }${system.credentialRotatesAt ? `, rotates ${system.credentialRotatesAt}` : ""}${
            system.credentialRotatedAt ? `, rotated ${system.credentialRotatedAt}` : ""
          }`
        : "Credential reference not recorded yet";
    case "SHARED_KEY":
      return system.service.trim() ? `Service ${system.service.trim()}` : "No service named";
    case "WINDOWS": {
      const type = WINDOWS_ACCOUNT_OPTIONS.find((o) => o.value === system.windowsAccountType)?.label;
      const parts = [
        system.machineGroup.trim() ? `on ${system.machineGroup.trim()}` : "machine not recorded",
        system.windowsAccount.trim() ? `as ${system.windowsAccount.trim()}` : "account not recorded",
        type ? `(${type.toLowerCase()})` : "",
      ];
      return parts.filter(Boolean).join(" ");
    }
    default:
      return "";
  }
}

/** A desktop flow's machine and Windows account, as answered so far. */
function whereItRuns(draft: AutomationDraft): string {
  const type = WINDOWS_ACCOUNT_OPTIONS.find((o) => o.value === draft.windowsAccountType)?.label;
  const parts = [
    draft.machine.trim() ? `On ${draft.machine.trim()}` : "Machine not recorded yet",
    draft.windowsAccount.trim() ? `as ${draft.windowsAccount.trim()}` : "Windows account not recorded yet",
    type ? `(${type.toLowerCase()})` : "",
  ];
  return parts.filter(Boolean).join(", ").replace(", (", " (");
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-900">{term}</dt>
      <dd className="text-sm text-slate-700 sm:col-span-2">{children}</dd>
    </div>
  );
}

interface ChangeButtonProps {
  step: StepIndex;
  what: string;
  verb?: string;
  onChangeStep: (step: StepIndex) => void;
}

function ChangeButton({ step, what, verb = "Change", onChangeStep }: ChangeButtonProps) {
  return (
    <Button variant="ghost" size="sm" className="px-0" onClick={() => onChangeStep(step)}>
      {verb}
      <span className="sr-only"> {what}</span>
    </Button>
  );
}

/** Step 4: everything the maker answered, one last time before it is sent. */
export function ReviewStep({
  draft,
  live: { derivation },
  departments,
  myDepartment,
  goTo: onChangeStep,
}: Pick<StepProps, "draft" | "live" | "departments" | "myDepartment" | "goTo">) {
  const department =
    departments.items.find((d) => d.id === draft.departmentId)?.name ??
    (myDepartment && (!draft.departmentId || draft.departmentId === myDepartment.id)
      ? `${myDepartment.name} (mine)`
      : draft.departmentId
        ? "Chosen department"
        : "My department");
  const prerequisites = derivation?.prerequisites ?? [];
  const inPlace = prerequisites.filter((p) => p.status === "SATISFIED").length;

  return (
    <div className="space-y-6">
      <section aria-labelledby="review-basics" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-center justify-between gap-2">
          <h3 id="review-basics" className="font-semibold">
            The automation
          </h3>
          <ChangeButton step={0} what="what the automation does" onChangeStep={onChangeStep} />
        </div>
        <dl className="mt-2 divide-y divide-slate-100">
          <Row term="Name">{draft.name.trim() || "—"}</Row>
          <Row term="What it does">{draft.description.trim() || "—"}</Row>
          <Row term="Kind">{draft.kind ? KIND_LABELS[draft.kind] : "—"}</Row>
          <Row term="Run mode">{draft.runMode ? RUN_MODE_LABELS[draft.runMode] : "—"}</Row>
          <Row term="Department">{department}</Row>
          <Row term={RUN_AS_TEXT[draft.runMode].label}>{draft.runAs.trim() || "Not declared yet"}</Row>
          {draft.kind === "DESKTOP_FLOW" ? <Row term="Where it runs">{whereItRuns(draft)}</Row> : null}
        </dl>
      </section>

      <section aria-labelledby="review-systems" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-center justify-between gap-2">
          <h3 id="review-systems" className="font-semibold">
            Systems ({draft.systems.length})
          </h3>
          <ChangeButton step={1} what="the systems" onChangeStep={onChangeStep} />
        </div>
        {draft.systems.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No systems yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {draft.systems.map((system, index) => (
              <li key={system.uid} className="py-2 text-sm">
                <p className="font-medium text-slate-900">{system.name.trim() || `System ${index + 1}`}</p>
                <p className="text-slate-700">
                  {system.location ? LOCATION_LABELS[system.location] : "Location not chosen"} ·{" "}
                  {system.signInMethod ? SIGN_IN_LABELS[system.signInMethod] : "Sign-in not chosen"}
                  {systemDetails(system) ? ` · ${systemDetails(system)}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section
        aria-labelledby="review-prerequisites"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex items-center justify-between gap-2">
          <h3 id="review-prerequisites" className="font-semibold">
            What it needs
          </h3>
          <ChangeButton step={2} verb="Show" what="the prerequisites" onChangeStep={onChangeStep} />
        </div>
        {derivation ? (
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <AutomationStatusBadge status={derivation.status} />
            {prerequisites.length === 0
              ? "Nothing to set up first."
              : `${prerequisites.length} ${prerequisites.length === 1 ? "prerequisite" : "prerequisites"}, ${inPlace} in place.`}
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-700">
            Not known until the kind and the run mode are answered.
          </p>
        )}
      </section>
    </div>
  );
}
