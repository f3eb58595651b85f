"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { connectorChanges, connectorDraftOf, type FieldErrors, fieldsUnder } from "../forms";
import { type ConnectorDetail, useUpdateConnector } from "../query";
import { ConnectorFields, connectorErrorTarget } from "./connector-fields";

/** Edits a connector's name, team, key reference, expiry (a rotated key) or sharing. */
export function EditConnector({
  connector,
  onDone,
  onCancel,
}: {
  connector: ConnectorDetail;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const idPrefix = `${useId()}-connector`;
  const original = connectorDraftOf(connector);
  const [draft, setDraft] = useState(original);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const update = useUpdateConnector(connector.id);

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { changes, errors: found } = connectorChanges(original, draft);
    if (Object.keys(found).length > 0) return show(found, null);
    if (Object.keys(changes).length === 0) return show({}, "Nothing changed: edit a field, or cancel.");
    try {
      await update.mutateAsync({ version: connector.version, ...changes });
      onDone(`Saved ${draft.name.trim() || connector.name}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        return show(
          {},
          "Someone else changed this connector meanwhile. The page shows their version: review it, then edit again.",
        );
      }
      if (failure instanceof ApiError && failure.hasFieldErrors) {
        return show(fieldsUnder(failure.fields), failure.status === 422 ? failure.message : null);
      }
      show({}, errorMessage(failure));
    }
  }

  const summary: SummaryError[] = [
    ...(general ? [{ targetId: null, message: general }] : []),
    ...Object.entries(errors).map(([field, message]) => ({
      targetId: connectorErrorTarget(idPrefix, field, draft),
      message,
    })),
  ];

  return (
    <form noValidate onSubmit={submit} aria-label={`Edit ${connector.name}`} className="space-y-4">
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <ConnectorFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={errors} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={update.isPending} pendingText="Saving…">
          Save changes
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
