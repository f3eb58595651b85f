"use client";

import { type ReactNode, useRef, useState } from "react";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { type FieldErrors, fieldsUnder } from "../forms";

// What the connector and gateway forms (new and edit) share: the error summary that takes
// focus, field errors linked to their controls, and the server's answer mapped onto both.

/** The errors a catalog form shows: beside each field, and in the summary that takes focus. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  /**
   * A failed save: field errors from the server beside their fields (with its message on the
   * statuses in `messageOn`, where it says more than the fields do), anything else in the summary.
   */
  function showFailure(failure: unknown, messageOn: ReadonlyArray<number> = [422]) {
    if (failure instanceof ApiError && failure.hasFieldErrors) {
      return show(fieldsUnder(failure.fields), messageOn.includes(failure.status) ? failure.message : null);
    }
    show({}, errorMessage(failure));
  }

  return { errors, general, summaryRef, show, showFailure };
}

interface CatalogFormProps {
  /** The form's accessible name. */
  label: string;
  /** "page": the form is the page's content, on a card of its own; "inline": inside an edit section. */
  layout: "page" | "inline";
  onSubmit: () => void;
  form: ReturnType<typeof useFormErrors>;
  /** The id of the control a field's error leads to. */
  errorTarget: (field: string) => string;
  /** The submit and cancel buttons. */
  actions: ReactNode;
  children: ReactNode;
}

export function CatalogForm({
  label,
  layout,
  onSubmit,
  form,
  errorTarget,
  actions,
  children,
}: CatalogFormProps) {
  const summary: SummaryError[] = [
    ...(form.general ? [{ targetId: null, message: form.general }] : []),
    ...Object.entries(form.errors).map(([field, message]) => ({ targetId: errorTarget(field), message })),
  ];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      aria-label={label}
      className={
        layout === "page"
          ? "max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          : "space-y-4"
      }
    >
      <ErrorSummary
        ref={form.summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      {children}
      <div className="flex flex-wrap gap-2">{actions}</div>
    </form>
  );
}

/** The edit form of a catalog entry, in place of its facts. */
export function EditSection({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby="edit-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="edit-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}
