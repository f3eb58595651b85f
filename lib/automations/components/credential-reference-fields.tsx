"use client";

import { Checkbox } from "@/components/ui/field";
import { DraftSelectField, DraftTextField } from "@/lib/automations/components/draft-fields";
import type { SystemFieldsProps } from "@/lib/automations/components/system-fields";
import { controlId, LIMITS } from "@/lib/automations/form";
import { STORE_OPTIONS } from "@/lib/automations/labels";
import { REFERENCE_GRAMMARS, referenceHint } from "@/lib/secrets/references";

type Bind = SystemFieldsProps["bind"];

/** Username and password: single sign-on, or where the stored credential is kept. */
export function UsernamePasswordFields({ bind, name }: { bind: Bind; name: string }) {
  const sso = bind.at("sso");
  return (
    <div className="space-y-4">
      <Checkbox
        id={controlId(sso)}
        label={`${name || "This system"} offers single sign-on (SSO), and we use it`}
        hint="With SSO it signs in with the work account, so no separate credential needs to be kept."
        checked={bind.value.sso}
        error={bind.errors[sso]}
        onChange={(event) => bind.change({ sso: event.target.checked })}
      />
      {bind.value.sso ? null : <CredentialReferenceFields bind={bind} />}
    </div>
  );
}

/** Where the credential lives (store, entry, owner, rotation), never the password itself. */
function CredentialReferenceFields({ bind }: { bind: Bind }) {
  const hintId = `${controlId(bind.at("credential"))}-hint`;
  // Each store has its own form of reference: the hint explains the chosen one with an example.
  const store = bind.value.credentialStore || null;
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3" aria-describedby={hintId}>
      <legend className="px-1 text-sm font-medium text-slate-900">Where the credential is kept</legend>
      <p id={hintId} className="text-sm text-slate-600">
        Where it lives, never the password. You can leave this for later: until it is recorded, the
        stored-credential prerequisite stays outstanding.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <DraftSelectField
          bind={bind}
          field="credentialStore"
          path="credentialReference.store"
          label="Credential store"
          options={STORE_OPTIONS}
        >
          <option value="">Choose a store</option>
        </DraftSelectField>
        <DraftTextField
          bind={bind}
          field="credentialName"
          path="credentialReference.name"
          label="Secret or entry name"
          hint={
            store
              ? referenceHint(store)
              : "Choose the store first: each has its own form of reference, e.g. kv-finance/banking-bot in Azure Key Vault."
          }
          max={LIMITS.credentialName}
          spellCheck={false}
          placeholder={store ? REFERENCE_GRAMMARS[store].examples[0] : undefined}
        />
        {REFERENCE_DETAILS.map((detail) => (
          <DraftTextField key={detail.field} bind={bind} {...detail} />
        ))}
      </div>
    </fieldset>
  );
}

/** Who answers for the credential and when it is rotated. */
const REFERENCE_DETAILS = [
  {
    field: "credentialOwner",
    path: "credentialReference.owner",
    label: "Owner's e-mail",
    hint: "Who rotates it and answers for it.",
    type: "email",
  },
  {
    field: "credentialRotatesAt",
    path: "credentialReference.rotatesAt",
    label: "Next rotation date",
    type: "date",
  },
  {
    field: "credentialRotatedAt",
    path: "credentialReference.rotatedAt",
    label: "Rotated on (optional)",
    hint: "The day the password was last changed. After its previous owner left, record the rotation here.",
    type: "date",
  },
] as const;
