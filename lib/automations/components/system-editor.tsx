"use client";

import { Button } from "@/components/ui/button";
import { Field, RadioGroup, TextInput } from "@/components/ui/field";
import { UsernamePasswordFields } from "@/lib/automations/components/credential-reference-fields";
import { SharedKeyFields } from "@/lib/automations/components/shared-key-fields";
import { type SystemFieldsProps, systemField } from "@/lib/automations/components/system-fields";
import { WindowsAccountFields } from "@/lib/automations/components/windows-account-fields";
import { LIMITS } from "@/lib/automations/form";
import { LOCATION_OPTIONS, SIGN_IN_OPTIONS } from "@/lib/automations/labels";

interface SystemEditorProps extends SystemFieldsProps {
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
  const { at, id } = systemField(index);
  const name = system.name.trim();
  const label = name ? `“${name}”` : `system ${index + 1}`;
  const headingId = `${id("heading")}`;
  const fields = { index, system, errors, change };

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <SystemHeading id={headingId} index={index} name={name} onRemove={onRemove} />

      <Field
        id={id("name")}
        label="Name of the system"
        required
        hint="e.g. Online banking, SAP, SharePoint"
        limit={{ max: LIMITS.system, value: system.name }}
        error={errors[at("name")]}
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            value={system.name}
            onChange={(event) => change({ name: event.target.value })}
          />
        )}
      </Field>

      <RadioGroup
        id={id("location")}
        name={`${id("location")}-radio`}
        legend={`Where does ${label} live?`}
        required
        columns={2}
        value={system.location}
        options={LOCATION_OPTIONS}
        error={errors[at("location")]}
        onChange={(location) => change({ location })}
      />

      <RadioGroup
        id={id("signInMethod")}
        name={`${id("signInMethod")}-radio`}
        legend={`How do you sign in to ${label} when you do this task by hand?`}
        required
        columns={2}
        value={system.signInMethod}
        options={SIGN_IN_OPTIONS}
        error={errors[at("signInMethod")]}
        onChange={(signInMethod) => change({ signInMethod })}
      />

      {system.signInMethod === "USERNAME_PASSWORD" ? (
        <UsernamePasswordFields {...fields} name={name} />
      ) : null}
      {system.signInMethod === "SHARED_KEY" ? <SharedKeyFields {...fields} label={label} /> : null}
      {system.signInMethod === "WINDOWS" ? (
        <WindowsAccountFields {...fields} machineGroupListId={machineGroupListId} />
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
