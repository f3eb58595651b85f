"use client";

import { STEPS, type StepIndex } from "@/lib/automations/form";

interface WizardStepNavProps {
  step: StepIndex;
  visited: StepIndex;
  onGoTo: (step: StepIndex) => void;
}

const ITEM = "flex w-full items-start gap-2 rounded-md border px-3 py-2 text-left text-sm";

/** The four steps: the current one marked, the ones reached so far as buttons back to them. */
export function WizardStepNav({ step, visited, onGoTo }: WizardStepNavProps) {
  return (
    <nav aria-label="Steps">
      <ol className="flex flex-wrap gap-2 sm:grid sm:grid-cols-4">
        {STEPS.map((s, index) => {
          const i = index as StepIndex;
          return (
            <li key={s.id} className={i === step ? "min-w-0 flex-1 sm:flex-none" : ""}>
              {i === step ? (
                <span
                  aria-current="step"
                  className={`${ITEM} border-brand-600 bg-brand-50 font-semibold text-brand-900`}
                >
                  <StepLabel index={i} step={step} visited={visited} />
                </span>
              ) : i <= visited ? (
                <button
                  type="button"
                  onClick={() => onGoTo(i)}
                  className={`${ITEM} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
                >
                  <StepLabel index={i} step={step} visited={visited} />
                </button>
              ) : (
                <span className={`${ITEM} border-slate-200 bg-white text-slate-600`}>
                  <StepLabel index={i} step={step} visited={visited} />
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** A step's number (a tick once done) and title. */
function StepLabel({ index, step, visited }: { index: StepIndex; step: StepIndex; visited: StepIndex }) {
  const current = index === step;
  return (
    <>
      <span
        aria-hidden="true"
        className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
          current
            ? "bg-brand-700 text-white"
            : index <= visited
              ? "bg-slate-200 text-slate-900"
              : "bg-slate-100 text-slate-600"
        }`}
      >
        {index < step || (index <= visited && !current) ? "✓" : index + 1}
      </span>
      {/* On a phone only the current step's title shows; the others are numbered chips. */}
      <span className={current ? "" : "sr-only sm:not-sr-only"}>
        <span className="sr-only">Step {index + 1}: </span>
        {STEPS[index].title}
      </span>
    </>
  );
}
