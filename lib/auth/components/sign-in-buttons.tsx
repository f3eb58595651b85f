"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

interface SignInButtonsProps {
  providers: { id: string; name: string }[];
  callbackUrl: string;
}

/** One button per configured identity provider; the password, if any, is typed there, never here. */
export function SignInButtons({ providers, callbackUrl }: SignInButtonsProps) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <ul className="space-y-3">
      {providers.map((provider) => (
        <li key={provider.id}>
          <Button
            className="w-full"
            pending={pending === provider.id}
            pendingText={`Opening ${provider.name}…`}
            disabled={pending !== null}
            onClick={() => {
              setPending(provider.id);
              void signIn(provider.id, { callbackUrl }).catch(() => setPending(null));
            }}
          >
            Sign in with {provider.name}
          </Button>
        </li>
      ))}
    </ul>
  );
}
