"use client";

import { TextField } from "@/components/ui/field";
import { ConnectorPicker } from "@/lib/automations/components/connector-picker";
import { type SystemFieldsProps, systemField } from "@/lib/automations/components/system-fields";
import { LIMITS } from "@/lib/automations/form";

/** A shared key: the service it is for, picked from the connectors or named by hand. */
export function SharedKeyFields({
  index,
  system,
  errors,
  change,
  label,
}: SystemFieldsProps & { label: string }) {
  const { at, id } = systemField(index);
  return (
    <div className="space-y-4">
      <ConnectorPicker
        index={index}
        systemLabel={label}
        service={system.service}
        onPick={(service) => change({ service })}
      />
      <TextField
        id={id("service")}
        label="Service"
        required
        hint="The service its key is for, written as a key like sap-erp (letters and digits, joined by “-” or “.”). Filled in when you use a connector above; or name it yourself, and request a connector for it once the automation is registered."
        limit={{ max: LIMITS.service, value: system.service }}
        error={errors[at("service")]}
        autoComplete="off"
        spellCheck={false}
        value={system.service}
        onChange={(event) => change({ service: event.target.value })}
      />
    </div>
  );
}
