"use client";

import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import type { StepProps } from "@/lib/automations/components/step-props";
import { SystemEditor } from "@/lib/automations/components/system-editor";
import { controlId } from "@/lib/automations/form";
import { useGateways } from "@/lib/catalog/hooks";

const MACHINE_GROUPS_LIST = "machine-group-options";

/** Step 2: every system the automation signs in to, and how. */
export function SystemsStep({
  draft,
  errors,
  editing: { changeSystem, addSystem, removeSystem },
  live: { derivation },
}: Pick<StepProps, "draft" | "errors" | "editing" | "live">) {
  const gateways = useGateways();
  const machineGroups = (gateways.data?.items ?? []).filter((g) => g.kind === "MACHINE_GROUP");
  const outstanding = derivation?.prerequisites.filter((p) => p.status !== "SATISFIED").length ?? 0;

  return (
    <div className="space-y-5">
      <p className="text-slate-700">
        Think of how you do this task by hand today: which systems do you open, and how do you sign in to
        each? Add each one — how it signs in decides what has to be in place before the automation can run.
      </p>
      <FieldError id={controlId("systems")} error={errors.systems} />
      {draft.systems.map((system, index) => (
        <SystemEditor
          key={system.uid}
          index={index}
          system={system}
          errors={errors}
          change={(patch) => changeSystem(index, patch)}
          onRemove={() => removeSystem(index)}
          machineGroupListId={machineGroups.length > 0 ? MACHINE_GROUPS_LIST : undefined}
        />
      ))}
      {machineGroups.length > 0 ? (
        <datalist id={MACHINE_GROUPS_LIST}>
          {machineGroups.map((group) => (
            <option key={group.id} value={group.name} />
          ))}
        </datalist>
      ) : null}
      <div>
        <Button
          id={controlId("systems")}
          variant="secondary"
          onClick={addSystem}
          aria-describedby={errors.systems ? `${controlId("systems")}-error` : undefined}
        >
          <span aria-hidden="true">+</span> Add a system
        </Button>
      </div>
      <p aria-live="polite" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
        {derivation
          ? derivation.prerequisites.length === 0
            ? "So far, nothing needs to be set up before it can run."
            : `So far it needs ${derivation.prerequisites.length} ${
                derivation.prerequisites.length === 1 ? "prerequisite" : "prerequisites"
              }, ${outstanding} not yet in place. The next step lists them.`
          : "Answer the kind and the run mode in step 1 to see what it needs."}
      </p>
    </div>
  );
}
