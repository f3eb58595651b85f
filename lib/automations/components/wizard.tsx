"use client";

import { ErrorSummary } from "@/components/ui/error-summary";
import { useWizardSteps } from "@/lib/automations/components/use-wizard-steps";
import { WizardButtons } from "@/lib/automations/components/wizard-buttons";
import { CurrentStep, StepHeading } from "@/lib/automations/components/wizard-current-step";
import { WizardStepNav } from "@/lib/automations/components/wizard-step-nav";
import type { AutomationDraft, StepIndex } from "@/lib/automations/form";
import { useLivePrerequisites } from "@/lib/automations/use-live-prerequisites";
import type { EngineInput } from "@/lib/domain/types";
import type { NamedRef } from "@/lib/openapi/common";

export interface WizardProps {
  mode: "create" | "edit";
  draft: AutomationDraft;
  update: (updater: (draft: AutomationDraft) => AutomationDraft) => void;
  myDepartment: NamedRef | null;
  departments: { items: NamedRef[]; loading: boolean; failed: boolean };
  /** For the edit form: the gateway and requests the automation has, for the live preview. */
  preview?: { gateway?: EngineInput["gateway"]; requests?: EngineInput["requests"] };
  submitLabel: string;
  pendingText: string;
  submitting: boolean;
  /** Sends the draft. Throws an ApiError on failure; its `fields` land next to their controls. */
  onSubmit: (draft: AutomationDraft) => Promise<void>;
  /** Every step may be opened from the start (the edit form). */
  allStepsOpen?: boolean;
  /** Focus the first step's heading on mount (after the draft was replaced). */
  initialFocus?: boolean;
}

/**
 * The registration form in four steps. Keyboard first: native controls, Enter moves on,
 * focus goes to the step heading on every step change and to the error summary when
 * something needs fixing; each summary entry leads to its control, on whichever step.
 */
export function AutomationWizard({
  mode,
  draft,
  update,
  myDepartment,
  departments,
  preview,
  submitLabel,
  pendingText,
  submitting,
  onSubmit,
  allStepsOpen = false,
  initialFocus = false,
}: WizardProps) {
  const wizard = useWizardSteps({
    draft,
    update,
    departmentRequired: !myDepartment,
    submitting,
    onSubmit,
    allStepsOpen,
    initialFocus,
  });
  const live = useLivePrerequisites(draft, {
    fallbackDepartmentId: myDepartment?.id ?? "",
    gateway: preview?.gateway,
    requests: preview?.requests,
  });
  const { step, goTo } = wizard;

  return (
    <div className="space-y-6">
      <WizardStepNav step={step} visited={wizard.visited} onGoTo={goTo} />
      <ErrorSummary ref={wizard.summaryRef} errors={wizard.summary} onSelect={wizard.selectSummaryError} />
      <form
        noValidate
        onSubmit={wizard.onFormSubmit}
        className="space-y-6"
        aria-labelledby="wizard-step-heading"
      >
        <StepHeading step={step} ref={wizard.headingRef} />
        <CurrentStep
          mode={mode}
          step={step}
          draft={draft}
          errors={wizard.errors}
          editing={wizard.editing}
          departments={departments}
          myDepartment={myDepartment}
          live={live}
          showControl={wizard.showControl}
          goTo={goTo}
        />
        <WizardButtons
          step={step}
          submitting={submitting}
          submitLabel={submitLabel}
          pendingText={pendingText}
          onBack={() => goTo((step - 1) as StepIndex)}
        />
      </form>
      <p aria-live="polite" className="sr-only">
        {wizard.editing.announcement}
      </p>
    </div>
  );
}
