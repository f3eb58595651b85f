"use client";

import { RadioGroup } from "@/components/ui/field";
import { DraftSelect, DraftText, draftForm } from "@/lib/catalog/components/draft-fields";
import type { DataSourceDraft, FieldErrors } from "@/lib/catalog/details-forms";
import {
  DATA_SOURCE_ENVIRONMENT_OPTIONS,
  DATA_SOURCE_FIELD_TEXT,
  DATA_SOURCE_TYPE_LABELS,
} from "@/lib/catalog/labels";
import { CATALOG_LIMITS, DATA_SOURCE_TYPES } from "@/lib/catalog/schemas";

interface DataSourceFieldsProps {
  /** Controls are `${idPrefix}-type`, `-server`, `-database`, `-environment`. */
  idPrefix: string;
  value: DataSourceDraft;
  onChange: (next: DataSourceDraft) => void;
  errors: FieldErrors;
}

/**
 * A data source reached through a gateway: what kind of system, where it runs, what on it,
 * and which environment. The labels and examples follow the kind chosen.
 */
export function DataSourceFields({ idPrefix, value, onChange, errors }: DataSourceFieldsProps) {
  const form = draftForm(idPrefix, value, onChange, errors);
  const { id, update } = form;
  const text = DATA_SOURCE_FIELD_TEXT[value.type];

  return (
    <div className="space-y-4">
      <DraftSelect
        draft={form}
        field="type"
        label="Kind of system"
        required
        hint="What the automation reads from or writes to inside the company network."
      >
        <option value="">Choose the kind of system</option>
        {DATA_SOURCE_TYPES.map((type) => (
          <option key={type} value={type}>
            {DATA_SOURCE_TYPE_LABELS[type]}
          </option>
        ))}
      </DraftSelect>
      <DraftText
        draft={form}
        field="server"
        label={text.server}
        required
        hint={`The name IT knows it by, e.g. ${text.serverExample}. Never a password or connection string.`}
        max={CATALOG_LIMITS.server}
        autoComplete="off"
        spellCheck={false}
      />
      <DraftText
        draft={form}
        field="database"
        label={text.database}
        required
        hint={`e.g. ${text.databaseExample}`}
        max={CATALOG_LIMITS.database}
        autoComplete="off"
        spellCheck={false}
      />
      <RadioGroup
        id={id("environment")}
        name={id("environment")}
        legend="Environment"
        hint="Which copy of the system: IT connects production data only through production gateways."
        value={value.environment}
        error={errors.environment}
        required
        columns={2}
        onChange={(environment) => update({ environment })}
        options={DATA_SOURCE_ENVIRONMENT_OPTIONS}
      />
    </div>
  );
}
