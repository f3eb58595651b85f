"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { checkConnector, EMPTY_CONNECTOR, type FieldErrors, fieldsUnder, toConnectorFields } from "../forms";
import { useCreateConnector } from "../query";
import { ConnectorFields, connectorErrorTarget } from "./connector-fields";

/** Records a shared key IT set up; automations of its service are satisfied at once. */
export function NewConnectorForm() {
  const router = useRouter();
  const idPrefix = `${useId()}-connector`;
  const [draft, setDraft] = useState(EMPTY_CONNECTOR);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const create = useCreateConnector();

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkConnector(draft, { withService: true });
    if (Object.keys(found).length > 0) return show(found, null);
    try {
      const created = await create.mutateAsync({
        ...toConnectorFields(draft),
        service: draft.service.trim().toLowerCase(),
      });
      router.push(`/catalog/connectors/${encodeURIComponent(created.id)}`);
    } catch (failure) {
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
    <form
      noValidate
      onSubmit={submit}
      aria-label="New connector"
      className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <ConnectorFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={errors} withService />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={create.isPending} pendingText="Adding…">
          Add connector
        </Button>
        <ButtonLink href="/catalog/connectors" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
