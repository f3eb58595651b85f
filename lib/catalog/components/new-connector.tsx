"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { CatalogForm, submitNew, useFormErrors } from "@/lib/catalog/components/catalog-form";
import { ConnectorApiFieldset } from "@/lib/catalog/components/connector-api-fields";
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
    const created = await submitNew(form, {
      errors: {
        ...checkConnector(draft, { withService: true }),
        ...checkConnectorApi(api, { required: false }),
      },
      save: () =>
        create.mutateAsync({
          ...toConnectorFields(draft),
          ...toOptionalConnectorApi(api),
          service: draft.service.trim().toLowerCase(),
        }),
    });
    if (created) router.push(`/catalog/connectors/${encodeURIComponent(created.id)}`);
  }

  return (
    <CatalogForm
      label="New connector"
      layout="page"
      submitText="Add connector"
      pendingText="Adding…"
      cancelHref="/catalog/connectors"
      pending={create.isPending}
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => connectorErrorTarget(idPrefix, field, draft)}
    >
      <ConnectorFields
        idPrefix={idPrefix}
        value={draft}
        onChange={setDraft}
        errors={form.errors}
        withService
      />
      <ConnectorApiFieldset idPrefix={idPrefix} value={api} onChange={setApi} errors={form.errors} />
    </CatalogForm>
  );
}
