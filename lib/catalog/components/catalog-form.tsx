"use client";

import { type ReactNode, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { Panel } from "@/components/ui/panel";
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

/** Submits a new entry: the draft's own errors, then the save and its failure. The saved entry, or null. */
export async function submitNew<T>(
  form: ReturnType<typeof useFormErrors>,
  {
    errors,
    save,
    messageOn,
  }: { errors: FieldErrors; save: () => Promise<T>; messageOn?: ReadonlyArray<number> },
): Promise<T | null> {
  if (Object.keys(errors).length > 0) {
    form.show(errors, null);
    return null;
  }
  try {
    return await save();
  } catch (failure) {
    form.showFailure(failure, messageOn);
    return null;
  }
}

/**
 * "page": a new entry, the form the page's content on a card of its own, cancelling back to the
 * list; "inline": an edit inside the entry's edit section, cancelling back to its facts.
 */
type CatalogFormLayout =
  | { layout: "page"; submitText: string; pendingText: string; cancelHref: string }
  | { layout: "inline"; onCancel: () => void };

type CatalogFormProps = CatalogFormLayout & {
  /** The form's accessible name. */
  label: string;
  onSubmit: () => void;
  /** While saving: the submit button says so, and an edit cannot be cancelled. */
  pending: boolean;
  form: ReturnType<typeof useFormErrors>;
  /** The id of the control a field's error leads to. */
  errorTarget: (field: string) => string;
  children: ReactNode;
};

function CatalogFormActions({ pending, ...props }: CatalogFormLayout & { pending: boolean }) {
  if (props.layout === "page") {
    return (
      <>
        <Button type="submit" pending={pending} pendingText={props.pendingText}>
          {props.submitText}
        </Button>
        <ButtonLink href={props.cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </>
    );
  }
  return (
    <>
      <Button type="submit" pending={pending} pendingText="Saving…">
        Save changes
      </Button>
      <Button variant="secondary" onClick={props.onCancel} disabled={pending}>
        Cancel
      </Button>
    </>
  );
}

export function CatalogForm({ label, onSubmit, form, errorTarget, children, ...actions }: CatalogFormProps) {
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
        actions.layout === "page"
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
      <div className="flex flex-wrap gap-2">
        <CatalogFormActions {...actions} />
      </div>
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
    <Panel id="edit" heading={heading} className="space-y-3 shadow-sm">
      {children}
    </Panel>
  );
}
