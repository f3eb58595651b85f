"use client";

import { Checkbox, Field, FieldError, RadioGroup, Select } from "@/components/ui/field";
import { AUTOMATION_LIMITS } from "@/lib/automations/schemas";
import { DraftText, draftForm } from "@/lib/catalog/components/draft-fields";
import type { ConnectorDraft, FieldErrors } from "@/lib/catalog/forms";
import { CATALOG_LIMITS } from "@/lib/catalog/schemas";
import { ChosenPeople, PersonPicker } from "@/lib/directory/components/person-picker";
import { useDepartments } from "@/lib/directory/hooks";
import { CREDENTIAL_STORES, type CredentialStore } from "@/lib/domain/types";
import { REFERENCE_GRAMMARS, referenceHint } from "@/lib/secrets/references";

/** What a key reference looks like in `store`, with an example: the form's hint. */
export function keyReferenceHint(store: CredentialStore): string {
  return `Where the key lives — never the key itself. ${referenceHint(store)}`;
}

/** Control id of a connector field, for error summaries: `${idPrefix}-${field}`. */
export function connectorControlId(idPrefix: string, field: string): string {
  return `${idPrefix}-${field}`;
}

interface ConnectorFieldsProps {
  idPrefix: string;
  value: ConnectorDraft;
  onChange: (next: ConnectorDraft) => void;
  errors: FieldErrors;
  /** Creation asks for the service; it cannot change afterwards. */
  withService?: boolean;
}

/** A shared-key connector's fields: name, service, owning team, key reference, expiry, sharing. */
export function ConnectorFields({
  idPrefix,
  value,
  onChange,
  errors,
  withService = false,
}: ConnectorFieldsProps) {
  const departments = useDepartments();
  const form = draftForm(idPrefix, value, onChange, errors);
  const { id, update } = form;

  return (
    <div className="space-y-4">
      <DraftText
        draft={form}
        field="name"
        label="Connector name"
        required
        max={CATALOG_LIMITS.name}
        autoComplete="off"
      />
      {withService ? (
        <DraftText
          draft={form}
          field="service"
          label="Service"
          required
          hint='The service key makers declare, e.g. "sap-erp". Automations with this service are satisfied by it.'
          max={AUTOMATION_LIMITS.service}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      <DraftText draft={form} field="ownerTeam" label="Owning team" required max={CATALOG_LIMITS.ownerTeam} />
      {value.owner !== undefined ? (
        <div className="max-w-md space-y-2">
          <PersonPicker
            id={id("ownerId")}
            label="Owner (optional)"
            hint="The owner team's contact, reminded before the key expires."
            error={errors.ownerId}
            exclude={value.owner ? [value.owner.id] : []}
            onChoose={(person) => update({ owner: person })}
          />
          <ChosenPeople
            label="Owner"
            people={value.owner ? [value.owner] : []}
            onRemove={() => update({ owner: null })}
          />
        </div>
      ) : null}
      <Field id={id("keyStore")} label="Key store" required error={errors.keyStore}>
        {(control) => (
          <Select
            {...control}
            className="max-w-xs"
            value={value.keyStore ?? "AZURE_KEY_VAULT"}
            onChange={(event) => update({ keyStore: event.target.value as CredentialStore })}
          >
            {CREDENTIAL_STORES.map((store) => (
              <option key={store} value={store}>
                {REFERENCE_GRAMMARS[store].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DraftText
        draft={form}
        field="keyReference"
        label="Key reference"
        required
        hint={keyReferenceHint(value.keyStore ?? "AZURE_KEY_VAULT")}
        max={CATALOG_LIMITS.keyReference}
        autoComplete="off"
        spellCheck={false}
        placeholder={REFERENCE_GRAMMARS[value.keyStore ?? "AZURE_KEY_VAULT"].examples[0]}
      />
      <DraftText
        draft={form}
        field="keyExpiresAt"
        label="Key expiry date"
        required
        hint="Makers' automations fall back to Expired on this date unless the key is renewed."
        type="date"
        className="max-w-xs"
      />
      <RadioGroup
        id={id("sharedWith")}
        name={id("sharedWith")}
        legend="Shared with"
        value={value.sharing}
        error={value.sharing === "ALL" ? errors.sharedWith : undefined}
        onChange={(sharing) => update({ sharing })}
        options={[
          { value: "ALL", label: "All departments" },
          { value: "DEPARTMENTS", label: "Only the departments listed" },
        ]}
      />
      {value.sharing === "DEPARTMENTS" ? (
        <fieldset
          id={id("departments")}
          className="space-y-2 rounded-md border border-slate-200 p-3"
          aria-describedby={errors.sharedWith ? `${id("departments")}-error` : undefined}
        >
          <legend className="px-1 text-sm font-medium text-slate-900">Departments</legend>
          {departments.isPending ? (
            <p className="text-sm text-slate-600">Loading departments…</p>
          ) : departments.isError ? (
            <p role="alert" className="text-sm text-red-700">
              Departments could not be loaded. {departments.error.message}
            </p>
          ) : (
            <div className="grid gap-2 sm:grid-cols-2">
              {departments.data.items.map((department) => (
                <Checkbox
                  key={department.id}
                  id={`${id("department")}-${department.id}`}
                  label={department.name}
                  checked={value.departmentIds.includes(department.id)}
                  onChange={(event) =>
                    update({
                      departmentIds: event.target.checked
                        ? [...value.departmentIds, department.id]
                        : value.departmentIds.filter((d) => d !== department.id),
                    })
                  }
                />
              ))}
            </div>
          )}
          <FieldError id={id("departments")} error={errors.sharedWith} />
        </fieldset>
      ) : null}
    </div>
  );
}

/** Where an error on `field` should send focus. */
export function connectorErrorTarget(idPrefix: string, field: string, draft: ConnectorDraft): string {
  if (field === "sharedWith") {
    return connectorControlId(idPrefix, draft.sharing === "DEPARTMENTS" ? "departments" : "sharedWith");
  }
  return connectorControlId(idPrefix, field);
}
