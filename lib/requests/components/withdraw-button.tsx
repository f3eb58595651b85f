"use client";

import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/api-client";
import type { RequestRecord } from "@/lib/requests/contract";
import { useWithdrawRequest } from "@/lib/requests/hooks";

/** Withdraws a pending request (its requester only); the lists refresh afterwards. */
export function WithdrawButton({ request, what }: { request: RequestRecord; what: string }) {
  const withdraw = useWithdrawRequest();
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        size="sm"
        pending={withdraw.isPending}
        pendingText="Withdrawing…"
        onClick={() => withdraw.mutate({ id: request.id, version: request.version })}
      >
        Withdraw<span className="sr-only"> the request for {what}</span>
      </Button>
      {withdraw.isError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errorMessage(withdraw.error)}
        </p>
      ) : null}
    </div>
  );
}
