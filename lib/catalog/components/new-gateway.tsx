"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { CatalogForm, submitNew, useFormErrors } from "@/lib/catalog/components/catalog-form";
import { GatewayFields } from "@/lib/catalog/components/gateway-fields";
import { checkGateway, EMPTY_GATEWAY, toGatewayFields } from "@/lib/catalog/forms";
import { useCreateGateway } from "@/lib/catalog/hooks";

/** Registers an on-premises data gateway or machine group in the catalog. */
export function NewGatewayForm() {
  const router = useRouter();
  const idPrefix = `${useId()}-gateway`;
  const [draft, setDraft] = useState(EMPTY_GATEWAY);
  const form = useFormErrors();
  const create = useCreateGateway();

  async function submit() {
    const created = await submitNew(form, {
      errors: checkGateway(draft),
      save: () => create.mutateAsync(toGatewayFields(draft)),
      // A 409 here is a name already taken: its message says so.
      messageOn: [409, 422],
    });
    if (created) router.push(`/catalog/gateways/${encodeURIComponent(created.id)}`);
  }

  return (
    <CatalogForm
      label="New gateway"
      layout="page"
      submitText="Register gateway"
      pendingText="Registering…"
      cancelHref="/catalog/gateways"
      pending={create.isPending}
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => (field === "kind" ? `${idPrefix}-kind-${draft.kind}` : `${idPrefix}-${field}`)}
    >
      <GatewayFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={form.errors} />
    </CatalogForm>
  );
}
