import type { BadgeTone } from "@/components/ui/badge";
import type {
  AuthScheme,
  DataClassification,
  DataSourceEnvironment,
  DataSourceType,
} from "@/lib/catalog/schemas";
import type { ConnectorSharing, ConnectorStatus, GatewayKind, GatewayStatus } from "@/lib/domain/types";

// The words IT reads on the catalog pages.

export const CONNECTOR_STATUS_BADGES: Record<ConnectorStatus, { label: string; tone: BadgeTone }> = {
  APPROVED: { label: "Approved", tone: "success" },
  EXPIRED: { label: "Expired", tone: "danger" },
  REVOKED: { label: "Revoked", tone: "neutral" },
};

export const GATEWAY_STATUS_BADGES: Record<GatewayStatus, { label: string; tone: BadgeTone }> = {
  ONLINE: { label: "Online", tone: "success" },
  OFFLINE: { label: "Offline", tone: "warning" },
  DECOMMISSIONED: { label: "Decommissioned", tone: "neutral" },
};

export const GATEWAY_KIND_OPTIONS: ReadonlyArray<{ value: GatewayKind; label: string; description: string }> =
  [
    {
      value: "DATA_GATEWAY",
      label: "On-premises data gateway",
      description: "Lets cloud flows reach programs and data inside the company network.",
    },
    {
      value: "MACHINE_GROUP",
      label: "Machine group",
      description: "Registered machines that run desktop flows (Power Automate machine management).",
    },
  ];

export const GATEWAY_KIND_LABELS: Record<GatewayKind, string> = {
  DATA_GATEWAY: "Data gateway",
  MACHINE_GROUP: "Machine group",
};

const DAY_MS = 86_400_000;

/** "in 12 days", "today", "3 days ago": how far a key's expiry is from now. */
export function relativeDays(value: string, now = new Date()): string {
  const days = Math.ceil((new Date(value).getTime() - now.getTime()) / DAY_MS);
  if (Number.isNaN(days)) return "";
  if (days === 0) return "today";
  if (days > 0) return days === 1 ? "in 1 day" : `in ${days} days`;
  return days === -1 ? "1 day ago" : `${-days} days ago`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/** "All departments", or the names of the departments a connector is shared with. */
export function sharingLabel(connector: {
  sharing: ConnectorSharing;
  departments: ReadonlyArray<{ name: string }>;
}): string {
  if (connector.sharing === "ALL") return "All departments";
  const names = connector.departments.map((d) => d.name);
  return names.length === 0 ? "No department" : names.join(", ");
}

// ---------------------------------------------------------------------------------------
// What a request names and the catalog records: a gateway's data sources, a connector's API.
// Makers read these when filing a request, so they say what each value means.
// ---------------------------------------------------------------------------------------

export const DATA_SOURCE_TYPE_LABELS: Record<DataSourceType, string> = {
  SQL_SERVER: "Microsoft SQL Server",
  ORACLE: "Oracle Database",
  POSTGRESQL: "PostgreSQL",
  MYSQL: "MySQL or MariaDB",
  IBM_DB2: "IBM Db2",
  SAP: "SAP (ERP, BW or HANA)",
  FILE_SHARE: "File share or network folder",
  SHAREPOINT_ON_PREMISES: "SharePoint Server (on premises)",
  ODBC: "ODBC data source",
  WEB_APPLICATION: "Internal website or web application",
  DESKTOP_APPLICATION: "Desktop application on a company computer",
  OTHER: "Something else",
};

/** What the server and database fields mean for each kind of data source, with examples. */
export const DATA_SOURCE_FIELD_TEXT: Record<
  DataSourceType | "",
  { server: string; serverExample: string; database: string; databaseExample: string }
> = {
  SQL_SERVER: {
    server: "Server name (and instance)",
    serverExample: "sql-fin-01.corp.example.com\\FINANCE",
    database: "Database name",
    databaseExample: "FinanceDW",
  },
  ORACLE: {
    server: "Server name and port",
    serverExample: "ora-erp-01.corp.example.com:1521",
    database: "Service name",
    databaseExample: "ERPPROD",
  },
  POSTGRESQL: {
    server: "Server name and port",
    serverExample: "pg-hr-01.corp.example.com:5432",
    database: "Database name",
    databaseExample: "hr",
  },
  MYSQL: {
    server: "Server name and port",
    serverExample: "mysql-web-01.corp.example.com:3306",
    database: "Database name",
    databaseExample: "intranet",
  },
  IBM_DB2: {
    server: "Server name and port",
    serverExample: "db2-core-01.corp.example.com:50000",
    database: "Database name",
    databaseExample: "CORE",
  },
  SAP: {
    server: "Application server",
    serverExample: "sap-erp-01.corp.example.com",
    database: "System ID and client",
    databaseExample: "PRD client 100",
  },
  FILE_SHARE: {
    server: "File server",
    serverExample: "fs-01.corp.example.com",
    database: "Share and folder",
    databaseExample: "\\\\fs-01\\finance\\statements",
  },
  SHAREPOINT_ON_PREMISES: {
    server: "SharePoint server address",
    serverExample: "sharepoint.corp.example.com",
    database: "Site",
    databaseExample: "/sites/finance",
  },
  ODBC: {
    server: "Computer the ODBC data source is set up on",
    serverExample: "app-01.corp.example.com",
    database: "Data source name (DSN)",
    databaseExample: "WarehouseDSN",
  },
  WEB_APPLICATION: {
    server: "Website address (host)",
    serverExample: "intranet.corp.example.com",
    database: "Application or path",
    databaseExample: "/timesheets",
  },
  DESKTOP_APPLICATION: {
    server: "Computer or machine group it runs on",
    serverExample: "rpa-vm-01.corp.example.com",
    database: "Application",
    databaseExample: "Legacy billing client",
  },
  OTHER: {
    server: "Server or host",
    serverExample: "host.corp.example.com",
    database: "Database, path or system",
    databaseExample: "what the automation reads or writes",
  },
  "": {
    server: "Server or host",
    serverExample: "sql-fin-01.corp.example.com",
    database: "Database, path or site",
    databaseExample: "FinanceDW",
  },
};

export const DATA_SOURCE_ENVIRONMENT_OPTIONS: ReadonlyArray<{
  value: DataSourceEnvironment;
  label: string;
  description: string;
}> = [
  { value: "PRODUCTION", label: "Production", description: "The live system the business works in." },
  { value: "TEST", label: "Test", description: "A copy used to try changes before they go live." },
  { value: "DEVELOPMENT", label: "Development", description: "A system for building and experimenting." },
];

export const DATA_SOURCE_ENVIRONMENT_LABELS: Record<DataSourceEnvironment, string> = {
  PRODUCTION: "Production",
  TEST: "Test",
  DEVELOPMENT: "Development",
};

export const AUTH_SCHEME_OPTIONS: ReadonlyArray<{ value: AuthScheme; label: string; description: string }> = [
  {
    value: "API_KEY_HEADER",
    label: "API key in a header",
    description: "The key travels in a request header, e.g. X-Api-Key.",
  },
  {
    value: "API_KEY_QUERY",
    label: "API key in the address",
    description: "The key is added to the URL, e.g. ?api_key=…",
  },
  {
    value: "BEARER_TOKEN",
    label: "Bearer token",
    description: "A long-lived token the vendor issues, sent as Authorization: Bearer.",
  },
  { value: "BASIC", label: "User name and password", description: "HTTP basic authentication." },
  {
    value: "OAUTH2_CLIENT_CREDENTIALS",
    label: "OAuth 2.0 client ID and secret",
    description: "The client credentials flow: the automation gets a token with an ID and a secret.",
  },
  {
    value: "OTHER",
    label: "Something else, or not sure",
    description: "IT will check the vendor's documentation.",
  },
];

export const AUTH_SCHEME_LABELS: Record<AuthScheme, string> = Object.fromEntries(
  AUTH_SCHEME_OPTIONS.map((option) => [option.value, option.label]),
) as Record<AuthScheme, string>;

export const DATA_CLASSIFICATION_OPTIONS: ReadonlyArray<{
  value: DataClassification;
  label: string;
  description: string;
}> = [
  { value: "PUBLIC", label: "Public", description: "Published, or meant for anyone to read." },
  {
    value: "INTERNAL",
    label: "Internal",
    description: "For employees only, but little harm if it leaked: org charts, schedules.",
  },
  {
    value: "CONFIDENTIAL",
    label: "Confidential",
    description: "Personal, financial or customer data: salaries, invoices, contacts.",
  },
  {
    value: "RESTRICTED",
    label: "Restricted",
    description: "The most sensitive: health or payment card data, credentials, legal matters.",
  },
];

export const DATA_CLASSIFICATION_LABELS: Record<DataClassification, string> = {
  PUBLIC: "Public",
  INTERNAL: "Internal",
  CONFIDENTIAL: "Confidential",
  RESTRICTED: "Restricted",
};

/** "Microsoft SQL Server · sql-fin-01 / FinanceDW · Production": one line for lists. */
export function dataSourceSummary(source: {
  type: DataSourceType;
  server: string;
  database: string;
  environment: DataSourceEnvironment;
}): string {
  return `${DATA_SOURCE_TYPE_LABELS[source.type]} · ${source.server} / ${source.database} · ${DATA_SOURCE_ENVIRONMENT_LABELS[source.environment]}`;
}

/** "Workday · https://… · Confidential": one line for lists. */
export function connectorApiSummary(api: {
  vendor: string;
  baseUrl: string;
  dataClassification: DataClassification;
}): string {
  return `${api.vendor} · ${api.baseUrl} · ${DATA_CLASSIFICATION_LABELS[api.dataClassification]}`;
}
