"use client";

import { Field, RadioGroup, Select, TextArea, TextInput } from "@/components/ui/field";
import type { ConnectorApiDraft, FieldErrors } from "@/lib/catalog/details-forms";
import { AUTH_SCHEME_OPTIONS, DATA_CLASSIFICATION_OPTIONS } from "@/lib/catalog/labels";
import type { AuthScheme, DataClassification } from "@/lib/catalog/schemas";
import { CATALOG_LIMITS } from "@/lib/catalog/schemas";

interface ConnectorApiFieldsProps {
  /** Controls are `${idPrefix}-vendor`, `-baseUrl`, `-authScheme`, `-scopes`, `-dataClassification`. */
  idPrefix: string;
  value: ConnectorApiDraft;
  onChange: (next: ConnectorApiDraft) => void;
  errors: FieldErrors;
  /** A maker's request names all of it; IT may leave fields empty on the catalog. */
  required: boolean;
}

/** The API a shared-key connector calls: who provides it, where, how it checks callers, what it may do. */
export function ConnectorApiFields({ idPrefix, value, onChange, errors, required }: ConnectorApiFieldsProps) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const update = (changes: Partial<ConnectorApiDraft>) => onChange({ ...value, ...changes });

  return (
    <div className="space-y-4">
      <Field
        id={id("vendor")}
        label="Vendor"
        required={required}
        showOptional
        hint="The company that provides the API, e.g. Workday or DocuSign."
        limit={{ max: CATALOG_LIMITS.vendor, value: value.vendor }}
        error={errors.vendor}
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            value={value.vendor}
            onChange={(event) => update({ vendor: event.target.value })}
          />
        )}
      </Field>
      <Field
        id={id("baseUrl")}
        label="API address (base URL)"
        required={required}
        showOptional
        hint="Where the API lives, starting with https://, e.g. https://api.example.com/v1. Leave out any key or ?parameters."
        limit={{ max: CATALOG_LIMITS.baseUrl, value: value.baseUrl }}
        error={errors.baseUrl}
      >
        {(control) => (
          <TextInput
            {...control}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
            value={value.baseUrl}
            onChange={(event) => update({ baseUrl: event.target.value })}
          />
        )}
      </Field>
      <Field
        id={id("authScheme")}
        label="How the API checks who is calling"
        required={required}
        showOptional
        hint="The vendor's API documentation says this, often under “Authentication”."
        error={errors.authScheme}
      >
        {(control) => (
          <Select
            {...control}
            value={value.authScheme}
            onChange={(event) => update({ authScheme: event.target.value as AuthScheme | "" })}
          >
            <option value="">{required ? "Choose how it authenticates" : "Not recorded"}</option>
            {AUTH_SCHEME_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label} — {option.description}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={id("scopes")}
        label="Scopes or permissions needed"
        required={required}
        showOptional
        hint="What the automation must be allowed to do, one per line (or separated by commas), e.g. read:employees. Ask for no more than it needs."
        error={errors.scopes}
      >
        {(control) => (
          <TextArea
            {...control}
            rows={3}
            spellCheck={false}
            value={value.scopes}
            onChange={(event) => update({ scopes: event.target.value })}
          />
        )}
      </Field>
      {required ? (
        <RadioGroup
          id={id("dataClassification")}
          name={id("dataClassification")}
          legend="How sensitive the data is"
          hint="The most sensitive data the automation reads or sends through this API."
          value={value.dataClassification}
          error={errors.dataClassification}
          required
          columns={2}
          onChange={(dataClassification) => update({ dataClassification })}
          options={DATA_CLASSIFICATION_OPTIONS}
        />
      ) : (
        <Field
          id={id("dataClassification")}
          label="Data classification"
          showOptional
          hint="The most sensitive data sent or read through this API."
          error={errors.dataClassification}
        >
          {(control) => (
            <Select
              {...control}
              value={value.dataClassification}
              onChange={(event) =>
                update({ dataClassification: event.target.value as DataClassification | "" })
              }
            >
              <option value="">Not recorded</option>
              {DATA_CLASSIFICATION_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label} — {option.description}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
    </div>
  );
}

/** The catalog's own forms (IT): the same fields, optional, in a fieldset of their own. */
export function ConnectorApiFieldset(props: Omit<ConnectorApiFieldsProps, "required">) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-base font-semibold text-slate-900">The API it calls</legend>
      <ConnectorApiFields {...props} required={false} />
    </fieldset>
  );
}
