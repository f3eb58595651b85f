"use client";

import { Field, RadioGroup, Select, TextInput } from "@/components/ui/field";
import type { DataSourceDraft, FieldErrors } from "@/lib/catalog/details-forms";
import {
  DATA_SOURCE_ENVIRONMENT_OPTIONS,
  DATA_SOURCE_FIELD_TEXT,
  DATA_SOURCE_TYPE_LABELS,
} from "@/lib/catalog/labels";
import { CATALOG_LIMITS, DATA_SOURCE_TYPES, type DataSourceType } from "@/lib/catalog/schemas";

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
  const id = (field: string) => `${idPrefix}-${field}`;
  const update = (changes: Partial<DataSourceDraft>) => onChange({ ...value, ...changes });
  const text = DATA_SOURCE_FIELD_TEXT[value.type];

  return (
    <div className="space-y-4">
      <Field
        id={id("type")}
        label="Kind of system"
        required
        hint="What the automation reads from or writes to inside the company network."
        error={errors.type}
      >
        {(control) => (
          <Select
            {...control}
            value={value.type}
            onChange={(event) => update({ type: event.target.value as DataSourceType | "" })}
          >
            <option value="">Choose the kind of system</option>
            {DATA_SOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {DATA_SOURCE_TYPE_LABELS[type]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={id("server")}
        label={text.server}
        required
        hint={`The name IT knows it by, e.g. ${text.serverExample}. Never a password or connection string.`}
        limit={{ max: CATALOG_LIMITS.server, value: value.server }}
        error={errors.server}
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            spellCheck={false}
            value={value.server}
            onChange={(event) => update({ server: event.target.value })}
          />
        )}
      </Field>
      <Field
        id={id("database")}
        label={text.database}
        required
        hint={`e.g. ${text.databaseExample}`}
        limit={{ max: CATALOG_LIMITS.database, value: value.database }}
        error={errors.database}
      >
        {(control) => (
          <TextInput
            {...control}
            autoComplete="off"
            spellCheck={false}
            value={value.database}
            onChange={(event) => update({ database: event.target.value })}
          />
        )}
      </Field>
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
