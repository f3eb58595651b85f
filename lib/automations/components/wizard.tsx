"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError } from "@/lib/api-client";
import { BasicsStep } from "@/lib/automations/components/basics-step";
import { PrerequisitesStep } from "@/lib/automations/components/prerequisites-step";
import { ReviewStep } from "@/lib/automations/components/review-step";
import { SystemsStep } from "@/lib/automations/components/systems-step";
import {
  type AutomationDraft,
  clearErrors,
  controlId,
  emptySystem,
  type FieldErrors,
  orderedErrors,
  placeServerErrors,
  STEPS,
  type StepIndex,
  type SystemDraft,
  shiftSystemErrors,
  stepOfPath,
  systemPaths,
  validateStep,
} from "@/lib/automations/form";
import { useLivePrerequisites } from "@/lib/automations/use-live-prerequisites";
import type { EngineInput } from "@/lib/domain/types";
import type { NamedRef } from "@/lib/openapi/common";

type FocusRequest = { kind: "heading" } | { kind: "summary" } | { kind: "control"; id: string };

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
  const [step, setStep] = useState<StepIndex>(0);
  const [visited, setVisited] = useState<StepIndex>(allStepsOpen ? 3 : 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(
    initialFocus ? { kind: "heading" } : null,
  );
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const live = useLivePrerequisites(draft, {
    fallbackDepartmentId: myDepartment?.id ?? "",
    gateway: preview?.gateway,
    requests: preview?.requests,
  });

  // Focus moves after the new step has rendered.
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.kind === "summary") summaryRef.current?.focus();
    else if (focusRequest.kind === "control") {
      if (!focusControl(focusRequest.id)) headingRef.current?.focus();
    } else headingRef.current?.focus();
    setFocusRequest(null);
  }, [focusRequest]);

  const departmentRequired = !myDepartment;

  function goTo(next: StepIndex, focus: FocusRequest = { kind: "heading" }) {
    setStep(next);
    setVisited((v) => (next > v ? next : v));
    setFocusRequest(focus);
  }

  function change(patch: Partial<AutomationDraft>) {
    update((current) => ({ ...current, ...patch }));
    setErrors((current) => clearErrors(current, ...Object.keys(patch)));
  }

  function changeSystem(index: number, patch: Partial<SystemDraft>) {
    update((current) => ({
      ...current,
      systems: current.systems.map((system, i) => (i === index ? { ...system, ...patch } : system)),
    }));
    const touched = Object.keys(patch) as Array<keyof SystemDraft>;
    // A new sign-in method shows other fields: the old method's errors no longer apply.
    const paths =
      patch.signInMethod !== undefined || patch.sso !== undefined
        ? [`systems.${index}`]
        : systemPaths(index, touched);
    setErrors((current) => clearErrors(current, ...paths));
  }

  function addSystem() {
    const index = draft.systems.length;
    update((current) => ({ ...current, systems: [...current.systems, emptySystem()] }));
    setErrors((current) => clearErrors(current, "systems"));
    setAnnouncement(`System ${index + 1} added.`);
    setFocusRequest({ kind: "control", id: controlId(`systems.${index}.name`) });
  }

  function removeSystem(index: number) {
    const removed = draft.systems[index];
    update((current) => ({ ...current, systems: current.systems.filter((_, i) => i !== index) }));
    setErrors((current) => {
      const shifted = shiftSystemErrors(current, index);
      const { systems: _removed, ...rest } = shifted;
      return rest;
    });
    setAnnouncement(`System ${index + 1}${removed?.name.trim() ? ` (${removed.name.trim()})` : ""} removed.`);
    setFocusRequest({ kind: "control", id: controlId("systems") });
  }

  function stepErrors(index: StepIndex): FieldErrors {
    return validateStep(index, draft, { departmentRequired });
  }

  function showProblems(next: FieldErrors, messages: string[], atStep: StepIndex) {
    setErrors(next);
    setGeneral(messages);
    goTo(atStep, { kind: "summary" });
  }

  function nextStep() {
    const found = stepErrors(step);
    // Keep the errors of other steps (e.g. from the server); replace this step's.
    const others = Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfPath(path) !== step));
    if (Object.keys(found).length > 0) {
      showProblems({ ...others, ...found }, [], step);
      return;
    }
    setErrors(others);
    setGeneral([]);
    goTo(Math.min(step + 1, 3) as StepIndex);
  }

  async function submit() {
    const found = { ...stepErrors(0), ...stepErrors(1) };
    const first = orderedErrors(found, draft)[0];
    if (first) {
      showProblems(found, [], stepOfPath(first[0]));
      return;
    }
    setGeneral([]);
    try {
      await onSubmit(draft);
    } catch (error) {
      if (error instanceof ApiError && error.hasFieldErrors) {
        const placed = placeServerErrors(error.fields, draft);
        const firstPlaced = orderedErrors(placed.errors, draft)[0];
        const messages = placed.general.length > 0 || !firstPlaced ? [error.message, ...placed.general] : [];
        showProblems(placed.errors, messages, firstPlaced ? stepOfPath(firstPlaced[0]) : 3);
      } else if (error instanceof ApiError && error.status === 409) {
        // The caller shows the conflict; nothing to place on the form.
        return;
      } else {
        showProblems(
          errors,
          [error instanceof Error ? error.message : "Something went wrong. Try again."],
          step,
        );
      }
    }
  }

  function onFormSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (step < 3) nextStep();
    else void submit();
  }

  function showControl(path: string) {
    goTo(stepOfPath(path), { kind: "control", id: controlId(path) });
  }

  const summary: SummaryError[] = [
    ...general.map((message) => ({ targetId: null, message })),
    ...orderedErrors(errors, draft).map(([path, message]) => ({ targetId: controlId(path), message })),
  ];
  const pathByControl = new Map(Object.keys(errors).map((path) => [controlId(path), path]));

  return (
    <div className="space-y-6">
      <nav aria-label="Steps">
        <ol className="flex flex-wrap gap-2 sm:grid sm:grid-cols-4">
          {STEPS.map((s, index) => {
            const i = index as StepIndex;
            const base = "flex w-full items-start gap-2 rounded-md border px-3 py-2 text-left text-sm";
            const number = (
              <span
                aria-hidden="true"
                className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                  i === step
                    ? "bg-brand-700 text-white"
                    : i <= visited
                      ? "bg-slate-200 text-slate-900"
                      : "bg-slate-100 text-slate-600"
                }`}
              >
                {i < step || (i <= visited && i !== step) ? "✓" : index + 1}
              </span>
            );
            // On a phone only the current step's title shows; the others are numbered chips.
            const text = (
              <span className={i === step ? "" : "sr-only sm:not-sr-only"}>
                <span className="sr-only">Step {index + 1}: </span>
                {s.title}
              </span>
            );
            return (
              <li key={s.id} className={i === step ? "min-w-0 flex-1 sm:flex-none" : ""}>
                {i === step ? (
                  <span
                    aria-current="step"
                    className={`${base} border-brand-600 bg-brand-50 font-semibold text-brand-900`}
                  >
                    {number}
                    {text}
                  </span>
                ) : i <= visited ? (
                  <button
                    type="button"
                    onClick={() => goTo(i)}
                    className={`${base} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
                  >
                    {number}
                    {text}
                  </button>
                ) : (
                  <span className={`${base} border-slate-200 bg-white text-slate-600`}>
                    {number}
                    {text}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => {
          const path = error.targetId ? pathByControl.get(error.targetId) : undefined;
          if (path) showControl(path);
        }}
      />

      <form noValidate onSubmit={onFormSubmit} className="space-y-6" aria-labelledby="wizard-step-heading">
        <div>
          <p className="text-sm font-medium text-slate-600">
            Step {step + 1} of {STEPS.length}
          </p>
          <h2
            id="wizard-step-heading"
            ref={headingRef}
            tabIndex={-1}
            className="text-xl font-semibold text-slate-900"
          >
            {STEPS[step].title}
          </h2>
        </div>

        {step === 0 ? (
          <BasicsStep
            draft={draft}
            errors={errors}
            change={change}
            departments={departments}
            myDepartment={myDepartment}
          />
        ) : null}
        {step === 1 ? (
          <SystemsStep
            draft={draft}
            errors={errors}
            changeSystem={changeSystem}
            addSystem={addSystem}
            removeSystem={removeSystem}
            derivation={live.derivation}
          />
        ) : null}
        {step === 2 ? (
          <PrerequisitesStep
            mode={mode}
            draft={draft}
            derivation={live.derivation}
            checkingCatalog={live.checkingCatalog}
            catalogFailed={live.catalogFailed}
            onFix={showControl}
          />
        ) : null}
        {step === 3 ? (
          <ReviewStep
            draft={draft}
            derivation={live.derivation}
            departments={departments.items}
            myDepartment={myDepartment}
            onChangeStep={(s) => goTo(s)}
          />
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => goTo((step - 1) as StepIndex)} disabled={submitting}>
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
      </form>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
