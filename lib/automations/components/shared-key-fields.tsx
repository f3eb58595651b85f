"use client";

import { ConnectorPicker } from "@/lib/automations/components/connector-picker";
import { DraftTextField } from "@/lib/automations/components/draft-fields";
import type { SystemFieldsProps } from "@/lib/automations/components/system-fields";
import { LIMITS } from "@/lib/automations/form";

/** A shared key: the service it is for, picked from the connectors or named by hand. */
export function SharedKeyFields({ index, bind, label }: SystemFieldsProps & { label: string }) {
  return (
    <div className="space-y-4">
      <ConnectorPicker
        index={index}
        systemLabel={label}
        service={bind.value.service}
        onPick={(service) => bind.change({ service })}
      />
      <DraftTextField
        bind={bind}
        field="service"
        label="Service"
        required
        hint="The service its key is for, written as a key like sap-erp (letters and digits, joined by “-” or “.”). Filled in when you use a connector above; or name it yourself, and request a connector for it once the automation is registered."
        max={LIMITS.service}
        spellCheck={false}
      />
    </div>
  );
}
