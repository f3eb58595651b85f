"use client";

import {
  type DraftBinding,
  DraftRadioGroup,
  DraftTextField,
  type TextKey,
} from "@/lib/automations/components/draft-fields";
import type { SystemFieldsProps } from "@/lib/automations/components/system-fields";
import { LIMITS } from "@/lib/automations/form";
import { WINDOWS_ACCOUNT_OPTIONS } from "@/lib/automations/labels";
import type { WindowsAccountType } from "@/lib/domain/types";

/** A draft that records a Windows sign-in: the automation (a desktop flow) or one of its systems. */
interface WindowsSignIn {
  windowsAccount: string;
  windowsAccountType: WindowsAccountType | "";
}

interface WindowsSignInFieldsProps<D extends WindowsSignIn> {
  bind: DraftBinding<D>;
  /** The field of the machine (or machine group) it runs on. */
  machine: TextKey<D>;
  hints: { machine: string; account: string; accountType: string };
  showOptional?: boolean;
  /** Id of a <datalist> of known machine groups. */
  machineGroupListId?: string;
}

/** The machine it runs on, the Windows account it signs in there with and that account's type. */
export function WindowsSignInFields<D extends WindowsSignIn>({
  bind,
  machine,
  hints,
  showOptional,
  machineGroupListId,
}: WindowsSignInFieldsProps<D>) {
  // Both are short texts of the same draft, optional where the sign-in may be recorded later.
  const short = { bind, showOptional, max: LIMITS.short };
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <DraftTextField
        {...short}
        field={machine}
        label="Machine or machine group"
        hint={hints.machine}
        list={machineGroupListId}
      />
      <DraftTextField
        {...short}
        field={"windowsAccount" as TextKey<D>}
        label="Windows account"
        hint={hints.account}
        spellCheck={false}
      />
      <DraftRadioGroup
        bind={bind}
        field={"windowsAccountType" as TextKey<D>}
        label="Account type"
        hint={hints.accountType}
        className="sm:col-span-2"
        options={WINDOWS_ACCOUNT_OPTIONS}
      />
    </div>
  );
}

/** Windows sign-in of a system: the machine it runs on and the account it runs under. */
export function WindowsAccountFields({
  bind,
  machineGroupListId,
}: Pick<SystemFieldsProps, "bind"> & { machineGroupListId?: string }) {
  return (
    <WindowsSignInFields
      bind={bind}
      machine="machineGroup"
      machineGroupListId={machineGroupListId}
      hints={{
        machine: "Where it runs, e.g. FIN-RPA-01 or a machine group IT registered.",
        account: "The account it runs under, e.g. CONTOSO\\svc-expense — never its password.",
        accountType:
          "Unattended flows run with nobody signed in, so they need a service (non-personal) account.",
      }}
    />
  );
}
