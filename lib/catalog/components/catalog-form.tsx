"use client";

import { type ReactNode, useRef, useState } from "react";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { type FieldErrors, fieldsUnder } from "@/lib/catalog/forms";

// What the connector and gateway forms (new and edit) share: the error summary that takes
// focus, field errors linked to their controls, the server's answer mapped onto both, and
// the page's switch between the entry's facts and its edit form.

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

interface EditSubmission {
  /** What the draft changes, and what is wrong with it, as the feature's forms module works them out. */
  changes: object;
  errors: FieldErrors;
  save: () => Promise<unknown>;
  /** What to say to a 409: mostly that someone else saved first. */
  conflict: (failure: ApiError) => string;
}

/** Submits an edit: the draft's own errors, "nothing changed", the save and its failure. True once saved. */
export async function submitEdit(
  form: ReturnType<typeof useFormErrors>,
  { changes, errors, save, conflict }: EditSubmission,
): Promise<boolean> {
  const invalid = Object.keys(errors).length > 0;
  if (invalid || Object.keys(changes).length === 0) {
    form.show(errors, invalid ? null : "Nothing changed: edit a field, or cancel.");
    return false;
  }
  try {
    await save();
    return true;
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 409) form.show({}, conflict(failure));
    else form.showFailure(failure);
    return false;
  }
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

/**
 * A catalog entry's page edits in place: a save closes the form, says what was saved and puts
 * focus on the heading; a cancel puts it back on the edit button.
 */
export function useEditInPlace() {
  const [editing, setEditing] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  const announce = (message: string) => {
    setAnnouncement(message);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  return {
    editing,
    announcement,
    headingRef,
    editButtonRef,
    announce,
    edit: () => setEditing(true),
    cancel: () => {
      setEditing(false);
      requestAnimationFrame(() => editButtonRef.current?.focus());
    },
    done: (message: string) => {
      setEditing(false);
      announce(message);
    },
  };
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
