"use client";

import { Button } from "@/components/ui/button";
import { Checkbox, Field, RadioGroup, Select, TextInput } from "@/components/ui/field";
import { ConnectorPicker } from "@/lib/automations/components/connector-picker";
import { controlId, type FieldErrors, LIMITS, type SystemDraft } from "@/lib/automations/form";
import {
  LOCATION_OPTIONS,
  SIGN_IN_OPTIONS,
  STORE_OPTIONS,
  WINDOWS_ACCOUNT_OPTIONS,
} from "@/lib/automations/labels";

interface SystemEditorProps {
  index: number;
  system: SystemDraft;
  errors: FieldErrors;
  change: (patch: Partial<SystemDraft>) => void;
  onRemove: () => void;
  /** Id of a <datalist> of known machine groups. */
  machineGroupListId?: string;
}

/** One system the automation signs in to: where it lives and how it signs in. */
export function SystemEditor({
  index,
  system,
  errors,
  change,
  onRemove,
  machineGroupListId,
}: SystemEditorProps) {
  const at = (field: string) => `systems.${index}.${field}`;
  const id = (field: string) => controlId(at(field));
  const name = system.name.trim();
  const label = name ? `“${name}”` : `system ${index + 1}`;
  const headingId = `${id("heading")}`;

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} tabIndex={-1} className="text-base font-semibold text-slate-900">
          System {index + 1}
          {name ? `: ${name}` : ""}
        </h3>
        <Button variant="secondary" size="sm" onClick={onRemove}>
          Remove
          <span className="sr-only">
            {" "}
            system {index + 1}
            {name ? ` (${name})` : ""}
          </span>
        </Button>
      </div>

      <Field
        id={id("name")}
        label="Name of the system"
        required
        hint="e.g. Online banking, SAP, SharePoint"
        error={errors[at("name")]}
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            maxLength={LIMITS.system + 50}
            value={system.name}
            onChange={(event) => change({ name: event.target.value })}
          />
        )}
      </Field>

      <RadioGroup
        id={id("location")}
        name={`${id("location")}-radio`}
        legend={`Where does ${label} live?`}
        required
        columns={2}
        value={system.location}
        options={LOCATION_OPTIONS}
        error={errors[at("location")]}
        onChange={(location) => change({ location })}
      />

      <RadioGroup
        id={id("signInMethod")}
        name={`${id("signInMethod")}-radio`}
        legend={`How do you sign in to ${label} when you do this task by hand?`}
        required
        columns={2}
        value={system.signInMethod}
        options={SIGN_IN_OPTIONS}
        error={errors[at("signInMethod")]}
        onChange={(signInMethod) => change({ signInMethod })}
      />

      {system.signInMethod === "USERNAME_PASSWORD" ? (
        <div className="space-y-4">
          <Checkbox
            id={id("sso")}
            label={`${name || "This system"} offers single sign-on (SSO), and we use it`}
            hint="With SSO it signs in with the work account, so no separate credential needs to be kept."
            checked={system.sso}
            error={errors[at("sso")]}
            onChange={(event) => change({ sso: event.target.checked })}
          />
          {system.sso ? null : (
            <fieldset
              className="space-y-4 rounded-md border border-slate-200 p-3"
              aria-describedby={`${id("credential")}-hint`}
            >
              <legend className="px-1 text-sm font-medium text-slate-900">
                Where the credential is kept
              </legend>
              <p id={`${id("credential")}-hint`} className="text-sm text-slate-600">
                Where it lives, never the password. You can leave this for later: until it is recorded, the
                stored-credential prerequisite stays outstanding.
              </p>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field
                  id={id("credentialReference.store")}
                  label="Credential store"
                  error={errors[at("credentialReference.store")]}
                >
                  {(control) => (
                    <Select
                      {...control}
                      value={system.credentialStore}
                      onChange={(event) =>
                        change({ credentialStore: event.target.value as SystemDraft["credentialStore"] })
                      }
                    >
                      <option value="">Choose a store</option>
                      {STORE_OPTIONS.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field
                  id={id("credentialReference.name")}
                  label="Secret or entry name"
                  hint="e.g. kv-finance/banking-bot"
                  error={errors[at("credentialReference.name")]}
                >
                  {(control) => (
                    <TextInput
                      {...control}
                      autoComplete="off"
                      spellCheck={false}
                      value={system.credentialName}
                      onChange={(event) => change({ credentialName: event.target.value })}
                    />
                  )}
                </Field>
                <Field
                  id={id("credentialReference.owner")}
                  label="Owner's e-mail"
                  hint="Who rotates it and answers for it."
                  error={errors[at("credentialReference.owner")]}
                >
                  {(control) => (
                    <TextInput
                      {...control}
                      type="email"
                      autoComplete="off"
                      value={system.credentialOwner}
                      onChange={(event) => change({ credentialOwner: event.target.value })}
                    />
                  )}
                </Field>
                <Field
                  id={id("credentialReference.rotatesAt")}
                  label="Next rotation date"
                  error={errors[at("credentialReference.rotatesAt")]}
                >
                  {(control) => (
                    <TextInput
                      {...control}
                      type="date"
                      value={system.credentialRotatesAt}
                      onChange={(event) => change({ credentialRotatesAt: event.target.value })}
                    />
                  )}
                </Field>
              </div>
            </fieldset>
          )}
        </div>
      ) : null}

      {system.signInMethod === "SHARED_KEY" ? (
        <div className="space-y-4">
          <ConnectorPicker
            index={index}
            systemLabel={label}
            service={system.service}
            onPick={(service) => change({ service })}
          />
          <Field
            id={id("service")}
            label="Service"
            required
            hint="The service its key is for, written as a key like sap-erp (letters and digits, joined by “-” or “.”). Filled in when you use a connector above; or name it yourself, and request a connector for it once the automation is registered."
            error={errors[at("service")]}
          >
            {(control) => (
              <TextInput
                {...control}
                autoComplete="off"
                spellCheck={false}
                value={system.service}
                onChange={(event) => change({ service: event.target.value })}
              />
            )}
          </Field>
        </div>
      ) : null}

      {system.signInMethod === "WINDOWS" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id={id("machineGroup")}
            label="Machine or machine group"
            hint="Where it runs, e.g. FIN-RPA-01 or a machine group IT registered."
            error={errors[at("machineGroup")]}
          >
            {(control) => (
              <TextInput
                {...control}
                autoComplete="off"
                list={machineGroupListId}
                value={system.machineGroup}
                onChange={(event) => change({ machineGroup: event.target.value })}
              />
            )}
          </Field>
          <Field
            id={id("windowsAccount")}
            label="Windows account"
            hint="The account it runs under, e.g. CONTOSO\svc-expense — never its password."
            error={errors[at("windowsAccount")]}
          >
            {(control) => (
              <TextInput
                {...control}
                autoComplete="off"
                spellCheck={false}
                value={system.windowsAccount}
                onChange={(event) => change({ windowsAccount: event.target.value })}
              />
            )}
          </Field>
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
      ) : null}
    </section>
  );
}
