"use client";

import { useId, useState } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useReviewPrerequisite } from "@/lib/automations/hooks";

interface ReviewDeclarationProps {
  automationId: string;
  prerequisiteId: string;
  /** The declaration on screen, sent along so a newer one is not reviewed unseen. */
  declaration: string;
  /** What it is, for the buttons' accessible names ("Stored credential for Online banking"). */
  title: string;
  /** Verified already: only sending it back is left. */
  verified: boolean;
  onReviewed: (message: string) => void;
}

/** IT's Verify / Send back on a prerequisite satisfied by the maker's declaration. */
export function ReviewDeclaration({
  automationId,
  prerequisiteId,
  declaration,
  title,
  verified,
  onReviewed,
}: ReviewDeclarationProps) {
  const review = useReviewPrerequisite(automationId);
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonId = useId();

  function verify() {
    review.mutate(
      { prerequisiteId, outcome: "VERIFIED", declaration },
      { onSuccess: () => onReviewed(`${title}: verified.`) },
    );
  }

  function sendBack() {
    if (!reason.trim()) {
      setReasonError("Tell the maker what to change.");
      document.getElementById(reasonId)?.focus();
      return;
    }
    review.mutate(
      { prerequisiteId, outcome: "SENT_BACK", reason: reason.trim(), declaration },
      {
        onSuccess: () => {
          setSendingBack(false);
          setReason("");
          onReviewed(`${title}: sent back to the maker.`);
        },
      },
    );
  }

  return (
    <div className="space-y-3" data-review>
      {sendingBack ? (
        <div className="space-y-2">
          <TextAreaField
            id={reasonId}
            label="Why are you sending it back?"
            required
            hint="The maker sees this next to the prerequisite, e.g. “No such secret in kv-finance”."
            error={reasonError ?? undefined}
            rows={2}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(null);
            }}
          />
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              size="sm"
              pending={review.isPending}
              pendingText="Sending back…"
              onClick={sendBack}
            >
              Send back<span className="sr-only"> — {title}</span>
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={review.isPending}
              onClick={() => {
                setSendingBack(false);
                setReasonError(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {verified ? null : (
            <Button size="sm" pending={review.isPending} pendingText="Verifying…" onClick={verify}>
              Verify<span className="sr-only"> — {title}</span>
            </Button>
          )}
          <Button
            variant="secondary"
            size="sm"
            disabled={review.isPending}
            onClick={() => setSendingBack(true)}
          >
            Send back<span className="sr-only"> — {title}</span>
          </Button>
        </div>
      )}
      <ActionError error={review.error} />
    </div>
  );
}
