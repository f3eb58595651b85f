"use client";

import { ApiError, errorMessage } from "@/lib/api-client";
import { RequestActionButton } from "@/lib/requests/components/request-action-button";
import { useAssignRequest } from "@/lib/requests/hooks";

/** "Assign to me": claims a pending request so that two approvers don't work the same one. */
export function AssignButton({ id, version, what }: { id: string; version: number; what: string }) {
  const assign = useAssignRequest();
  return (
    <RequestActionButton
      action={assign}
      pendingText="Assigning…"
      onClick={() => assign.mutate({ id, version })}
      failure={(error) =>
        error instanceof ApiError && error.status === 409
          ? "It changed meanwhile; the queue has been refreshed."
          : errorMessage(error)
      }
    >
      Assign to me<span className="sr-only">: {what}</span>
    </RequestActionButton>
  );
}
