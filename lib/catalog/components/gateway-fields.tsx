"use client";

import { RadioGroup } from "@/components/ui/field";
import { DraftText, draftForm } from "@/lib/catalog/components/draft-fields";
import type { FieldErrors, GatewayDraft } from "@/lib/catalog/forms";
import { GATEWAY_KIND_OPTIONS } from "@/lib/catalog/labels";
import { CATALOG_LIMITS } from "@/lib/catalog/schemas";
import { ChosenPeople, PersonPicker } from "@/lib/directory/components/person-picker";

interface GatewayFieldsProps {
  idPrefix: string;
  value: GatewayDraft;
  onChange: (next: GatewayDraft) => void;
  errors: FieldErrors;
  /** The kind is chosen when registering; it does not change afterwards. */
  withKind?: boolean;
}

/** An on-premises data gateway's (or machine group's) fields. */
export function GatewayFields({ idPrefix, value, onChange, errors, withKind = true }: GatewayFieldsProps) {
  const form = draftForm(idPrefix, value, onChange, errors);
  const { id, update } = form;
  const text = (field: "name" | "cluster" | "host" | "region", label: string, hint?: string) => (
    <DraftText
      draft={form}
      field={field}
      label={label}
      hint={hint}
      required
      max={CATALOG_LIMITS[field]}
      autoComplete="off"
    />
  );

  return (
    <div className="space-y-4">
      {text("name", "Gateway name")}
      {withKind ? (
        <RadioGroup
          id={id("kind")}
          name={id("kind")}
          legend="Kind"
          value={value.kind}
          error={errors.kind}
          onChange={(kind) => update({ kind })}
          options={GATEWAY_KIND_OPTIONS}
        />
      ) : null}
      {text("cluster", "Cluster", "The gateway cluster it belongs to, e.g. gw-cluster-eu-1.")}
      {text("host", "Host", "The machine it is installed on.")}
      {text("region", "Region", "e.g. West Europe.")}
      {value.admins ? (
        <div className="max-w-md space-y-2">
          <PersonPicker
            id={id("adminIds")}
            label="Admins (optional)"
            hint="The people who administer it, told when it goes offline. Up to 50."
            error={errors.adminIds}
            exclude={value.admins.map((person) => person.id)}
            onChoose={(person) => update({ admins: [...(value.admins ?? []), person] })}
          />
          <ChosenPeople
            label="Admins"
            people={value.admins}
            onRemove={(personId) =>
              update({ admins: (value.admins ?? []).filter((person) => person.id !== personId) })
            }
          />
        </div>
      ) : null}
    </div>
  );
}
