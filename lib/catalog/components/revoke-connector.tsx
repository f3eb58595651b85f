"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { BlastRadius } from "@/lib/catalog/components/blast-radius";
import type { ConnectorDetail } from "@/lib/catalog/contract";
import { useConnectorImpact, useRevokeConnector } from "@/lib/catalog/hooks";
import { CATALOG_LIMITS } from "@/lib/catalog/schemas";

/**
 * Revoke, behind a confirmation that first loads and shows what it would block, then asks
 * for the reason the affected makers are told.
 */
export function RevokeConnector({
  connector,
  onRevoked,
}: {
  connector: ConnectorDetail;
  onRevoked: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const impact = useConnectorImpact(connector.id, open);
  const revoke = useRevokeConnector(connector.id);
  const reasonId = `${useId()}-reason`;

  function close() {
    setOpen(false);
    setReason("");
    setReasonError(null);
    revoke.reset();
  }

  function confirm() {
    if (!impact.isSuccess) return;
    if (!reason.trim()) {
      setReasonError("Give the reason: the makers affected are told it");
      document.getElementById(reasonId)?.focus();
      return;
    }
    revoke.mutate(
      { reason: reason.trim(), version: connector.version },
      {
        onSuccess: () => {
          close();
          onRevoked(`${connector.name} was revoked. Its dependents were re-checked and their owners told.`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fields.reason) setReasonError(error.fields.reason);
        },
      },
    );
  }

  const failure = revoke.isError
    ? revoke.error instanceof ApiError && revoke.error.status === 409
      ? `${revoke.error.message} The page has been refreshed.`
      : errorMessage(revoke.error)
    : null;

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Revoke connector
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke “${connector.name}”?`}
        confirmLabel="Revoke connector"
        tone="danger"
        pending={revoke.isPending}
        error={failure}
        onCancel={close}
        onConfirm={confirm}
      >
        <BlastRadius change="Revoking this connector" impact={impact} />
        {impact.isSuccess ? (
          <Field
            id={reasonId}
            label="Reason"
            required
            hint="Told to the owners of the automations affected."
            limit={{ max: CATALOG_LIMITS.revokeReason, value: reason }}
            error={reasonError}
          >
            {(control) => (
              <TextArea
                {...control}
                rows={3}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  if (reasonError) setReasonError(null);
                }}
              />
            )}
          </Field>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
