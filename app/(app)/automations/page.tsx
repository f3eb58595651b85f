import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { requirePageCaller } from "@/lib/auth/session";
import { AutomationList } from "@/lib/automations/components/automation-list";

export const metadata: Metadata = { title: "My automations" };

export default async function AutomationsPage() {
  await requirePageCaller("automation:read:own");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">My automations</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Each one is ready to take off when every sign-in it needs is in place.
          </p>
        </div>
        <ButtonLink href="/automations/new" variant="primary">
          Register an automation
        </ButtonLink>
      </div>
      {/* The list reads its filters from the URL's query string. */}
      <Suspense fallback={<Loading>Loading your automations…</Loading>}>
        <AutomationList />
      </Suspense>
    </div>
  );
}
