"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api-client";
import { BlastRadius } from "@/lib/catalog/components/blast-radius";
import type { GatewayDetail } from "@/lib/catalog/contract";
import { useGatewayImpact, useUpdateGateway } from "@/lib/catalog/hooks";
import { GATEWAY_STATUS_BADGES } from "@/lib/catalog/labels";
import { GATEWAY_STATUSES, type GatewayStatus } from "@/lib/domain/types";

const CHANGE_TEXT: Record<GatewayStatus, string> = {
  ONLINE: "Bringing this gateway online",
  OFFLINE: "Taking this gateway offline",
  DECOMMISSIONED: "Decommissioning this gateway",
};

/**
 * Changes a gateway's status behind a confirmation; going OFFLINE or DECOMMISSIONED first
 * loads and shows the automations it would block.
 */
export function GatewayStatusChange({
  gateway,
  onChanged,
}: {
  gateway: GatewayDetail;
  onChanged: (message: string) => void;
}) {
  const selectId = `${useId()}-status`;
  const [target, setTarget] = useState<GatewayStatus | "">("");
  const [open, setOpen] = useState(false);
  const [selectError, setSelectError] = useState<string | null>(null);
  const impact = useGatewayImpact(gateway.id, open && target ? target : null);
  const update = useUpdateGateway(gateway.id);
  const choices = GATEWAY_STATUSES.filter((status) => status !== gateway.status);
  const needsImpact = target === "OFFLINE" || target === "DECOMMISSIONED";

  function close() {
    setOpen(false);
    update.reset();
  }

  function confirm() {
    if (!target || (needsImpact && !impact.isSuccess)) return;
    update.mutate(
      { version: gateway.version, status: target },
      {
        onSuccess: () => {
          close();
          setTarget("");
          onChanged(`${gateway.name} is now ${GATEWAY_STATUS_BADGES[target].label.toLowerCase()}.`);
        },
      },
    );
  }

  const failure = update.isError
    ? update.error instanceof ApiError && update.error.status === 409
      ? "Someone else changed this gateway meanwhile. The page has been refreshed: check it, then try again."
      : errorMessage(update.error)
    : null;

  return (
    <form
      aria-label="Change the gateway's status"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) {
          setSelectError("Choose the new status");
          return;
        }
        setSelectError(null);
        setOpen(true);
      }}
    >
      <Field id={selectId} label="New status" error={selectError} className="w-56">
        {(control) => (
          <Select
            {...control}
            value={target}
            onChange={(event) => {
              setTarget(event.target.value as GatewayStatus | "");
              setSelectError(null);
            }}
          >
            <option value="">Choose…</option>
            {choices.map((status) => (
              <option key={status} value={status}>
                {GATEWAY_STATUS_BADGES[status].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" variant="secondary">
        Change status
      </Button>
      <ConfirmDialog
        open={open}
        title={
          target
            ? `Make “${gateway.name}” ${GATEWAY_STATUS_BADGES[target].label.toLowerCase()}?`
            : "Change status?"
        }
        confirmLabel={
          target ? `Yes, make it ${GATEWAY_STATUS_BADGES[target].label.toLowerCase()}` : "Confirm"
        }
        tone={needsImpact ? "danger" : "primary"}
        pending={update.isPending}
        error={failure}
        onCancel={close}
        onConfirm={confirm}
      >
        {target && needsImpact ? (
          <BlastRadius change={CHANGE_TEXT[target]} impact={impact} />
        ) : (
          <p>The automations assigned to it are re-checked at once and can take off again.</p>
        )}
      </ConfirmDialog>
    </form>
  );
}
