import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/server/session";
import { NewAutomation } from "@/lib/automations/components/new-automation";

export const metadata: Metadata = { title: "Register an automation" };

export default async function NewAutomationPage() {
  await requirePageCaller("automation:create");
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Register an automation</h1>
        <p className="mt-1 text-slate-600">
          Before an automation takes off, every system it signs in to needs its sign-in in place. Start with
          how you sign in to those systems today when you do the task by hand.
        </p>
      </div>
      <NewAutomation />
    </div>
  );
}
