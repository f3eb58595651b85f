"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { type FieldErrors, fieldsUnder, gatewayChanges, gatewayDraftOf } from "../forms";
import { type GatewayDetail, useUpdateGateway } from "../query";
import { GatewayFields } from "./gateway-fields";

/** Edits a gateway's name, cluster, host or region (its status changes on its own form). */
export function EditGateway({
  gateway,
  onDone,
  onCancel,
}: {
  gateway: GatewayDetail;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const idPrefix = `${useId()}-gateway`;
  const original = gatewayDraftOf(gateway);
  const [draft, setDraft] = useState(original);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const update = useUpdateGateway(gateway.id);

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { changes, errors: found } = gatewayChanges(original, draft);
    if (Object.keys(found).length > 0) return show(found, null);
    if (Object.keys(changes).length === 0) return show({}, "Nothing changed: edit a field, or cancel.");
    try {
      await update.mutateAsync({ version: gateway.version, ...changes });
      onDone(`Saved ${draft.name.trim() || gateway.name}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        return show(
          {},
          failure.hasFieldErrors
            ? failure.message
            : "Someone else changed this gateway meanwhile. The page shows their version: review it, then edit again.",
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
    ...Object.entries(errors).map(([field, message]) => ({ targetId: `${idPrefix}-${field}`, message })),
  ];

  return (
    <form noValidate onSubmit={submit} aria-label={`Edit ${gateway.name}`} className="space-y-4">
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <GatewayFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={errors} withKind={false} />
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
