"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { DataSourceFields } from "@/lib/catalog/components/data-source-fields";
import type { DataSource } from "@/lib/catalog/contract";
import {
  checkDataSource,
  EMPTY_DATA_SOURCE,
  type FieldErrors,
  hasDataSource,
  toDataSource,
} from "@/lib/catalog/details-forms";
import { dataSourceSummary } from "@/lib/catalog/labels";

interface DataSourceListEditorProps {
  /** The list's id (`${idPrefix}-dataSources`), where errors on it lead. */
  idPrefix: string;
  value: ReadonlyArray<DataSource>;
  onChange: (next: DataSource[]) => void;
  /** The list's error, from the form (e.g. "dataSources.1" from the API). */
  error?: string;
}

/** A gateway's data sources: remove any, add one at a time (each once). */
export function DataSourceListEditor({ idPrefix, value, onChange, error }: DataSourceListEditorProps) {
  const listId = `${idPrefix}-dataSources`;
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState(EMPTY_DATA_SOURCE);
  const [errors, setErrors] = useState<FieldErrors>({});

  function add() {
    const found = checkDataSource(draft);
    const source = Object.keys(found).length === 0 ? toDataSource(draft) : null;
    if (source && hasDataSource(value, source)) {
      found.database = "The gateway already lists this data source";
    }
    setErrors(found);
    if (!source || Object.keys(found).length > 0) return;
    onChange([...value, source]);
    setDraft(EMPTY_DATA_SOURCE);
    setAdding(false);
  }

  return (
    <fieldset id={listId} className="space-y-3 rounded-lg border border-slate-200 p-4" tabIndex={-1}>
      <legend className="px-1 text-base font-semibold text-slate-900">Data sources it serves</legend>
      {value.length === 0 ? (
        <p className="text-sm text-slate-700">None recorded.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm">
          {value.map((source, index) => (
            <li
              key={`${source.type}|${source.server}|${source.database}`}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
            >
              <span className="break-all text-slate-900">{dataSourceSummary(source)}</span>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                Remove<span className="sr-only"> {dataSourceSummary(source)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <FieldError id={listId} error={error} />
      {adding ? (
        <div className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
          <DataSourceFields
            idPrefix={`${idPrefix}-new-source`}
            value={draft}
            onChange={setDraft}
            errors={errors}
          />
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={add}>
              Add to the list
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setAdding(false);
                setErrors({});
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setAdding(true)}>
          Add a data source
        </Button>
      )}
    </fieldset>
  );
}
