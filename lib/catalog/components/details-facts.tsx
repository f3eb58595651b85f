"use client";

import { type Column, DataTable } from "@/components/ui/data-table";
import type { Fact } from "@/components/ui/detail";
import { EmptyState } from "@/components/ui/empty-state";
import type { DataSource } from "@/lib/catalog/contract";
import {
  AUTH_SCHEME_LABELS,
  DATA_CLASSIFICATION_LABELS,
  DATA_SOURCE_ENVIRONMENT_LABELS,
  DATA_SOURCE_FIELD_TEXT,
  DATA_SOURCE_TYPE_LABELS,
} from "@/lib/catalog/labels";
import type { AuthScheme, DataClassification } from "@/lib/catalog/schemas";

// How a data source and a connector's API read on a page: a request's, a gateway's, a
// connector's. The same words as the forms that ask for them.

const MONO = "break-all font-mono text-xs text-slate-900";

/** A data source as facts: the labels say what its server and database are for its kind. */
export function dataSourceFacts(source: DataSource): Fact[] {
  const text = DATA_SOURCE_FIELD_TEXT[source.type];
  return [
    { label: "Kind of system", value: DATA_SOURCE_TYPE_LABELS[source.type] },
    { label: text.server, value: source.server, valueClassName: MONO },
    { label: text.database, value: source.database, valueClassName: MONO },
    { label: "Environment", value: DATA_SOURCE_ENVIRONMENT_LABELS[source.environment] },
  ];
}

interface ConnectorApi {
  vendor: string | null;
  baseUrl: string | null;
  authScheme: AuthScheme | null;
  scopes: ReadonlyArray<string>;
  dataClassification: DataClassification | null;
}

/** A connector's API as facts; what was never recorded reads "Not recorded". */
export function connectorApiFacts(api: ConnectorApi): Fact[] {
  const none = <span className="text-slate-600">Not recorded</span>;
  return [
    { label: "Vendor", value: api.vendor ?? none },
    {
      label: "API address",
      value: api.baseUrl ?? none,
      valueClassName: api.baseUrl ? MONO : undefined,
      wide: true,
    },
    { label: "Authentication", value: api.authScheme ? AUTH_SCHEME_LABELS[api.authScheme] : none },
    {
      label: "Scopes or permissions",
      value:
        api.scopes.length > 0 ? (
          <ul className="space-y-0.5">
            {api.scopes.map((scope) => (
              <li key={scope} className="font-mono text-xs">
                {scope}
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
    },
    {
      label: "Data classification",
      value: api.dataClassification ? DATA_CLASSIFICATION_LABELS[api.dataClassification] : none,
    },
  ];
}

const DATA_SOURCE_COLUMNS: ReadonlyArray<Column<DataSource>> = [
  {
    key: "type",
    header: "Kind of system",
    rowHeader: true,
    cell: (source) => DATA_SOURCE_TYPE_LABELS[source.type],
  },
  { key: "server", header: "Server or host", cellClassName: MONO, cell: (source) => source.server },
  {
    key: "database",
    header: "Database, path or site",
    cellClassName: MONO,
    cell: (source) => source.database,
  },
  {
    key: "environment",
    header: "Environment",
    cell: (source) => DATA_SOURCE_ENVIRONMENT_LABELS[source.environment],
  },
];

/** The data sources a gateway serves, in the order they were added. */
export function DataSourceTable({ sources }: { sources: ReadonlyArray<DataSource> }) {
  if (sources.length === 0) {
    return (
      <EmptyState title="No data sources recorded">
        Approving a gateway request adds the data source it names; IT can also add them by editing the
        gateway.
      </EmptyState>
    );
  }
  return (
    <DataTable
      caption="Data sources it serves"
      columns={DATA_SOURCE_COLUMNS}
      rows={sources}
      rowKey={(source) => `${source.type}|${source.server}|${source.database}`}
    />
  );
}
