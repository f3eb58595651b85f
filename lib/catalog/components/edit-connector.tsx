"use client";

import { useId, useState } from "react";
import { CatalogForm, submitEdit, useFormErrors } from "@/lib/catalog/components/catalog-form";
import { ConnectorApiFieldset } from "@/lib/catalog/components/connector-api-fields";
import { ConnectorFields, connectorErrorTarget } from "@/lib/catalog/components/connector-fields";
import type { ConnectorDetail } from "@/lib/catalog/contract";
import { connectorApiChanges, connectorApiDraftOf } from "@/lib/catalog/details-forms";
import { connectorChanges, connectorDraftOf } from "@/lib/catalog/forms";
import { useUpdateConnector } from "@/lib/catalog/hooks";

/** Edits a connector's name, team, key reference, expiry (a rotated key), sharing or the API it calls. */
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
  const originalApi = connectorApiDraftOf(connector);
  const [api, setApi] = useState(originalApi);
  const form = useFormErrors();
  const update = useUpdateConnector(connector.id);

  async function submit() {
    const key = connectorChanges(original, draft);
    const calls = connectorApiChanges(originalApi, api);
    const changes = { ...key.changes, ...calls.changes };
    const errors = { ...key.errors, ...calls.errors };
    const saved = await submitEdit(form, {
      changes,
      errors,
      save: () => update.mutateAsync({ version: connector.version, ...changes }),
      conflict: () =>
        "Someone else changed this connector meanwhile. The page shows their version: review it, then edit again.",
    });
    if (saved) onDone(`Saved ${draft.name.trim() || connector.name}.`);
  }

  return (
    <CatalogForm
      label={`Edit ${connector.name}`}
      layout="inline"
      onCancel={onCancel}
      pending={update.isPending}
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => connectorErrorTarget(idPrefix, field, draft)}
    >
      <ConnectorFields idPrefix={idPrefix} value={draft} onChange={setDraft} errors={form.errors} />
      <ConnectorApiFieldset idPrefix={idPrefix} value={api} onChange={setApi} errors={form.errors} />
    </CatalogForm>
  );
}
