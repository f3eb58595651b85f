"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ApiError, errorMessage } from "@/lib/api-client";
import { useRetireAutomation } from "@/lib/automations/hooks";

interface RetireButtonProps {
  id: string;
  name: string;
  version: number;
  onRetired: () => void;
}

export function RetireButton({ id, name, version, onRetired }: RetireButtonProps) {
  const [open, setOpen] = useState(false);
  const retire = useRetireAutomation(id);

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Retire automation
      </Button>
      <ConfirmDialog
        open={open}
        title={`Retire “${name}”?`}
        confirmLabel="Yes, retire it"
        tone="danger"
        pending={retire.isPending}
        error={
          retire.isError
            ? retire.error instanceof ApiError && retire.error.status === 409
              ? "Someone else changed this automation just now. The page has been refreshed: check it, then try again."
              : errorMessage(retire.error)
            : null
        }
        onCancel={() => {
          setOpen(false);
          retire.reset();
        }}
        onConfirm={() =>
          retire.mutate(
            { version },
            {
              onSuccess: () => {
                setOpen(false);
                onRetired();
              },
            },
          )
        }
      >
        <p>
          It no longer counts as waiting to take off, and its pending requests are cancelled. Its history is
          kept.
        </p>
      </ConfirmDialog>
    </>
  );
}
