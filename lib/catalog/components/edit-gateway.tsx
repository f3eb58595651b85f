"use client";

import { useId, useState } from "react";
import { CatalogForm, submitEdit, useFormErrors } from "@/lib/catalog/components/catalog-form";
import { DataSourceListEditor } from "@/lib/catalog/components/data-source-list-editor";
import { GatewayFields } from "@/lib/catalog/components/gateway-fields";
import type { GatewayDetail } from "@/lib/catalog/contract";
import { gatewayChanges, gatewayDraftOf } from "@/lib/catalog/forms";
import { useUpdateGateway } from "@/lib/catalog/hooks";

/** Edits a gateway's name, cluster, host, region or data sources (its status changes on its own form). */
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
  const [dataSources, setDataSources] = useState(gateway.dataSources);
  const form = useFormErrors();
  const update = useUpdateGateway(gateway.id);

  async function submit() {
    const edited = gatewayChanges(original, draft);
    const errors = edited.errors;
    const changes = {
      ...edited.changes,
      ...(JSON.stringify(dataSources) !== JSON.stringify(gateway.dataSources) ? { dataSources } : {}),
    };
    const saved = await submitEdit(form, {
      changes,
      errors,
      save: () => update.mutateAsync({ version: gateway.version, ...changes }),
      conflict: (failure) =>
        failure.hasFieldErrors
          ? failure.message
          : "Someone else changed this gateway meanwhile. The page shows their version: review it, then edit again.",
    });
    if (saved) onDone(`Saved ${draft.name.trim() || gateway.name}.`);
  }

  return (
    <CatalogForm
      label={`Edit ${gateway.name}`}
      layout="inline"
      onCancel={onCancel}
      pending={update.isPending}
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => `${idPrefix}-${field}`}
    >
      <GatewayFields
        idPrefix={idPrefix}
        value={draft}
        onChange={setDraft}
        errors={form.errors}
        withKind={false}
      />
      <DataSourceListEditor
        idPrefix={idPrefix}
        value={dataSources}
        onChange={setDataSources}
        error={form.errors.dataSources}
      />
    </CatalogForm>
  );
}
