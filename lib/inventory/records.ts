import { z } from "zod";

// The normalised inventory: what every source (Preflight's CSV template, CoE Starter Kit
// exports, admin PowerShell JSON, the live sync) is parsed into, so that mapping, diffing and
// applying are one code path. A field a source cannot tell is null, never guessed.

export const INVENTORY_SOURCES = ["PREFLIGHT_CSV", "COE", "POWERSHELL", "LIVE_SYNC"] as const;
export type InventorySource = (typeof INVENTORY_SOURCES)[number];

/**
 * Environment names come as "Default-<tenant guid>" from the APIs and without the prefix from
 * the CoE kit (admin_environmentid): one key for both, lower-cased.
 */
export function normaliseEnvironmentId(name: string): string {
  return name
    .trim()
    .replace(/^default-/i, "")
    .toLowerCase();
}

/** "/providers/Microsoft.PowerApps/apis/shared_sql" and "shared_sql" → "shared_sql". */
export function normaliseConnectorId(id: string): string {
  const trimmed = id.trim();
  const tail = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return tail.toLowerCase();
}

const nullableText = z.string().trim().min(1).nullable();

export const ZOwnerRef = z
  .object({
    /** Entra object id. */
    objectId: nullableText,
    upn: nullableText,
    email: nullableText,
    displayName: nullableText,
  })
  .strict();
export type TOwnerRef = z.infer<typeof ZOwnerRef>;

export const ZInventoryEnvironment = z
  .object({
    kind: z.literal("environment"),
    /** normaliseEnvironmentId of the API name. */
    id: z.string().min(1),
    /** The API name as the source wrote it (with any Default- prefix), used in API calls. */
    name: z.string().min(1),
    displayName: nullableText,
    /** Dataverse instance URL, when the environment has one. */
    instanceUrl: nullableText,
  })
  .strict();
export type TInventoryEnvironment = z.infer<typeof ZInventoryEnvironment>;

export const ZInventoryOwner = ZOwnerRef.extend({ kind: z.literal("owner") }).strict();
export type TInventoryOwner = z.infer<typeof ZInventoryOwner>;

export const CONNECTION_SOURCES = ["INVOKER", "EMBEDDED"] as const;
export type ConnectionSource = (typeof CONNECTION_SOURCES)[number];

/** "Invoker" / "invoker" / "Embedded" (flows and solution flows' runtimeSource) → the enum. */
export function parseConnectionSource(value: unknown): ConnectionSource | null {
  if (typeof value !== "string") return null;
  const lower = value.trim().toLowerCase();
  return lower === "invoker" ? "INVOKER" : lower === "embedded" ? "EMBEDDED" : null;
}

export const ZInventoryConnectionReference = z
  .object({
    kind: z.literal("connectionReference"),
    environmentId: z.string().min(1),
    flowId: z.string().min(1),
    /** normaliseConnectorId: "shared_sql", "shared_contoso-20invoicing-5f…". */
    connectorId: z.string().min(1),
    connectorDisplayName: nullableText,
    /** The connection the flow uses, when the source names it (not in CoE). */
    connectionName: nullableText,
    /** Run-only users supply their own connection (INVOKER) or use the owner's (EMBEDDED). */
    source: z.enum(CONNECTION_SOURCES).nullable(),
    custom: z.boolean().nullable(),
  })
  .strict();
export type TInventoryConnectionReference = z.infer<typeof ZInventoryConnectionReference>;

export const ZInventoryFlow = z
  .object({
    kind: z.literal("flow"),
    environmentId: z.string().min(1),
    /** The flow's GUID (REST `name`, CoE admin_flowid), lower-cased. */
    flowId: z.string().min(1),
    displayName: z.string(),
    state: z.enum(["STARTED", "STOPPED", "SUSPENDED"]).nullable(),
    owner: ZOwnerRef.nullable(),
    createdAt: nullableText,
    modifiedAt: nullableText,
    /** CoE admin_containsplaintextpassword; null where the source cannot tell. */
    containsPlainTextPassword: z.boolean().nullable(),
    deleted: z.boolean(),
    /** Inline in PowerShell and live-sync flows; null where the source lists them apart (CoE). */
    connectionReferences: z.array(ZInventoryConnectionReference).nullable(),
  })
  .strict();
export type TInventoryFlow = z.infer<typeof ZInventoryFlow>;

export const CONNECTION_STATUSES = ["CONNECTED", "ERROR", "UNKNOWN"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const ZInventoryConnection = z
  .object({
    kind: z.literal("connection"),
    environmentId: z.string().min(1),
    /** The connection's name (its id within the connector). */
    connectionName: z.string().min(1),
    connectorId: z.string().min(1),
    displayName: nullableText,
    status: z.enum(CONNECTION_STATUSES),
    /** The first error's code and message when the status is an error. */
    statusMessage: nullableText,
    /** The parameter set (sqlAuthentication, windowsAuthentication, oauth…) or legacy authType. */
    authType: nullableText,
    gateway: z.object({ id: nullableText, name: nullableText }).strict().nullable(),
    /** Desktop flows: the machine or machine group (targetId). */
    machineOrGroup: nullableText,
    accountName: nullableText,
    createdBy: ZOwnerRef.nullable(),
  })
  .strict();
export type TInventoryConnection = z.infer<typeof ZInventoryConnection>;

export const CUSTOM_CONNECTOR_SECURITIES = ["NONE", "API_KEY", "BASIC", "OAUTH2", "WINDOWS"] as const;
export type CustomConnectorSecurity = (typeof CUSTOM_CONNECTOR_SECURITIES)[number];

export const ZInventoryCustomConnector = z
  .object({
    kind: z.literal("customConnector"),
    environmentId: z.string().min(1).nullable(),
    /** normaliseConnectorId, kept as the system's external reference. */
    connectorId: z.string().min(1),
    displayName: nullableText,
    /** backendService.serviceUrl's host (CoE admin_customconnectorhost). */
    host: nullableText,
    /** null where the source cannot tell (CoE). */
    security: z.enum(CUSTOM_CONNECTOR_SECURITIES).nullable(),
    /** OAuth 2.0: "aad", "google", "oauth2"… */
    identityProvider: nullableText,
  })
  .strict();
export type TInventoryCustomConnector = z.infer<typeof ZInventoryCustomConnector>;

export const ZInventoryDesktopFlow = z
  .object({
    kind: z.literal("desktopFlow"),
    environmentId: z.string().min(1),
    /** Dataverse workflowid, lower-cased. */
    desktopFlowId: z.string().min(1),
    displayName: z.string(),
    owner: ZOwnerRef.nullable(),
    state: nullableText,
  })
  .strict();
export type TInventoryDesktopFlow = z.infer<typeof ZInventoryDesktopFlow>;

/** CoE admin_connectionreferenceidentity: someone holds a connection of this connector in this environment. */
export const ZInventoryConnectionIdentity = z
  .object({
    kind: z.literal("connectionIdentity"),
    environmentId: z.string().min(1),
    connectorId: z.string().min(1),
    accountName: nullableText,
    creatorUpn: nullableText,
    /** The account's domain is not one of the tenant's (CoE admin_noneorcrosstenantidentity). */
    crossTenant: z.boolean().nullable(),
  })
  .strict();
export type TInventoryConnectionIdentity = z.infer<typeof ZInventoryConnectionIdentity>;

/** Preflight's CSV template: one row per automation × system, as declared by the company. */
export const ZInventoryDeclaredSystem = z
  .object({
    kind: z.literal("declaredSystem"),
    environmentId: z.string().min(1),
    flowId: z.string().min(1),
    name: z.string().min(1),
    location: z.enum(["CLOUD", "ON_PREMISES"]),
    signInMethod: z.enum(["ENTRA_ID", "USERNAME_PASSWORD", "WINDOWS", "SHARED_KEY", "UNKNOWN"]),
    service: nullableText,
    gateway: nullableText,
    connectorId: nullableText,
  })
  .strict();
export type TInventoryDeclaredSystem = z.infer<typeof ZInventoryDeclaredSystem>;

export type InventoryRecord =
  | TInventoryEnvironment
  | TInventoryOwner
  | TInventoryFlow
  | TInventoryConnectionReference
  | TInventoryConnection
  | TInventoryConnectionIdentity
  | TInventoryCustomConnector
  | TInventoryDesktopFlow
  | TInventoryDeclaredSystem;

/** Where something in an upload is wrong: row 1 is the header, as a spreadsheet numbers it. */
export interface ImportError {
  file: string;
  /** Spreadsheet row (CSV) or 1-based item (JSON); null when the whole file is concerned. */
  row: number | null;
  column: string | null;
  message: string;
}

/**
 * What a parser yields, one at a time: a record, an error in one row (the rest of the file is
 * still read), or `unreadable` — the file as a whole cannot be used (not CSV or JSON, missing
 * columns), always the last event of that file.
 */
export type ParseEvent =
  | { type: "record"; record: InventoryRecord }
  | { type: "error"; error: ImportError }
  | { type: "unreadable"; error: ImportError };

/** Thrown inside a parser and turned into its `unreadable` event; never escapes one. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "UnreadableFileError";
  }
}
