"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { Field, TextArea } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { ConnectorApiFields } from "@/lib/catalog/components/connector-api-fields";
import { DataSourceFields } from "@/lib/catalog/components/data-source-fields";
import {
  checkConnectorApi,
  checkDataSource,
  EMPTY_CONNECTOR_API,
  EMPTY_DATA_SOURCE,
  type FieldErrors,
  toConnectorApi,
  toDataSource,
} from "@/lib/catalog/details-forms";
import { fieldsUnder } from "@/lib/catalog/forms";
import { useCreateRequest } from "@/lib/requests/hooks";
import type { CreateRequestBody, RequestType } from "@/lib/requests/schemas";
import { REQUEST_LIMITS } from "@/lib/requests/schemas";

interface RequestPrerequisiteProps {
  automationId: string;
  prerequisiteId: string;
  type: RequestType;
  /** "Request a connector for sap-erp", "Request access to a gateway". */
  label: string;
  /** Called once the request is filed, e.g. to move focus and announce it. */
  onRequested: (message: string) => void;
}

const INTRO: Record<RequestType, string> = {
  GATEWAY:
    "Tell IT which system inside the company network the automation reaches, so they can connect it through a gateway.",
  SHARED_KEY_CONNECTOR:
    "Tell IT which API the automation calls and what it needs, so they can set up a key that does no more than that. Never paste the key itself: IT keeps it in a vault.",
};

/**
 * The action of a prerequisite IT provides: a short form with what IT needs to act — the data
 * source behind a gateway, or the API behind a shared-key connector — and the justification.
 */
export function RequestPrerequisite({
  automationId,
  prerequisiteId,
  type,
  label,
  onRequested,
}: RequestPrerequisiteProps) {
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const [dataSource, setDataSource] = useState(EMPTY_DATA_SOURCE);
  const [api, setApi] = useState(EMPTY_CONNECTOR_API);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const create = useCreateRequest();
  const formId = useId();
  const ids = { justification: `${formId}-justification`, details: `${formId}-details` };
  const summaryRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) focusControl(`${ids.details}-${type === "GATEWAY" ? "type" : "vendor"}`);
  }, [open, ids.details, type]);

  function close() {
    setOpen(false);
    setErrors({});
    setGeneral(null);
    requestAnimationFrame(() => openerRef.current?.focus());
  }

  function check(): FieldErrors {
    const found: FieldErrors = {};
    const details =
      type === "GATEWAY" ? checkDataSource(dataSource) : checkConnectorApi(api, { required: true });
    for (const [field, message] of Object.entries(details)) found[`details.${field}`] = message;
    if (!justification.trim())
      found.justification = "Say why the automation needs it — IT reads this when deciding";
    return found;
  }

  function body(): CreateRequestBody {
    const common = { automationId, prerequisiteId, justification: justification.trim() };
    return type === "GATEWAY"
      ? { type, ...common, details: toDataSource(dataSource) }
      : { type, ...common, details: toConnectorApi(api) };
  }

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit() {
    const found = check();
    if (Object.keys(found).length > 0) return show(found, null);
    setErrors({});
    setGeneral(null);
    try {
      await create.mutateAsync(body());
      setOpen(false);
      setJustification("");
      setDataSource(EMPTY_DATA_SOURCE);
      setApi(EMPTY_CONNECTOR_API);
      onRequested(
        `Request sent: ${label.replace(/^Request /, "")}. IT will decide; the decision shows here.`,
      );
    } catch (failure) {
      if (failure instanceof ApiError && failure.hasFieldErrors) {
        show(failure.fields, failure.status === 422 ? failure.message : null);
      } else {
        show({}, errorMessage(failure));
      }
    }
  }

  /** The control an error path leads to: "details.baseUrl" → its input. */
  function targetOf(path: string): string | null {
    const [head, field] = path.split(".");
    if (head === "justification") return ids.justification;
    if (head === "details")
      return field ? `${ids.details}-${field}` : `${ids.details}-${type === "GATEWAY" ? "type" : "vendor"}`;
    return null;
  }

  if (!open) {
    return (
      <Button ref={openerRef} size="sm" onClick={() => setOpen(true)} aria-expanded={false}>
        {label}
      </Button>
    );
  }

  const summary: SummaryError[] = [
    ...(general ? [{ targetId: null, message: general }] : []),
    ...Object.entries(errors).map(([path, message]) => ({ targetId: targetOf(path), message })),
  ];
  const detailErrors = fieldsUnder(errors, "details");

  return (
    <form
      id={formId}
      noValidate
      aria-label={label}
      className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <p className="text-sm text-slate-700">{INTRO[type]}</p>
      <fieldset className="space-y-4 rounded-md border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-semibold text-slate-900">
          {type === "GATEWAY" ? "The system behind the gateway" : "The API the connector calls"}
        </legend>
        {type === "GATEWAY" ? (
          <DataSourceFields
            idPrefix={ids.details}
            value={dataSource}
            onChange={setDataSource}
            errors={detailErrors}
          />
        ) : (
          <ConnectorApiFields
            idPrefix={ids.details}
            value={api}
            onChange={setApi}
            errors={detailErrors}
            required
          />
        )}
      </fieldset>
      <Field
        id={ids.justification}
        label="Justification"
        required
        hint="Why the automation needs it. IT reads this when deciding."
        limit={{ max: REQUEST_LIMITS.justification, value: justification }}
        error={errors.justification}
      >
        {(control) => (
          <TextArea
            {...control}
            rows={3}
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
          />
        )}
      </Field>
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
