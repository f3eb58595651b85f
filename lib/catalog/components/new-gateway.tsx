"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { CatalogForm, useFormErrors } from "@/lib/catalog/components/catalog-form";
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
    const found = checkGateway(draft);
    if (Object.keys(found).length > 0) return form.show(found, null);
    try {
      const created = await create.mutateAsync(toGatewayFields(draft));
      router.push(`/catalog/gateways/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      // A 409 here is a name already taken: its message says so.
      form.showFailure(failure, [409, 422]);
    }
  }

  return (
    <CatalogForm
      label="New gateway"
      layout="page"
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => (field === "kind" ? `${idPrefix}-kind-${draft.kind}` : `${idPrefix}-${field}`)}
      actions={
        <>
          <Button type="submit" pending={create.isPending} pendingText="Registering…">
            Register gateway
          </Button>
          <ButtonLink href="/catalog/gateways" variant="secondary">
            Cancel
          </ButtonLink>
        </>
      }
    >
      <GatewayFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={form.errors} />
    </CatalogForm>
  );
}
