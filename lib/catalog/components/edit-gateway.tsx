"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { gatewayChanges, gatewayDraftOf } from "../forms";
import { type GatewayDetail, useUpdateGateway } from "../query";
import { CatalogForm, useFormErrors } from "./catalog-form";
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
  const form = useFormErrors();
  const update = useUpdateGateway(gateway.id);

  async function submit() {
    const { changes, errors: found } = gatewayChanges(original, draft);
    if (Object.keys(found).length > 0) return form.show(found, null);
    if (Object.keys(changes).length === 0) return form.show({}, "Nothing changed: edit a field, or cancel.");
    try {
      await update.mutateAsync({ version: gateway.version, ...changes });
      onDone(`Saved ${draft.name.trim() || gateway.name}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        return form.show(
          {},
          failure.hasFieldErrors
            ? failure.message
            : "Someone else changed this gateway meanwhile. The page shows their version: review it, then edit again.",
        );
      }
      form.showFailure(failure);
    }
  }

  return (
    <CatalogForm
      label={`Edit ${gateway.name}`}
      layout="inline"
      onSubmit={() => void submit()}
      form={form}
      errorTarget={(field) => `${idPrefix}-${field}`}
      actions={
        <>
          <Button type="submit" pending={update.isPending} pendingText="Saving…">
            Save changes
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={update.isPending}>
            Cancel
          </Button>
        </>
      }
    >
      <GatewayFields
        idPrefix={idPrefix}
        value={draft}
        onChange={setDraft}
        errors={form.errors}
        withKind={false}
      />
    </CatalogForm>
  );
}
