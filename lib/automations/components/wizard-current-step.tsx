"use client";

import type { Ref } from "react";
import { BasicsStep } from "@/lib/automations/components/basics-step";
import { PrerequisitesStep } from "@/lib/automations/components/prerequisites-step";
import { ReviewStep } from "@/lib/automations/components/review-step";
import { SystemsStep } from "@/lib/automations/components/systems-step";
import type { DraftEditing } from "@/lib/automations/components/use-draft-editing";
import { type AutomationDraft, type FieldErrors, STEPS, type StepIndex } from "@/lib/automations/form";
import type { LivePrerequisites } from "@/lib/automations/use-live-prerequisites";
import type { NamedRef } from "@/lib/openapi/common";

/** "Step n of 4" and the step's title, which takes focus on every step change. */
export function StepHeading({ step, ref }: { step: StepIndex; ref: Ref<HTMLHeadingElement> }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-600">
        Step {step + 1} of {STEPS.length}
      </p>
      <h2 id="wizard-step-heading" ref={ref} tabIndex={-1} className="text-xl font-semibold text-slate-900">
        {STEPS[step].title}
      </h2>
    </div>
  );
}

interface CurrentStepProps {
  mode: "create" | "edit";
  step: StepIndex;
  draft: AutomationDraft;
  errors: FieldErrors;
  editing: DraftEditing;
  departments: { items: NamedRef[]; loading: boolean; failed: boolean };
  myDepartment: NamedRef | null;
  live: LivePrerequisites;
  /** Shows the control of an API field path, on whichever step holds it. */
  showControl: (path: string) => void;
  goTo: (step: StepIndex) => void;
}

/** The fields of the step shown. */
export function CurrentStep({
  mode,
  step,
  draft,
  errors,
  editing,
  departments,
  myDepartment,
  live,
  showControl,
  goTo,
}: CurrentStepProps) {
  switch (step) {
    case 0:
      return (
        <BasicsStep
          draft={draft}
          errors={errors}
          change={editing.change}
          departments={departments}
          myDepartment={myDepartment}
        />
      );
    case 1:
      return (
        <SystemsStep
          draft={draft}
          errors={errors}
          changeSystem={editing.changeSystem}
          addSystem={editing.addSystem}
          removeSystem={editing.removeSystem}
          derivation={live.derivation}
        />
      );
    case 2:
      return (
        <PrerequisitesStep
          mode={mode}
          draft={draft}
          derivation={live.derivation}
          checkingCatalog={live.checkingCatalog}
          catalogFailed={live.catalogFailed}
          onFix={showControl}
        />
      );
    case 3:
      return (
        <ReviewStep
          draft={draft}
          derivation={live.derivation}
          departments={departments.items}
          myDepartment={myDepartment}
          onChangeStep={goTo}
        />
      );
  }
}
