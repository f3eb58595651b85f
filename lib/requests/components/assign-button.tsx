"use client";

import { Button } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/api-client";
import { useAssignRequest } from "@/lib/requests/hooks";

/** "Assign to me": claims a pending request so that two approvers don't work the same one. */
export function AssignButton({ id, version, what }: { id: string; version: number; what: string }) {
  const assign = useAssignRequest();
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        size="sm"
        pending={assign.isPending}
        pendingText="Assigning…"
        onClick={() => assign.mutate({ id, version })}
      >
        Assign to me<span className="sr-only">: {what}</span>
      </Button>
      {assign.isError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {assign.error instanceof ApiError && assign.error.status === 409
            ? "It changed meanwhile; the queue has been refreshed."
            : errorMessage(assign.error)}
        </p>
      ) : null}
    </div>
  );
}
