"use client";

import { RadioGroup, TextField } from "@/components/ui/field";
import { type SystemFieldsProps, systemField } from "@/lib/automations/components/system-fields";
import { LIMITS } from "@/lib/automations/form";
import { WINDOWS_ACCOUNT_OPTIONS } from "@/lib/automations/labels";

interface WindowsAccountFieldsProps extends SystemFieldsProps {
  /** Id of a <datalist> of known machine groups. */
  machineGroupListId?: string;
}

/** Windows sign-in: the machine it runs on and the account it runs under. */
export function WindowsAccountFields({
  index,
  system,
  errors,
  change,
  machineGroupListId,
}: WindowsAccountFieldsProps) {
  const { at, id } = systemField(index);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        id={id("machineGroup")}
        label="Machine or machine group"
        hint="Where it runs, e.g. FIN-RPA-01 or a machine group IT registered."
        limit={{ max: LIMITS.short, value: system.machineGroup }}
        error={errors[at("machineGroup")]}
        autoComplete="off"
        list={machineGroupListId}
        value={system.machineGroup}
        onChange={(event) => change({ machineGroup: event.target.value })}
      />
      <TextField
        id={id("windowsAccount")}
        label="Windows account"
        hint="The account it runs under, e.g. CONTOSO\svc-expense — never its password."
        limit={{ max: LIMITS.short, value: system.windowsAccount }}
        error={errors[at("windowsAccount")]}
        autoComplete="off"
        spellCheck={false}
        value={system.windowsAccount}
        onChange={(event) => change({ windowsAccount: event.target.value })}
      />
      <RadioGroup
        id={id("windowsAccountType")}
        name={`${id("windowsAccountType")}-radio`}
        legend="Account type"
        hint="Unattended flows run with nobody signed in, so they need a service (non-personal) account."
        className="sm:col-span-2"
        columns={2}
        value={system.windowsAccountType}
        options={WINDOWS_ACCOUNT_OPTIONS}
        error={errors[at("windowsAccountType")]}
        onChange={(windowsAccountType) => change({ windowsAccountType })}
      />
    </div>
  );
}
