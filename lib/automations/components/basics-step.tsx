"use client";

import {
  type DraftBinding,
  DraftRadioGroup,
  DraftSelectField,
  DraftTextField,
} from "@/lib/automations/components/draft-fields";
import type { StepProps } from "@/lib/automations/components/step-props";
import { WhereItRuns } from "@/lib/automations/components/where-it-runs";
import { type AutomationDraft, LIMITS } from "@/lib/automations/form";
import { KIND_OPTIONS, RUN_AS_TEXT, RUN_MODE_OPTIONS } from "@/lib/automations/labels";

/** Step 1: what the automation does, what kind it is, how it runs, who runs it and (desktop flows) where. */
export function BasicsStep({
  draft,
  errors,
  editing: { change },
  departments,
  myDepartment,
}: Pick<StepProps, "draft" | "errors" | "editing" | "departments" | "myDepartment">) {
  const runAs = RUN_AS_TEXT[draft.runMode];
  // The maker's own department stays selectable even when the list could not be loaded.
  const options =
    myDepartment && !departments.items.some((d) => d.id === myDepartment.id)
      ? [myDepartment, ...departments.items]
      : [...departments.items];
  if (draft.departmentId && !options.some((d) => d.id === draft.departmentId)) {
    options.push({ id: draft.departmentId, name: departments.loading ? "Loading…" : "Current department" });
  }

  const bind: DraftBinding<AutomationDraft> = {
    value: draft,
    errors,
    change,
    at: (field) => field,
    named: true,
  };

  return (
    <div className="space-y-6">
      <DraftTextField
        bind={bind}
        field="name"
        label="Name"
        required
        hint="A short name people recognise, e.g. “Expense reporting”."
        max={LIMITS.name}
      />
      <DraftTextField
        bind={bind}
        field="description"
        label="What it does"
        showOptional
        hint="In a sentence or two: what it does, for whom, and with which systems."
        max={LIMITS.description}
        rows={3}
      />
      <DraftRadioGroup
        bind={bind}
        field="kind"
        label="What kind of automation is it?"
        required
        options={KIND_OPTIONS}
      />
      <DraftRadioGroup
        bind={bind}
        field="runMode"
        label="How does it run?"
        required
        options={RUN_MODE_OPTIONS}
      />
      <DraftSelectField
        bind={bind}
        field="departmentId"
        label="Department"
        options={options.map(({ id, name }) => ({
          value: id,
          label: myDepartment?.id === id ? `${name} (mine)` : name,
        }))}
        hint={
          departments.failed
            ? "The list of departments could not be loaded; your own department is used."
            : "The department it belongs to. Yours is chosen for you."
        }
      >
        {!myDepartment || !draft.departmentId ? (
          <option value="">
            {myDepartment ? `My department (${myDepartment.name})` : "Choose a department"}
          </option>
        ) : null}
      </DraftSelectField>
      <DraftTextField
        bind={bind}
        field="runAs"
        label={runAs.label}
        showOptional
        hint={runAs.hint}
        max={LIMITS.runAs}
        placeholder={runAs.placeholder}
      />

      {draft.kind === "DESKTOP_FLOW" ? <WhereItRuns bind={bind} /> : null}
    </div>
  );
}
