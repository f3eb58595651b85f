"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { useCreateRequest } from "@/lib/requests/hooks";
import type { RequestType } from "@/lib/requests/schemas";

interface RequestPrerequisiteProps {
  automationId: string;
  prerequisiteId: string;
  type: RequestType;
  /** "Request a connector for sap-erp", "Request access to a gateway". */
  label: string;
  /** Called once the request is filed, e.g. to move focus and announce it. */
  onRequested: (message: string) => void;
}

/** The one-click action of a prerequisite IT provides: a short form with the justification. */
export function RequestPrerequisite({
  automationId,
  prerequisiteId,
  type,
  label,
  onRequested,
}: RequestPrerequisiteProps) {
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const create = useCreateRequest();
  const formId = useId();
  const fieldId = `${formId}-justification`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) textareaRef.current?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    setError(null);
    setGeneral(null);
    requestAnimationFrame(() => openerRef.current?.focus());
  }

  async function submit() {
    const text = justification.trim();
    if (!text) {
      setError("Say why the automation needs it — IT reads this when deciding");
      textareaRef.current?.focus();
      return;
    }
    setError(null);
    setGeneral(null);
    try {
      await create.mutateAsync({ type, automationId, prerequisiteId, justification: text });
      setOpen(false);
      setJustification("");
      onRequested(
        `Request sent: ${label.replace(/^Request /, "")}. IT will decide; the decision shows here.`,
      );
    } catch (failure) {
      if (failure instanceof ApiError && failure.fields.justification) {
        setError(failure.fields.justification);
        textareaRef.current?.focus();
      } else {
        setGeneral(errorMessage(failure));
      }
    }
  }

  if (!open) {
    return (
      <Button ref={openerRef} size="sm" onClick={() => setOpen(true)} aria-expanded={false}>
        {label}
      </Button>
    );
  }

  return (
    <form
      id={formId}
      noValidate
      aria-label={label}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <Field
        id={fieldId}
        label="Justification"
        required
        hint="Why the automation needs it. IT reads this when deciding."
        error={error}
      >
        {(control) => (
          <TextArea
            {...control}
            ref={textareaRef}
            rows={3}
            maxLength={2000}
            value={justification}
            onChange={(event) => {
              setJustification(event.target.value);
              if (error) setError(null);
            }}
          />
        )}
      </Field>
      {general ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {general}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" pending={create.isPending} pendingText="Sending…">
          Send request
        </Button>
        <Button variant="secondary" size="sm" onClick={close} disabled={create.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
