"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Ends the Preflight session (next-auth clears the cookie) and lands on the sign-in page,
 * which then offers the identity provider's own sign-out when it has one.
 */
export function SignOutButton({ provider }: { provider: string | null }) {
  const [pending, setPending] = useState(false);
  const query = new URLSearchParams({ signedOut: "1", ...(provider ? { provider } : {}) });
  return (
    <Button
      variant="secondary"
      size="sm"
      pending={pending}
      pendingText="Signing out…"
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: `/signin?${query}` });
      }}
    >
      Sign out
    </Button>
  );
}
