"use client";

import { Button } from "@/components/ui/button";
import { UsernamePasswordFields } from "@/lib/automations/components/credential-reference-fields";
import { DraftRadioGroup, DraftTextField } from "@/lib/automations/components/draft-fields";
import { SharedKeyFields } from "@/lib/automations/components/shared-key-fields";
import { systemBinding, systemField } from "@/lib/automations/components/system-fields";
import { WindowsAccountFields } from "@/lib/automations/components/windows-account-fields";
import { type FieldErrors, LIMITS, type SystemDraft } from "@/lib/automations/form";
import { LOCATION_OPTIONS, SIGN_IN_OPTIONS } from "@/lib/automations/labels";

interface SystemEditorProps {
  index: number;
  system: SystemDraft;
  errors: FieldErrors;
  change: (patch: Partial<SystemDraft>) => void;
  onRemove: () => void;
  /** Id of a <datalist> of known machine groups. */
  machineGroupListId?: string;
}

/** One system the automation signs in to: where it lives and how it signs in. */
export function SystemEditor({
  index,
  system,
  errors,
  change,
  onRemove,
  machineGroupListId,
}: SystemEditorProps) {
  const bind = systemBinding(index, system, errors, change);
  const name = system.name.trim();
  const label = name ? `“${name}”` : `system ${index + 1}`;
  const headingId = systemField(index).id("heading");

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <SystemHeading id={headingId} index={index} name={name} onRemove={onRemove} />

      <DraftTextField
        bind={bind}
        field="name"
        label="Name of the system"
        required
        hint="e.g. Online banking, SAP, SharePoint"
        max={LIMITS.system}
      />
      <DraftRadioGroup
        bind={bind}
        field="location"
        label={`Where does ${label} live?`}
        required
        options={LOCATION_OPTIONS}
      />
      <DraftRadioGroup
        bind={bind}
        field="signInMethod"
        label={`How do you sign in to ${label} when you do this task by hand?`}
        required
        options={SIGN_IN_OPTIONS}
      />

      {system.signInMethod === "USERNAME_PASSWORD" ? (
        <UsernamePasswordFields bind={bind} name={name} />
      ) : null}
      {system.signInMethod === "SHARED_KEY" ? (
        <SharedKeyFields index={index} bind={bind} label={label} />
      ) : null}
      {system.signInMethod === "WINDOWS" ? (
        <WindowsAccountFields bind={bind} machineGroupListId={machineGroupListId} />
      ) : null}
    </section>
  );
}

/** "System n: name", with the button that removes it. */
function SystemHeading({
  id,
  index,
  name,
  onRemove,
}: {
  id: string;
  index: number;
  name: string;
  onRemove: () => void;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <h3 id={id} tabIndex={-1} className="text-base font-semibold text-slate-900">
        System {index + 1}
        {name ? `: ${name}` : ""}
      </h3>
      <Button variant="secondary" size="sm" onClick={onRemove}>
        Remove
        <span className="sr-only">
          {" "}
          system {index + 1}
          {name ? ` (${name})` : ""}
        </span>
      </Button>
    </div>
  );
}
