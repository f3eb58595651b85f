"use client";

import { Field, RadioGroup, TextInput } from "@/components/ui/field";
import { type AutomationDraft, controlId, type FieldErrors, LIMITS } from "@/lib/automations/form";
import { WINDOWS_ACCOUNT_OPTIONS } from "@/lib/automations/labels";

interface WhereItRunsProps {
  draft: AutomationDraft;
  errors: FieldErrors;
  change: (patch: Partial<AutomationDraft>) => void;
}

/**
 * A desktop flow's machine and the Windows account it signs in there with: every desktop flow
 * needs this sign-in, whatever its systems use (the automation's own Windows sign-in).
 */
export function WhereItRuns({ draft, errors, change }: WhereItRunsProps) {
  const unattended = draft.runMode === "UNATTENDED";
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <legend className="px-1 font-semibold text-slate-900">Where it runs</legend>
      <p className="text-sm text-slate-700">
        A desktop flow runs on a Windows computer and signs in to it with a Windows account (usually Active
        Directory), separate from Microsoft 365. A machine group IT assigns connects the flow to Power
        Automate; the sign-in is still yours to record. You can leave this for later: it stays outstanding
        until it is recorded.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={controlId("machine")}
          label="Machine or machine group"
          showOptional
          hint="The computer or machine group it runs on, e.g. PC-FIN-042."
          limit={{ max: LIMITS.short, value: draft.machine }}
          error={errors.machine}
        >
          {(control) => (
            <TextInput
              {...control}
              name="machine"
              autoComplete="off"
              value={draft.machine}
              onChange={(event) => change({ machine: event.target.value })}
            />
          )}
        </Field>
        <Field
          id={controlId("windowsAccount")}
          label="Windows account"
          showOptional
          hint="The account it signs in with, e.g. CORP\svc-ap-bot — never its password."
          limit={{ max: LIMITS.short, value: draft.windowsAccount }}
          error={errors.windowsAccount}
        >
          {(control) => (
            <TextInput
              {...control}
              name="windowsAccount"
              autoComplete="off"
              spellCheck={false}
              value={draft.windowsAccount}
              onChange={(event) => change({ windowsAccount: event.target.value })}
            />
          )}
        </Field>
        <RadioGroup
          id={controlId("windowsAccountType")}
          name="windowsAccountType"
          legend="Account type"
          hint={
            unattended
              ? "It runs unattended, with nobody signed in, so it needs a service (non-personal) account."
              : "A person's own account is fine while someone is signed in to run it."
          }
          className="sm:col-span-2"
          columns={2}
          value={draft.windowsAccountType}
          options={WINDOWS_ACCOUNT_OPTIONS}
          error={errors.windowsAccountType}
          onChange={(windowsAccountType) => change({ windowsAccountType })}
        />
      </div>
    </fieldset>
  );
}
