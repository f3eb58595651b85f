"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorSummary, focusControl, type SummaryError } from "@/components/ui/error-summary";
import { ApiError, errorMessage } from "@/lib/api-client";
import { checkGateway, EMPTY_GATEWAY, type FieldErrors, fieldsUnder, toGatewayFields } from "../forms";
import { useCreateGateway } from "../query";
import { GatewayFields } from "./gateway-fields";

/** Registers an on-premises data gateway or machine group in the catalog. */
export function NewGatewayForm() {
  const router = useRouter();
  const idPrefix = `${useId()}-gateway`;
  const [draft, setDraft] = useState(EMPTY_GATEWAY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const create = useCreateGateway();

  function show(found: FieldErrors, message: string | null) {
    setErrors(found);
    setGeneral(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkGateway(draft);
    if (Object.keys(found).length > 0) return show(found, null);
    try {
      const created = await create.mutateAsync(toGatewayFields(draft));
      router.push(`/catalog/gateways/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.hasFieldErrors) {
        return show(
          fieldsUnder(failure.fields),
          failure.status === 409 || failure.status === 422 ? failure.message : null,
        );
      }
      show({}, errorMessage(failure));
    }
  }

  const summary: SummaryError[] = [
    ...(general ? [{ targetId: null, message: general }] : []),
    ...Object.entries(errors).map(([field, message]) => ({
      targetId: field === "kind" ? `${idPrefix}-kind-${draft.kind}` : `${idPrefix}-${field}`,
      message,
    })),
  ];

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-label="New gateway"
      className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <ErrorSummary
        ref={summaryRef}
        errors={summary}
        onSelect={(error) => error.targetId && focusControl(error.targetId)}
      />
      <GatewayFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={errors} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={create.isPending} pendingText="Registering…">
          Register gateway
        </Button>
        <ButtonLink href="/catalog/gateways" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
