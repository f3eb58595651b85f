"use client";

import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/http/action-state";

/** The outcome of a form's server action, announced to screen readers. */
export function ActionFeedback({ state, className = "" }: { state: ActionState; className?: string }) {
  if (state.status === "success") {
    return (
      <Alert tone="success" role="status" className={className}>
        {state.message}
      </Alert>
    );
  }
  if (state.status === "error") {
    return (
      <Alert tone="error" role="alert" className={className}>
        {state.message}
      </Alert>
    );
  }
  return null;
}

export function fieldError(state: ActionState, name: string): string | undefined {
  return state.status === "error" ? state.fields?.[name] : undefined;
}
