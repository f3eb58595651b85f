import { type FormEvent, useEffect, useRef, useState } from "react";
import { focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError } from "@/lib/api-client";
import { useDraftEditing } from "@/lib/automations/components/use-draft-editing";
import {
  type AutomationDraft,
  controlId,
  type FieldErrors,
  orderedErrors,
  placeServerErrors,
  type StepIndex,
  stepOfPath,
  validateStep,
} from "@/lib/automations/form";

type FocusRequest = { kind: "heading" } | { kind: "summary" } | { kind: "control"; id: string };

interface WizardStepsOptions {
  draft: AutomationDraft;
  update: (updater: (draft: AutomationDraft) => AutomationDraft) => void;
  /** The maker has no department of their own, so the form asks for one. */
  departmentRequired: boolean;
  submitting: boolean;
  onSubmit: (draft: AutomationDraft) => Promise<void>;
  allStepsOpen: boolean;
  initialFocus: boolean;
}

/**
 * The wizard's state: the current step and the furthest one reached, the problems shown,
 * and where focus goes after each change. Enter moves on a step; on the last it submits.
 */
export function useWizardSteps(options: WizardStepsOptions) {
  const { draft, departmentRequired, submitting, onSubmit } = options;
  const navigation = useStepNavigation(options.allStepsOpen, options.initialFocus);
  const { step, goTo, requestFocus } = navigation;
  const problems = useProblems(draft, navigation);
  const { errors, setErrors, setGeneral, showProblems } = problems;
  const editing = useDraftEditing({
    draft,
    update: options.update,
    setErrors,
    focusControlLater: (id) => requestFocus({ kind: "control", id }),
  });

  const stepErrors = (index: StepIndex) => validateStep(index, draft, { departmentRequired });

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
      problems.showSubmitError(error, step);
    }
  }

  function onFormSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (step < 3) nextStep();
    else void submit();
  }

  const { visited, headingRef, summaryRef, showControl } = navigation;
  const { summary, selectSummaryError } = problems;
  return {
    step,
    visited,
    goTo,
    showControl,
    headingRef,
    summaryRef,
    errors,
    summary,
    selectSummaryError,
    onFormSubmit,
    editing,
  };
}

/** The step shown, the furthest step opened, and focus after each move. */
function useStepNavigation(allStepsOpen: boolean, initialFocus: boolean) {
  const [step, setStep] = useState<StepIndex>(0);
  const [visited, setVisited] = useState<StepIndex>(allStepsOpen ? 3 : 0);
  const [focusRequest, requestFocus] = useState<FocusRequest | null>(
    initialFocus ? { kind: "heading" } : null,
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  // Focus moves after the new step has rendered.
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.kind === "summary") summaryRef.current?.focus();
    else if (focusRequest.kind === "control") {
      if (!focusControl(focusRequest.id)) headingRef.current?.focus();
    } else headingRef.current?.focus();
    requestFocus(null);
  }, [focusRequest]);

  function goTo(next: StepIndex, focus: FocusRequest = { kind: "heading" }) {
    setStep(next);
    setVisited((v) => (next > v ? next : v));
    requestFocus(focus);
  }

  /** Shows the control of a field path, on whichever step holds it. */
  function showControl(path: string) {
    goTo(stepOfPath(path), { kind: "control", id: controlId(path) });
  }

  return { step, visited, goTo, showControl, requestFocus, headingRef, summaryRef };
}

type Navigation = ReturnType<typeof useStepNavigation>;

/**
 * The problems shown: field errors next to their controls and messages about the whole
 * form, with the error summary listing both (general messages first).
 */
function useProblems(draft: AutomationDraft, { goTo, showControl }: Navigation) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);

  function showProblems(next: FieldErrors, messages: string[], atStep: StepIndex) {
    setErrors(next);
    setGeneral(messages);
    goTo(atStep, { kind: "summary" });
  }

  /** A failed submit: the server's field errors go next to their controls. */
  function showSubmitError(error: unknown, atStep: StepIndex) {
    if (error instanceof ApiError && error.hasFieldErrors) {
      const placed = placeServerErrors(error.fields, draft);
      const first = orderedErrors(placed.errors, draft)[0];
      const messages = placed.general.length > 0 || !first ? [error.message, ...placed.general] : [];
      showProblems(placed.errors, messages, first ? stepOfPath(first[0]) : 3);
    } else if (error instanceof ApiError && error.status === 409) {
      // The caller shows the conflict; nothing to place on the form.
      return;
    } else {
      showProblems(
        errors,
        [error instanceof Error ? error.message : "Something went wrong. Try again."],
        atStep,
      );
    }
  }

  const summary: SummaryError[] = [
    ...general.map((message) => ({ targetId: null, message })),
    ...orderedErrors(errors, draft).map(([path, message]) => ({ targetId: controlId(path), message })),
  ];
  const pathByControl = new Map(Object.keys(errors).map((path) => [controlId(path), path]));
  function selectSummaryError(error: SummaryError) {
    const path = error.targetId ? pathByControl.get(error.targetId) : undefined;
    if (path) showControl(path);
  }

  return { errors, setErrors, setGeneral, showProblems, showSubmitError, summary, selectSummaryError };
}
