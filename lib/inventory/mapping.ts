import type { SignInMethod, SystemLocation } from "@/lib/domain/types";
import type { ConnectionSource, CustomConnectorSecurity } from "./records";

// Connector and connection → the system Preflight tracks: its name, where it runs, how it
// signs in, its gateway and (for shared keys) its service key. Pure: every source calls it
// with what it knows, and what it does not know stays "UNKNOWN" — an inferred method is shown
// as "inferred from the tenant" until the owner confirms it. docs/inventory/mapping.md is
// this module as a table.

export const UNKNOWN = "UNKNOWN" as const;

export interface MappingInput {
  /** normaliseConnectorId: "shared_sql". */
  connectorId: string;
  connectorDisplayName?: string | null;
  /** True for a custom connector; null/undefined when the source cannot tell. */
  custom?: boolean | null;
  /** The connection reference's invoker/embedded flag. */
  source?: ConnectionSource | null;
  /** The connection's parameter set or legacy authType (live sync only). */
  authType?: string | null;
  /** undefined: the source cannot tell; null: no gateway; otherwise the gateway's name or id. */
  gateway?: string | null;
  /** Desktop flow connections: the machine or machine group. */
  machineOrGroup?: string | null;
  /** What is known of the custom connector itself. */
  customConnector?: {
    displayName?: string | null;
    host?: string | null;
    security?: CustomConnectorSecurity | null;
    identityProvider?: string | null;
  } | null;
}

export interface MappedSystem {
  name: string;
  location: SystemLocation | typeof UNKNOWN;
  signInMethod: SignInMethod | typeof UNKNOWN;
  /** The gateway or machine group; null when there is none; UNKNOWN when the source cannot tell. */
  gateway: string | null | typeof UNKNOWN;
  /** SHARED_KEY only: the derived service key (fits ZServiceKey). */
  service: string | null;
  /** The connector id, kept as the system's external reference. */
  externalId: string;
  /** Entra ID connections: whose connection a run-only user runs with. */
  connectionOf: "EACH_RUN_ONLY_USER" | "OWNER" | null;
  /** The connector is in the mapping table (or is a custom connector); false: listed for IT. */
  known: boolean;
  /** Why, in plain language, for the page and the preview. */
  reason: string;
}

type Family = "ENTRA" | "GATEWAY" | "FILE_SYSTEM" | "DESKTOP" | "HTTP";

/** The connectors Preflight recognises, by id. Everything else is mapped as unknown, never dropped. */
export const KNOWN_CONNECTORS: Readonly<Record<string, { name: string; family: Family }>> = {
  shared_office365: { name: "Office 365 Outlook", family: "ENTRA" },
  shared_office365users: { name: "Office 365 Users", family: "ENTRA" },
  shared_office365groups: { name: "Office 365 Groups", family: "ENTRA" },
  shared_sharepointonline: { name: "SharePoint", family: "ENTRA" },
  shared_onedriveforbusiness: { name: "OneDrive for Business", family: "ENTRA" },
  shared_teams: { name: "Microsoft Teams", family: "ENTRA" },
  shared_excelonlinebusiness: { name: "Excel Online (Business)", family: "ENTRA" },
  shared_wordonlinebusiness: { name: "Word Online (Business)", family: "ENTRA" },
  shared_onenote: { name: "OneNote (Business)", family: "ENTRA" },
  shared_planner: { name: "Planner", family: "ENTRA" },
  shared_approvals: { name: "Approvals", family: "ENTRA" },
  shared_commondataserviceforapps: { name: "Microsoft Dataverse", family: "ENTRA" },
  shared_commondataservice: { name: "Microsoft Dataverse (legacy)", family: "ENTRA" },
  shared_flowmanagement: { name: "Power Automate Management", family: "ENTRA" },
  shared_powerplatformforadmins: { name: "Power Platform for Admins", family: "ENTRA" },
  shared_sql: { name: "SQL Server", family: "GATEWAY" },
  shared_oracle: { name: "Oracle Database", family: "GATEWAY" },
  shared_db2: { name: "IBM DB2", family: "GATEWAY" },
  shared_mysql: { name: "MySQL", family: "GATEWAY" },
  shared_postgresql: { name: "PostgreSQL", family: "GATEWAY" },
  shared_filesystem: { name: "File System", family: "FILE_SYSTEM" },
  shared_uiflow: { name: "Desktop flows", family: "DESKTOP" },
  http: { name: "HTTP", family: "HTTP" },
  httpwebhook: { name: "HTTP webhook", family: "HTTP" },
};

/** A connection's parameter set or authType → a sign-in method; null when it says nothing. */
export function signInFromAuthType(authType: string | null | undefined): SignInMethod | null {
  if (!authType) return null;
  const lower = authType.trim().toLowerCase();
  if (lower.startsWith("windows")) return "WINDOWS";
  if (["sqlauthentication", "basic", "username", "usernamepassword"].includes(lower))
    return "USERNAME_PASSWORD";
  if (/^(oauth|oauthsp|certoauth|aad|entra|firstparty|serviceprincipal)/.test(lower)) return "ENTRA_ID";
  return null;
}

/** "shared_contoso-20invoicing-5fdd00…-5fbaee…" → "contoso invoicing": the name part, decoded. */
export function connectorNameFromId(connectorId: string): string {
  const decoded = connectorId
    .replace(/^shared_/, "")
    .replace(/-([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return decoded.split("_")[0]?.trim() || connectorId;
}

/** Custom connector ids end in two "-5f" + 16 hex digit parts. */
export function looksLikeCustomConnectorId(connectorId: string): boolean {
  return /-5f[0-9a-f]{16}-5f[0-9a-f]{16}$/i.test(connectorId);
}

/** The first candidate that is not blank, else the id decoded, else a placeholder IT will see. */
function nameOf(connectorId: string, ...candidates: Array<string | null | undefined>): string {
  for (const candidate of [...candidates, connectorNameFromId(connectorId)]) {
    if (candidate?.trim()) return candidate.trim();
  }
  return "Unnamed connector";
}

const SERVICE_KEY_MAX = 64;

function slug(text: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/[.-]{2,}/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");
  if (base.length <= SERVICE_KEY_MAX) return base;
  return base.slice(0, SERVICE_KEY_MAX).replace(/[.-]+[^.-]*$/, "") || base.slice(0, SERVICE_KEY_MAX);
}

/**
 * A readable service key for a custom connector (lib/automations/schemas.ts ZServiceKey):
 * from its name ("Contoso Invoicing" → "contoso-invoicing"), else its host, else its id.
 */
export function deriveServiceKey(connector: {
  displayName?: string | null;
  host?: string | null;
  connectorId?: string | null;
}): string {
  const host = connector.host?.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0];
  for (const candidate of [
    connector.displayName,
    host,
    connector.connectorId && connectorNameFromId(connector.connectorId),
  ]) {
    const key = candidate ? slug(candidate) : "";
    if (key) return key;
  }
  return "custom-connector";
}

const PRIVATE_HOST =
  /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)|\.(local|lan|internal|corp|intranet|home\.arpa)$/i;

function customLocation(
  host: string | null | undefined,
  gateway: string | null | undefined,
): MappedSystem["location"] {
  if (gateway) return "ON_PREMISES";
  if (!host) return UNKNOWN;
  const name = host.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0] ?? "";
  return PRIVATE_HOST.test(name) ? "ON_PREMISES" : "CLOUD";
}

export function mapConnector(input: MappingInput): MappedSystem {
  const connectorId = input.connectorId;
  const gateway = input.gateway === undefined ? UNKNOWN : input.gateway;
  const hasGateway = typeof input.gateway === "string";
  const fromAuthType = signInFromAuthType(input.authType);
  const base = {
    externalId: connectorId,
    service: null,
    gateway,
    connectionOf: null,
    known: true,
  } satisfies Partial<MappedSystem>;
  const known = Object.hasOwn(KNOWN_CONNECTORS, connectorId) ? KNOWN_CONNECTORS[connectorId] : undefined;

  if (input.custom || input.customConnector || (!known && looksLikeCustomConnectorId(connectorId)))
    return mapCustom(input, base);

  if (!known) {
    const name = nameOf(connectorId, input.connectorDisplayName);
    if (hasGateway)
      return {
        ...base,
        name,
        known: false,
        location: "ON_PREMISES",
        signInMethod: fromAuthType ?? UNKNOWN,
        reason: `Not in Preflight's connector table; it connects through a gateway${fromAuthType ? ` with ${input.authType}` : ""}: IT confirms.`,
      };
    return {
      ...base,
      name,
      known: false,
      location: UNKNOWN,
      signInMethod: UNKNOWN,
      reason: "Not in Preflight's connector table: listed for IT to map; unknown — confirm.",
    };
  }

  switch (known.family) {
    case "ENTRA": {
      if (hasGateway)
        return {
          ...base,
          name: known.name,
          location: "ON_PREMISES",
          signInMethod: fromAuthType ?? UNKNOWN,
          reason:
            "An on-premises data source through a gateway: the connection's authentication type decides.",
        };
      const connectionOf =
        input.source === "INVOKER" ? "EACH_RUN_ONLY_USER" : input.source === "EMBEDDED" ? "OWNER" : null;
      return {
        ...base,
        name: known.name,
        location: "CLOUD",
        signInMethod: "ENTRA_ID",
        gateway: input.gateway === undefined ? null : gateway,
        connectionOf,
        reason:
          connectionOf === "EACH_RUN_ONLY_USER"
            ? "Microsoft Entra ID; invoker connection: every run-only user needs their own connection."
            : connectionOf === "OWNER"
              ? "Microsoft Entra ID; embedded connection: everyone who runs it acts as the owner."
              : "Microsoft Entra ID.",
      };
    }
    case "GATEWAY": {
      const method = fromAuthType ?? UNKNOWN;
      const location =
        hasGateway || method === "WINDOWS"
          ? "ON_PREMISES"
          : method === "ENTRA_ID" || input.gateway === null
            ? "CLOUD"
            : UNKNOWN;
      return {
        ...base,
        name: known.name,
        location,
        signInMethod: method,
        reason: input.authType
          ? `Authentication type ${input.authType}${hasGateway ? " through a gateway" : ""}.`
          : "The authentication type is not in this source: unknown — confirm.",
      };
    }
    case "FILE_SYSTEM":
      return {
        ...base,
        name: known.name,
        location: "ON_PREMISES",
        signInMethod: "WINDOWS",
        reason: "The file system connector always signs in with a Windows account through a gateway.",
      };
    case "DESKTOP":
      return {
        ...base,
        name: known.name,
        location: "ON_PREMISES",
        signInMethod: "WINDOWS",
        gateway: input.machineOrGroup ?? (input.gateway === undefined ? UNKNOWN : gateway),
        reason: "Desktop flows sign in to Windows on a machine or machine group.",
      };
    case "HTTP":
      return {
        ...base,
        name: known.name,
        location: UNKNOWN,
        signInMethod: UNKNOWN,
        reason: "HTTP actions carry their own authentication in the flow: unknown — confirm.",
      };
  }
}

function mapCustom(
  input: MappingInput,
  base: Pick<MappedSystem, "externalId" | "service" | "gateway" | "connectionOf" | "known">,
): MappedSystem {
  const custom = input.customConnector ?? {};
  const name = nameOf(input.connectorId, custom.displayName, input.connectorDisplayName);
  const hasGateway = typeof input.gateway === "string";
  const location = customLocation(custom.host, input.gateway);
  const common = { ...base, name, location };
  switch (custom.security) {
    case "API_KEY":
      return {
        ...common,
        signInMethod: "SHARED_KEY",
        service: deriveServiceKey({ displayName: name, host: custom.host, connectorId: input.connectorId }),
        reason:
          "A custom connector secured with an API key: a shared key, with the connector as its service.",
      };
    case "BASIC":
      return {
        ...common,
        signInMethod: "USERNAME_PASSWORD",
        reason: "A custom connector with basic authentication.",
      };
    case "WINDOWS":
      return {
        ...common,
        location: "ON_PREMISES",
        signInMethod: "WINDOWS",
        reason: "A custom connector with Windows authentication through a gateway.",
      };
    case "OAUTH2": {
      const provider = custom.identityProvider?.toLowerCase() ?? "";
      const entra = ["aad", "aadcertificate", "azureactivedirectory", "azuread", "entra"].includes(provider);
      return {
        ...common,
        signInMethod: entra ? "ENTRA_ID" : UNKNOWN,
        reason: entra
          ? "A custom connector with OAuth 2.0 through Microsoft Entra ID."
          : `A custom connector with OAuth 2.0${custom.identityProvider ? ` (${custom.identityProvider})` : ""}: unknown — confirm.`,
      };
    }
    case "NONE":
      return {
        ...common,
        signInMethod: UNKNOWN,
        reason: "A custom connector without authentication: confirm how the service is protected.",
      };
    default:
      return {
        ...common,
        signInMethod: hasGateway ? (signInFromAuthType(input.authType) ?? UNKNOWN) : UNKNOWN,
        reason: "A custom connector whose security this source does not show: unknown — confirm.",
      };
  }
}
