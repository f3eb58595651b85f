"use client";

import { RequestActionButton } from "@/lib/requests/components/request-action-button";
import type { RequestRecord } from "@/lib/requests/contract";
import { useWithdrawRequest } from "@/lib/requests/hooks";

/** Withdraws a pending request (its requester only); the lists refresh afterwards. */
export function WithdrawButton({ request, what }: { request: RequestRecord; what: string }) {
  const withdraw = useWithdrawRequest();
  return (
    <RequestActionButton
      action={withdraw}
      pendingText="Withdrawing…"
      onClick={() => withdraw.mutate({ id: request.id, version: request.version })}
    >
      Withdraw<span className="sr-only"> the request for {what}</span>
    </RequestActionButton>
  );
}
