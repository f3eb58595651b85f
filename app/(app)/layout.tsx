import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { SignOutButton } from "@/lib/auth/components/sign-out-button";
import { requirePageCaller, sessionProvider } from "@/lib/auth/server/session";
import { navigationFor } from "@/lib/navigation";
import { NotificationBell } from "@/lib/notifications/components/bell";

export const dynamic = "force-dynamic";

// Every page below needs a signed-in person; each page still checks its own permission,
// because a layout is not re-run on client-side navigation.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const caller = await requirePageCaller();
  const provider = await sessionProvider();
  return (
    <AppShell
      navigation={navigationFor(caller)}
      user={caller}
      actions={
        <>
          <NotificationBell />
          <SignOutButton provider={provider} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
