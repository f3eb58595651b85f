"use client";

import type { ReactNode, Ref } from "react";
import { BasicsStep } from "@/lib/automations/components/basics-step";
import { PrerequisitesStep } from "@/lib/automations/components/prerequisites-step";
import { ReviewStep } from "@/lib/automations/components/review-step";
import type { StepProps } from "@/lib/automations/components/step-props";
import { SystemsStep } from "@/lib/automations/components/systems-step";
import { STEPS, type StepIndex } from "@/lib/automations/form";

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

/** The steps in order: each takes what the wizard gives it. */
const STEP_VIEWS: Record<StepIndex, (props: StepProps) => ReactNode> = [
  BasicsStep,
  SystemsStep,
  PrerequisitesStep,
  ReviewStep,
];

/** The fields of the step shown. */
export function CurrentStep({ step, ...props }: StepProps & { step: StepIndex }) {
  const View = STEP_VIEWS[step];
  return <View {...props} />;
}
