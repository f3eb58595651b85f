import {
  type AuthScheme,
  baseUrlProblem,
  type DataClassification,
  type DataSourceEnvironment,
  type DataSourceType,
  dataSourceKey,
  MAX_SCOPES,
  type TDataSource,
} from "@/lib/catalog/schemas";
import { looksLikeSecret } from "@/lib/secrets/detect";

// The form model of what a request names and the catalog records: a gateway's data source and
// a connector's API. The maker's request form, IT's decision form and the catalog's edit forms
// share it. Client-side checks are keyed by the API's field names; the API checks again.
// Pure, no React.

export type FieldErrors = Record<string, string>;

export interface DataSourceDraft {
  type: DataSourceType | "";
  server: string;
  database: string;
  environment: DataSourceEnvironment | "";
}

export const EMPTY_DATA_SOURCE: DataSourceDraft = { type: "", server: "", database: "", environment: "" };

export interface ConnectorApiDraft {
  vendor: string;
  baseUrl: string;
  authScheme: AuthScheme | "";
  /** As typed: one per line, or separated by commas. */
  scopes: string;
  dataClassification: DataClassification | "";
}

export const EMPTY_CONNECTOR_API: ConnectorApiDraft = {
  vendor: "",
  baseUrl: "",
  authScheme: "",
  scopes: "",
  dataClassification: "",
};

function secretProblem(value: string): string | null {
  const what = looksLikeSecret(value);
  return what ? `This looks like a secret (${what}). Never paste keys or passwords here` : null;
}

export function checkDataSource(draft: DataSourceDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.type) errors.type = "Choose the kind of system the automation reaches";
  const server = draft.server.trim();
  if (!server) errors.server = "Enter the server or host name";
  else if (server.length > 255) errors.server = "Use at most 255 characters";
  else {
    const secret = secretProblem(server);
    if (secret) errors.server = secret;
  }
  const database = draft.database.trim();
  if (!database) errors.database = "Enter the database, path or site";
  else if (database.length > 500) errors.database = "Use at most 500 characters";
  else {
    const secret = secretProblem(database);
    if (secret) errors.database = secret;
  }
  if (!draft.environment) errors.environment = "Choose whether it is production, test or development";
  return errors;
}

/** The body's data source; call once checkDataSource finds nothing. */
export function toDataSource(draft: DataSourceDraft): TDataSource {
  return {
    type: draft.type as DataSourceType,
    server: draft.server.trim(),
    database: draft.database.trim(),
    environment: draft.environment as DataSourceEnvironment,
  };
}

export function dataSourceDraftOf(source: TDataSource): DataSourceDraft {
  return { ...source };
}

/** Adds a data source to a list unless the list has it (same type, server and database). */
export function withDataSource(list: ReadonlyArray<TDataSource>, source: TDataSource): TDataSource[] {
  const key = dataSourceKey(source);
  return list.some((listed) => dataSourceKey(listed) === key) ? [...list] : [...list, source];
}

/** True when the list has this data source (same type, server and database, ignoring case). */
export function hasDataSource(list: ReadonlyArray<TDataSource>, source: TDataSource): boolean {
  const key = dataSourceKey(source);
  return list.some((listed) => dataSourceKey(listed) === key);
}

/** Scopes as typed (lines or commas) → the list, trimmed, without blanks or repeats. */
export function parseScopes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
}

export function formatScopes(scopes: ReadonlyArray<string>): string {
  return scopes.join("\n");
}

/**
 * Problems with a connector's API. `required`: a request names all of it; IT's forms may leave
 * any of it out (scopes too).
 */
export function checkConnectorApi(draft: ConnectorApiDraft, options: { required: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const vendor = draft.vendor.trim();
  if (!vendor) {
    if (options.required) errors.vendor = "Enter the company that provides the API";
  } else if (vendor.length > 200) errors.vendor = "Use at most 200 characters";
  else {
    const secret = secretProblem(vendor);
    if (secret) errors.vendor = secret;
  }
  const baseUrl = draft.baseUrl.trim();
  if (!baseUrl) {
    if (options.required) errors.baseUrl = "Enter the API's address, e.g. https://api.example.com/v1";
  } else {
    const problem = baseUrl.length > 500 ? "Use at most 500 characters" : baseUrlProblem(baseUrl);
    const secret = secretProblem(baseUrl);
    if (secret) errors.baseUrl = secret;
    else if (problem) errors.baseUrl = problem.replace(/^baseUrl /, "The address ").replace(/\.$/, "");
  }
  if (!draft.authScheme && options.required) {
    errors.authScheme = "Choose how the API checks who is calling, or “Something else, or not sure”";
  }
  const scopes = parseScopes(draft.scopes);
  if (scopes.length === 0 && options.required) {
    errors.scopes = "Enter at least one scope or permission, e.g. read:employees";
  } else if (scopes.length > MAX_SCOPES) {
    errors.scopes = `List at most ${MAX_SCOPES} scopes`;
  } else if (scopes.some((scope) => scope.length > 100)) {
    errors.scopes = "Keep each scope to 100 characters or fewer";
  } else {
    const secret = scopes.map(secretProblem).find(Boolean);
    if (secret) errors.scopes = secret;
  }
  if (!draft.dataClassification && options.required) {
    errors.dataClassification = "Choose how sensitive the data the automation reads or sends is";
  }
  return errors;
}

/** A request's details: every field; call once checkConnectorApi({ required: true }) finds nothing. */
export function toConnectorApi(draft: ConnectorApiDraft) {
  return {
    vendor: draft.vendor.trim(),
    baseUrl: draft.baseUrl.trim(),
    authScheme: draft.authScheme as AuthScheme,
    scopes: parseScopes(draft.scopes),
    dataClassification: draft.dataClassification as DataClassification,
  };
}

/** A new connector's API fields: only those filled in (the rest default on the server). */
export function toOptionalConnectorApi(draft: ConnectorApiDraft) {
  const scopes = parseScopes(draft.scopes);
  return {
    ...(draft.vendor.trim() ? { vendor: draft.vendor.trim() } : {}),
    ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
    ...(draft.authScheme ? { authScheme: draft.authScheme } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(draft.dataClassification ? { dataClassification: draft.dataClassification } : {}),
  };
}

/** The form's starting point: a connector's (or a request's) API as stored. */
export function connectorApiDraftOf(
  api: {
    vendor: string | null;
    baseUrl: string | null;
    authScheme: AuthScheme | null;
    scopes: ReadonlyArray<string>;
    dataClassification: DataClassification | null;
  } | null,
): ConnectorApiDraft {
  if (!api) return EMPTY_CONNECTOR_API;
  return {
    vendor: api.vendor ?? "",
    baseUrl: api.baseUrl ?? "",
    authScheme: api.authScheme ?? "",
    scopes: formatScopes(api.scopes),
    dataClassification: api.dataClassification ?? "",
  };
}

export interface ConnectorApiPatch {
  vendor?: string | null;
  baseUrl?: string | null;
  authScheme?: AuthScheme | null;
  scopes?: string[];
  dataClassification?: DataClassification | null;
}

/** What an edit of a connector's API changes (an emptied field: null), and its problems. */
export function connectorApiChanges(
  original: ConnectorApiDraft,
  draft: ConnectorApiDraft,
): { changes: ConnectorApiPatch; errors: FieldErrors } {
  const changes: ConnectorApiPatch = {};
  const text = (value: string) => value.trim() || null;
  if (text(draft.vendor) !== text(original.vendor)) changes.vendor = text(draft.vendor);
  if (text(draft.baseUrl) !== text(original.baseUrl)) changes.baseUrl = text(draft.baseUrl);
  if (draft.authScheme !== original.authScheme) changes.authScheme = draft.authScheme || null;
  const scopes = parseScopes(draft.scopes);
  if (JSON.stringify(scopes) !== JSON.stringify(parseScopes(original.scopes))) changes.scopes = scopes;
  if (draft.dataClassification !== original.dataClassification) {
    changes.dataClassification = draft.dataClassification || null;
  }
  const all = checkConnectorApi(draft, { required: false });
  const errors: FieldErrors = {};
  for (const field of Object.keys(changes)) {
    const message = all[field];
    if (message) errors[field] = message;
  }
  return { changes, errors };
}
