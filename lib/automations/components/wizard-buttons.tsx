"use client";

import { Button } from "@/components/ui/button";
import type { StepIndex } from "@/lib/automations/form";

interface WizardButtonsProps {
  step: StepIndex;
  submitting: boolean;
  submitLabel: string;
  pendingText: string;
  onBack: () => void;
}

/** Back (from the second step on), and Next, or the submit button on the last step. */
export function WizardButtons({ step, submitting, submitLabel, pendingText, onBack }: WizardButtonsProps) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
      {step > 0 ? (
        <Button variant="secondary" onClick={onBack} disabled={submitting}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {step < 3 ? (
        <Button type="submit">Next</Button>
      ) : (
        <Button type="submit" pending={submitting} pendingText={pendingText}>
          {submitLabel}
        </Button>
      )}
    </div>
  );
}
