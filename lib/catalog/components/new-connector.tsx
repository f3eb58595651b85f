"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { CatalogForm, useFormErrors } from "@/lib/catalog/components/catalog-form";
import { ConnectorApiFields } from "@/lib/catalog/components/connector-api-fields";
import { ConnectorFields, connectorErrorTarget } from "@/lib/catalog/components/connector-fields";
import { checkConnectorApi, EMPTY_CONNECTOR_API, toOptionalConnectorApi } from "@/lib/catalog/details-forms";
import { checkConnector, EMPTY_CONNECTOR, toConnectorFields } from "@/lib/catalog/forms";
import { useCreateConnector } from "@/lib/catalog/hooks";

/** Records a shared key IT set up; automations of its service are satisfied at once. */
export function NewConnectorForm() {
  const router = useRouter();
  const idPrefix = `${useId()}-connector`;
  const [draft, setDraft] = useState(EMPTY_CONNECTOR);
  const [api, setApi] = useState(EMPTY_CONNECTOR_API);
  const form = useFormErrors();
  const create = useCreateConnector();

  async function submit() {
    const found = {
      ...checkConnector(draft, { withService: true }),
      ...checkConnectorApi(api, { required: false }),
    };
    if (Object.keys(found).length > 0) return form.show(found, null);
    try {
      const created = await create.mutateAsync({
        ...toConnectorFields(draft),
        ...toOptionalConnectorApi(api),
        service: draft.service.trim().toLowerCase(),
      });
      router.push(`/catalog/connectors/${encodeURIComponent(created.id)}`);
    } catch (failure) {
      form.showFailure(failure);
    }
  }

  return (
    <CatalogForm
      label="New connector"
      layout="page"
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => connectorErrorTarget(idPrefix, field, draft)}
      actions={
        <>
          <Button type="submit" pending={create.isPending} pendingText="Adding…">
            Add connector
          </Button>
          <ButtonLink href="/catalog/connectors" variant="secondary">
            Cancel
          </ButtonLink>
        </>
      }
    >
      <ConnectorFields
        idPrefix={idPrefix}
        value={draft}
        onChange={setDraft}
        errors={form.errors}
        withService
      />
      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-base font-semibold text-slate-900">The API it calls</legend>
        <ConnectorApiFields
          idPrefix={idPrefix}
          value={api}
          onChange={setApi}
          errors={form.errors}
          required={false}
        />
      </fieldset>
    </CatalogForm>
  );
}
