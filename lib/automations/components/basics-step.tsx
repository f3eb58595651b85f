"use client";

import { Field, RadioGroup, Select, TextArea, TextInput } from "@/components/ui/field";
import { WhereItRuns } from "@/lib/automations/components/where-it-runs";
import { type AutomationDraft, controlId, type FieldErrors, LIMITS } from "@/lib/automations/form";
import { KIND_OPTIONS, RUN_AS_TEXT, RUN_MODE_OPTIONS } from "@/lib/automations/labels";
import type { NamedRef } from "@/lib/openapi/common";

interface BasicsStepProps {
  draft: AutomationDraft;
  errors: FieldErrors;
  change: (patch: Partial<AutomationDraft>) => void;
  departments: { items: NamedRef[]; loading: boolean; failed: boolean };
  myDepartment: NamedRef | null;
}

/** Step 1: what the automation does, what kind it is, how it runs, who runs it and (desktop flows) where. */
export function BasicsStep({ draft, errors, change, departments, myDepartment }: BasicsStepProps) {
  const runAs = RUN_AS_TEXT[draft.runMode];
  // The maker's own department stays selectable even when the list could not be loaded.
  const options =
    myDepartment && !departments.items.some((d) => d.id === myDepartment.id)
      ? [myDepartment, ...departments.items]
      : [...departments.items];
  if (draft.departmentId && !options.some((d) => d.id === draft.departmentId)) {
    options.push({ id: draft.departmentId, name: departments.loading ? "Loading…" : "Current department" });
  }

  return (
    <div className="space-y-6">
      <Field
        id={controlId("name")}
        label="Name"
        required
        hint="A short name people recognise, e.g. “Expense reporting”."
        limit={{ max: LIMITS.name, value: draft.name }}
        error={errors.name}
      >
        {(control) => (
          <TextInput
            {...control}
            name="name"
            autoComplete="off"
            value={draft.name}
            onChange={(event) => change({ name: event.target.value })}
          />
        )}
      </Field>

      <Field
        id={controlId("description")}
        label="What it does"
        showOptional
        hint="In a sentence or two: what it does, for whom, and with which systems."
        limit={{ max: LIMITS.description, value: draft.description }}
        error={errors.description}
      >
        {(control) => (
          <TextArea
            {...control}
            name="description"
            rows={3}
            value={draft.description}
            onChange={(event) => change({ description: event.target.value })}
          />
        )}
      </Field>

      <RadioGroup
        id={controlId("kind")}
        name="kind"
        legend="What kind of automation is it?"
        required
        columns={2}
        value={draft.kind}
        options={KIND_OPTIONS}
        error={errors.kind}
        onChange={(kind) => change({ kind })}
      />

      <RadioGroup
        id={controlId("runMode")}
        name="runMode"
        legend="How does it run?"
        required
        columns={2}
        value={draft.runMode}
        options={RUN_MODE_OPTIONS}
        error={errors.runMode}
        onChange={(runMode) => change({ runMode })}
      />

      <Field
        id={controlId("departmentId")}
        label="Department"
        hint={
          departments.failed
            ? "The list of departments could not be loaded; your own department is used."
            : "The department it belongs to. Yours is chosen for you."
        }
        error={errors.departmentId}
      >
        {(control) => (
          <Select
            {...control}
            name="departmentId"
            value={draft.departmentId}
            onChange={(event) => change({ departmentId: event.target.value })}
          >
            {!myDepartment || !draft.departmentId ? (
              <option value="">
                {myDepartment ? `My department (${myDepartment.name})` : "Choose a department"}
              </option>
            ) : null}
            {options.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
                {myDepartment?.id === department.id ? " (mine)" : ""}
              </option>
            ))}
          </Select>
        )}
      </Field>

      <Field
        id={controlId("runAs")}
        label={runAs.label}
        showOptional
        hint={runAs.hint}
        limit={{ max: LIMITS.runAs, value: draft.runAs }}
        error={errors.runAs}
      >
        {(control) => (
          <TextInput
            {...control}
            name="runAs"
            autoComplete="off"
            placeholder={runAs.placeholder}
            value={draft.runAs}
            onChange={(event) => change({ runAs: event.target.value })}
          />
        )}
      </Field>

      {draft.kind === "DESKTOP_FLOW" ? <WhereItRuns draft={draft} errors={errors} change={change} /> : null}
    </div>
  );
}
