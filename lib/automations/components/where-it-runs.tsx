"use client";

import type { DraftBinding } from "@/lib/automations/components/draft-fields";
import { WindowsSignInFields } from "@/lib/automations/components/windows-account-fields";
import type { AutomationDraft } from "@/lib/automations/form";

/**
 * A desktop flow's machine and the Windows account it signs in there with: every desktop flow
 * needs this sign-in, whatever its systems use (the automation's own Windows sign-in).
 */
export function WhereItRuns({ bind }: { bind: DraftBinding<AutomationDraft> }) {
  const unattended = bind.value.runMode === "UNATTENDED";
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <legend className="px-1 font-semibold text-slate-900">Where it runs</legend>
      <p className="text-sm text-slate-700">
        A desktop flow runs on a Windows computer and signs in to it with a Windows account (usually Active
        Directory), separate from Microsoft 365. A machine group IT assigns connects the flow to Power
        Automate; the sign-in is still yours to record. You can leave this for later: it stays outstanding
        until it is recorded.
      </p>
      <WindowsSignInFields
        bind={bind}
        machine="machine"
        showOptional
        hints={{
          machine: "The computer or machine group it runs on, e.g. PC-FIN-042.",
          account: "The account it signs in with, e.g. CORP\\svc-ap-bot — never its password.",
          accountType: unattended
            ? "It runs unattended, with nobody signed in, so it needs a service (non-personal) account."
            : "A person's own account is fine while someone is signed in to run it.",
        }}
      />
    </fieldset>
  );
}
