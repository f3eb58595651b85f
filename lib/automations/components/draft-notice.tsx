"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/lib/automations/labels";
import type { StoredDraft } from "@/lib/automations/use-stored-draft";

interface DraftNoticeProps {
  /** The draft kept on this device (useStoredDraft): when it was restored and saved, and how to forget it. */
  stored: Pick<StoredDraft<unknown>, "restoredAt" | "savedAt" | "discard">;
  /** After the draft was discarded: the form starts again. */
  onDiscarded: () => void;
  /** What discarding brings back, e.g. "an empty form" or "the saved automation". */
  discardResult: string;
}

/** Tells the maker their answers are kept on this device, and lets them throw them away. */
export function DraftNotice({ stored, onDiscarded, discardResult }: DraftNoticeProps) {
  const { restoredAt, savedAt } = stored;
  const [confirming, setConfirming] = useState(false);
  const [discarded, setDiscarded] = useState(false);

  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
      <p className="text-slate-700" aria-live="polite">
        {discarded
          ? "Draft discarded."
          : restoredAt
            ? `Your draft from ${formatDateTime(restoredAt)} was restored. It is kept on this device until you submit it.`
            : savedAt
              ? "Your answers are kept as a draft on this device until you submit them."
              : "Your answers will be kept as a draft on this device as you type."}
      </p>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setConfirming(true)}
        disabled={!savedAt && !restoredAt}
      >
        Discard draft
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Discard this draft?"
        confirmLabel="Discard draft"
        tone="danger"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setDiscarded(true);
          stored.discard();
          onDiscarded();
        }}
      >
        <p>Your answers on this device are deleted and you start again from {discardResult}.</p>
      </ConfirmDialog>
    </div>
  );
}
