"use client";

import { Checkbox, SelectField, TextField } from "@/components/ui/field";
import { type SystemFieldsProps, systemField } from "@/lib/automations/components/system-fields";
import { LIMITS, type SystemDraft } from "@/lib/automations/form";
import { STORE_OPTIONS } from "@/lib/automations/labels";
import { REFERENCE_GRAMMARS, referenceHint } from "@/lib/secrets/references";

/** Username and password: single sign-on, or where the stored credential is kept. */
export function UsernamePasswordFields({ name, ...props }: SystemFieldsProps & { name: string }) {
  const { index, system, errors, change } = props;
  const { at, id } = systemField(index);
  return (
    <div className="space-y-4">
      <Checkbox
        id={id("sso")}
        label={`${name || "This system"} offers single sign-on (SSO), and we use it`}
        hint="With SSO it signs in with the work account, so no separate credential needs to be kept."
        checked={system.sso}
        error={errors[at("sso")]}
        onChange={(event) => change({ sso: event.target.checked })}
      />
      {system.sso ? null : <CredentialReferenceFields {...props} />}
    </div>
  );
}

/** Where the credential lives (store, entry, owner, rotation), never the password itself. */
function CredentialReferenceFields({ index, system, errors, change }: SystemFieldsProps) {
  const { at, id } = systemField(index);
  // Each store has its own form of reference: the hint explains the chosen one with an example.
  const store = system.credentialStore || null;
  return (
    <fieldset
      className="space-y-4 rounded-md border border-slate-200 p-3"
      aria-describedby={`${id("credential")}-hint`}
    >
      <legend className="px-1 text-sm font-medium text-slate-900">Where the credential is kept</legend>
      <p id={`${id("credential")}-hint`} className="text-sm text-slate-600">
        Where it lives, never the password. You can leave this for later: until it is recorded, the
        stored-credential prerequisite stays outstanding.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <CredentialStoreField index={index} system={system} errors={errors} change={change} />
        <TextField
          id={id("credentialReference.name")}
          label="Secret or entry name"
          hint={
            store
              ? referenceHint(store)
              : "Choose the store first: each has its own form of reference, e.g. kv-finance/banking-bot in Azure Key Vault."
          }
          limit={{ max: LIMITS.credentialName, value: system.credentialName }}
          error={errors[at("credentialReference.name")]}
          autoComplete="off"
          spellCheck={false}
          placeholder={store ? REFERENCE_GRAMMARS[store].examples[0] : undefined}
          value={system.credentialName}
          onChange={(event) => change({ credentialName: event.target.value })}
        />
        <TextField
          id={id("credentialReference.owner")}
          label="Owner's e-mail"
          hint="Who rotates it and answers for it."
          error={errors[at("credentialReference.owner")]}
          type="email"
          autoComplete="off"
          value={system.credentialOwner}
          onChange={(event) => change({ credentialOwner: event.target.value })}
        />
        <TextField
          id={id("credentialReference.rotatesAt")}
          label="Next rotation date"
          error={errors[at("credentialReference.rotatesAt")]}
          type="date"
          value={system.credentialRotatesAt}
          onChange={(event) => change({ credentialRotatesAt: event.target.value })}
        />
        <TextField
          id={id("credentialReference.rotatedAt")}
          label="Rotated on (optional)"
          hint="The day the password was last changed. After its previous owner left, record the rotation here."
          error={errors[at("credentialReference.rotatedAt")]}
          type="date"
          value={system.credentialRotatedAt}
          onChange={(event) => change({ credentialRotatedAt: event.target.value })}
        />
      </div>
    </fieldset>
  );
}

/** The store the credential is kept in. */
function CredentialStoreField({ index, system, errors, change }: SystemFieldsProps) {
  const { at, id } = systemField(index);
  return (
    <SelectField
      id={id("credentialReference.store")}
      label="Credential store"
      error={errors[at("credentialReference.store")]}
      value={system.credentialStore}
      onChange={(event) => change({ credentialStore: event.target.value as SystemDraft["credentialStore"] })}
    >
      <option value="">Choose a store</option>
      {STORE_OPTIONS.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
