"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { WriteErrorLine } from "@/components/ui/query-state";

/** A small button acting on one request, and why it failed, under it. */
export function RequestActionButton({
  action,
  pendingText,
  onClick,
  failure,
  children,
}: {
  action: { isPending: boolean; error: Error | null };
  pendingText: string;
  onClick: () => void;
  /** How to word the failure, where the server's message is not the best. */
  failure?: (error: Error) => string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        size="sm"
        pending={action.isPending}
        pendingText={pendingText}
        onClick={onClick}
      >
        {children}
      </Button>
      <WriteErrorLine error={action.error} message={failure} />
    </div>
  );
}
