"use client";

import { RadioGroup } from "@/components/ui/field";
import { DraftSelect, DraftText, DraftTextArea, draftForm } from "@/lib/catalog/components/draft-fields";
import type { ConnectorApiDraft, FieldErrors } from "@/lib/catalog/details-forms";
import { AUTH_SCHEME_OPTIONS, DATA_CLASSIFICATION_OPTIONS } from "@/lib/catalog/labels";
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
  const form = draftForm(idPrefix, value, onChange, errors);
  const asked = { draft: form, required, showOptional: true } as const;

  return (
    <div className="space-y-4">
      <DraftText
        {...asked}
        field="vendor"
        label="Vendor"
        hint="The company that provides the API, e.g. Workday or DocuSign."
        max={CATALOG_LIMITS.vendor}
        autoComplete="off"
      />
      <DraftText
        {...asked}
        field="baseUrl"
        label="API address (base URL)"
        hint="Where the API lives, starting with https://, e.g. https://api.example.com/v1. Leave out any key or ?parameters."
        max={CATALOG_LIMITS.baseUrl}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://"
      />
      <DraftSelect
        {...asked}
        field="authScheme"
        label="How the API checks who is calling"
        hint="The vendor's API documentation says this, often under “Authentication”."
      >
        <option value="">{required ? "Choose how it authenticates" : "Not recorded"}</option>
        <DescribedOptions options={AUTH_SCHEME_OPTIONS} />
      </DraftSelect>
      <DraftTextArea
        {...asked}
        field="scopes"
        label="Scopes or permissions needed"
        hint="What the automation must be allowed to do, one per line (or separated by commas), e.g. read:employees. Ask for no more than it needs."
        rows={3}
        spellCheck={false}
      />
      {required ? (
        <RadioGroup
          id={form.id("dataClassification")}
          name={form.id("dataClassification")}
          legend="How sensitive the data is"
          hint="The most sensitive data the automation reads or sends through this API."
          value={value.dataClassification}
          error={errors.dataClassification}
          required
          columns={2}
          onChange={(dataClassification) => form.update({ dataClassification })}
          options={DATA_CLASSIFICATION_OPTIONS}
        />
      ) : (
        <DraftSelect
          draft={form}
          field="dataClassification"
          label="Data classification"
          showOptional
          hint="The most sensitive data sent or read through this API."
        >
          <option value="">Not recorded</option>
          <DescribedOptions options={DATA_CLASSIFICATION_OPTIONS} />
        </DraftSelect>
      )}
    </div>
  );
}

/** "Label — description" options. */
function DescribedOptions({
  options,
}: {
  options: ReadonlyArray<{ value: string; label: string; description: string }>;
}) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label} — {option.description}
    </option>
  ));
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
