import { ZServiceKey } from "@/lib/automations/schemas";
import { CONNECTOR_STATUSES, GATEWAY_KINDS, GATEWAY_STATUSES } from "@/lib/domain/types";
import { versionField } from "@/lib/http/version";
import { enumOf, listQuery, trueFilter } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";
import {
  checkReferenceField,
  credentialStore,
  noSecret,
  referenceDescription,
  writtenText,
} from "@/lib/secrets/schemas";

/** How long each text may be (after trimming): the one source of the schemas and the forms. */
export const CATALOG_LIMITS = {
  name: 200,
  ownerTeam: 200,
  keyReference: 600,
  revokeReason: 1000,
  cluster: 200,
  host: 255,
  region: 100,
  server: 255,
  database: 500,
  vendor: 200,
  baseUrl: 500,
  scope: 100,
} as const;

// Catalog reads (connectors, gateways) and the connector revocation body.

const q = z
  .string()
  .trim()
  .max(200, "q must be at most 200 characters.")
  .optional()
  .openapi({ description: "Matches the name (and for connectors the service), ignoring case." });

export const ZConnectorListQuery = listQuery({
  q,
  service: ZServiceKey.optional(),
  status: enumOf(CONNECTOR_STATUSES, "status").optional(),
  ownerLeft: trueFilter("ownerLeft", "true: only connectors whose owner has left."),
});
export type TConnectorListQuery = z.infer<typeof ZConnectorListQuery>;
export type ConnectorFilters = Partial<TConnectorListQuery>;

export const ZGatewayListQuery = listQuery({
  q,
  status: enumOf(GATEWAY_STATUSES, "status").optional(),
  kind: enumOf(GATEWAY_KINDS, "kind").optional(),
  adminLeft: trueFilter("adminLeft", "true: only gateways with an admin who has left."),
});
export type TGatewayListQuery = z.infer<typeof ZGatewayListQuery>;
export type GatewayFilters = Partial<TGatewayListQuery>;

export const ZRevokeConnectorBody = z
  .object({
    reason: writtenText(
      "reason",
      CATALOG_LIMITS.revokeReason,
      "reason is required: the makers affected are told it.",
    ),
    version: versionField()
      .optional()
      .openapi({ description: "When sent, the revocation fails with 409 if the connector changed since." }),
  })
  .strict()
  .openapi("RevokeConnectorBody");
export type TRevokeConnectorBody = z.infer<typeof ZRevokeConnectorBody>;

// ---------------------------------------------------------------------------------------
// Catalog writes (IT_APPROVER). An expiry date in the past is well-formed but refused (422)
// by the service, not here: it depends on the clock, and API.md asks for 422.
// ---------------------------------------------------------------------------------------

const requiredText = (label: string, max: number) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`),
    })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .superRefine(noSecret);

/** Where a connector's key lives: Key Vault unless said; its reference follows the store's grammar. */
const ZKeyStore = credentialStore("keyStore").openapi({
  description: "The store that holds the key; keyReference follows its grammar.",
});

const ZVersion = versionField().openapi({
  description: "The version you read; 409 when the record changed since.",
});

/** A calendar date ("2027-01-31", midnight UTC) or an ISO date-time with an offset. */
export const ZKeyExpiresAt = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "keyExpiresAt must be a date such as 2027-01-31 or an ISO date-time.",
  })
  .transform((value) => new Date(value))
  .openapi({ example: "2027-01-31", description: "Must be in the future (422 otherwise)." });

export const ZSharedWith = z
  .union(
    [
      z.literal("ALL"),
      z
        .array(z.uuid("sharedWith must list department ids."))
        .min(1, 'sharedWith must list at least one department, or be "ALL".')
        .max(200, "sharedWith may list at most 200 departments.")
        .transform((ids) => [...new Set(ids)]),
    ],
    { error: 'sharedWith must be "ALL" or a list of department ids.' },
  )
  .openapi({ description: '"ALL" departments, or the ids of the departments that may use it.' });
export type TSharedWith = z.infer<typeof ZSharedWith>;

const ZPersonId = (label: string) => z.uuid(`${label} must be a person's id.`);

/**
 * An object's own errors: `missing` when it is absent or not an object, and the fields it does
 * not take named (the other issues keep their fields' messages).
 */
export const objectError =
  (missing: string, what: string) =>
  (issue: { code?: string; keys?: string[] }): string | undefined => {
    if (issue.code === "invalid_type") return missing;
    if (issue.code === "unrecognized_keys") {
      return `${what} does not take ${(issue.keys ?? []).join(", ")}.`;
    }
    return undefined;
  };

// ---------------------------------------------------------------------------------------
// What IT approved: the data sources a gateway serves and a connector's API. A maker's
// request names them (lib/requests/schemas.ts), an approval carries them into the catalog,
// and IT edits them here. docs/decisions/014-request-details-into-the-catalog.md says why
// these values.
// ---------------------------------------------------------------------------------------

/** The kinds of on-premises data source a gateway connects to. */
export const DATA_SOURCE_TYPES = [
  "SQL_SERVER",
  "ORACLE",
  "POSTGRESQL",
  "MYSQL",
  "IBM_DB2",
  "SAP",
  "FILE_SHARE",
  "SHAREPOINT_ON_PREMISES",
  "ODBC",
  "WEB_APPLICATION",
  "DESKTOP_APPLICATION",
  "OTHER",
] as const;
export type DataSourceType = (typeof DATA_SOURCE_TYPES)[number];

/** The tier of the data source (not the Power Platform environment): decision 014. */
export const DATA_SOURCE_ENVIRONMENTS = ["PRODUCTION", "TEST", "DEVELOPMENT"] as const;
export type DataSourceEnvironment = (typeof DATA_SOURCE_ENVIRONMENTS)[number];

/** How a shared-key API authenticates its caller. */
export const AUTH_SCHEMES = [
  "API_KEY_HEADER",
  "API_KEY_QUERY",
  "BEARER_TOKEN",
  "BASIC",
  "OAUTH2_CLIENT_CREDENTIALS",
  "OTHER",
] as const;
export type AuthScheme = (typeof AUTH_SCHEMES)[number];

/** The company's data classification, the DataClassification enum of prisma/schema.prisma. */
export const DATA_CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

export const MAX_SCOPES = 30;
export const MAX_DATA_SOURCES = 200;

/** A data source a gateway serves; gateways dedupe them on type + server + database. */
export const ZDataSource = z
  .object(
    {
      type: enumOf(DATA_SOURCE_TYPES, "type"),
      server: requiredText("server", CATALOG_LIMITS.server).openapi({
        description: "The server or host name, with an instance or port when it has one.",
        example: "sql-fin-01.corp.example.com\\FINANCE",
      }),
      database: requiredText("database", CATALOG_LIMITS.database).openapi({
        description: "The database, share path, site, SAP system or application reached on it.",
        example: "FinanceDW",
      }),
      environment: enumOf(DATA_SOURCE_ENVIRONMENTS, "environment").openapi({
        description: "The data source's tier: PRODUCTION, TEST or DEVELOPMENT.",
      }),
    },
    {
      error: objectError("Give the data source as { type, server, database, environment }.", "A data source"),
    },
  )
  .strict()
  .openapi("DataSourceInput");
export type TDataSource = z.infer<typeof ZDataSource>;

/** The same data source, ignoring case and surrounding blanks: gateways list each once. */
export function dataSourceKey(source: Pick<TDataSource, "type" | "server" | "database">): string {
  return [source.type, source.server.trim().toLowerCase(), source.database.trim().toLowerCase()].join(
    "\u0000",
  );
}

const ZDataSources = z
  .array(ZDataSource, { error: "dataSources must be a list of data sources." })
  .max(MAX_DATA_SOURCES, `dataSources may list at most ${MAX_DATA_SOURCES} data sources.`)
  .superRefine((sources, context) => {
    const seen = new Set<string>();
    sources.forEach((source, index) => {
      const key = dataSourceKey(source);
      if (seen.has(key)) {
        context.addIssue({
          code: "custom",
          path: [index],
          message: "This data source is listed twice (same type, server and database).",
        });
      }
      seen.add(key);
    });
  });

/** An https URL with no user name, password, query or fragment: the API's base address. */
export const ZBaseUrl = requiredText("baseUrl", CATALOG_LIMITS.baseUrl)
  .superRefine((value, context) => {
    const problem = baseUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .openapi({ format: "uri", example: "https://api.workday.example.com/v1" });

/** Why `value` is not a usable base URL, or null. Shared with the forms. */
export function baseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "baseUrl must be a URL such as https://api.example.com/v1.";
  }
  if (url.protocol !== "https:") return "baseUrl must start with https://: keys must not travel unencrypted.";
  if (url.username || url.password) {
    return "baseUrl must not hold a user name or password: IT keeps credentials in a vault.";
  }
  if (url.search || url.hash) {
    return "baseUrl must not have a query string or fragment: give the API's base address only.";
  }
  return null;
}

export const ZAuthScheme = enumOf(AUTH_SCHEMES, "authScheme");
export const ZDataClassification = enumOf(DATA_CLASSIFICATIONS, "dataClassification");

/** Scopes or permissions, each short text; duplicates dropped. */
const scopeList = (min: number) =>
  z
    .array(requiredText("A scope", CATALOG_LIMITS.scope), {
      error: "scopes must be a list of scopes or permissions.",
    })
    .min(min, "scopes must list at least one scope or permission, e.g. read:employees.")
    .max(MAX_SCOPES, `scopes may list at most ${MAX_SCOPES} entries.`)
    .transform((scopes) => [...new Set(scopes)]);

export const ZScopes = scopeList(1).openapi({ example: ["read:employees", "read:org"] });

/** The API a shared-key connector calls, as a request names it and IT approves it. */
export const connectorApiFields = {
  vendor: requiredText("vendor", CATALOG_LIMITS.vendor).openapi({ example: "Workday" }),
  baseUrl: ZBaseUrl,
  authScheme: ZAuthScheme,
  scopes: ZScopes,
  dataClassification: ZDataClassification,
};

/** The fields of a new connector; the decision body takes them without `service` (the request's). */
export const ZNewConnectorFields = z
  .object({
    name: requiredText("name", CATALOG_LIMITS.name).openapi({ example: "SAP ERP (integration user)" }),
    ownerTeam: requiredText("ownerTeam", CATALOG_LIMITS.ownerTeam).openapi({ example: "IT Integration" }),
    ownerId: ZPersonId("ownerId")
      .optional()
      .openapi({ description: "Reminded before the key expires. Default: the IT approver who creates it." }),
    keyStore: ZKeyStore.default("AZURE_KEY_VAULT"),
    keyReference: requiredText("keyReference", CATALOG_LIMITS.keyReference).openapi({
      description: referenceDescription(
        "Where the key lives, in the form of keyStore, never the key itself.",
      ),
      example: "https://kv-integration.vault.azure.net/secrets/sap-erp",
    }),
    keyExpiresAt: ZKeyExpiresAt,
    sharedWith: ZSharedWith,
    vendor: connectorApiFields.vendor.optional(),
    baseUrl: connectorApiFields.baseUrl.optional(),
    authScheme: connectorApiFields.authScheme.optional(),
    scopes: connectorApiFields.scopes.optional(),
    dataClassification: connectorApiFields.dataClassification.optional(),
  })
  .strict()
  .superRefine((connector, context) =>
    checkReferenceField(context, connector.keyStore, connector.keyReference, "keyReference", "keyReference"),
  )
  .openapi("NewConnector", {
    description:
      "vendor, baseUrl, authScheme, scopes and dataClassification record the API IT approved; approving a request defaults each to what the request named.",
  });
export type TNewConnectorFields = z.infer<typeof ZNewConnectorFields>;

export const ZCreateConnectorBody = ZNewConnectorFields.extend({ service: ZServiceKey })
  .strict()
  .openapi("CreateConnectorBody");
export type TCreateConnectorBody = z.infer<typeof ZCreateConnectorBody>;
export type CreateConnectorBody = z.input<typeof ZCreateConnectorBody>;

export const ZUpdateConnectorBody = z
  .object({
    version: ZVersion,
    name: requiredText("name", CATALOG_LIMITS.name).optional(),
    ownerTeam: requiredText("ownerTeam", CATALOG_LIMITS.ownerTeam).optional(),
    ownerId: ZPersonId("ownerId").nullable().optional().openapi({ description: "null: no owner." }),
    keyStore: ZKeyStore.optional().openapi({
      description: "Without keyReference, the current reference must fit the new store (422 otherwise).",
    }),
    keyReference: requiredText("keyReference", CATALOG_LIMITS.keyReference).optional().openapi({
      description: "Follows the grammar of keyStore, or of the connector's store when keyStore is not sent.",
    }),
    keyExpiresAt: ZKeyExpiresAt.optional().openapi({
      description: "A rotated key's new expiry; an EXPIRED connector becomes APPROVED again.",
    }),
    sharedWith: ZSharedWith.optional(),
    vendor: connectorApiFields.vendor.nullable().optional().openapi({ description: "null clears it." }),
    baseUrl: connectorApiFields.baseUrl.nullable().optional().openapi({ description: "null clears it." }),
    authScheme: connectorApiFields.authScheme
      .nullable()
      .optional()
      .openapi({ description: "null clears it." }),
    scopes: scopeList(0).optional().openapi({ description: "Replaces the list; [] clears it." }),
    dataClassification: connectorApiFields.dataClassification
      .nullable()
      .optional()
      .openapi({ description: "null clears it." }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, {
    message: "Send at least one field to change besides version.",
    path: ["(root)"],
  })
  .superRefine((body, context) =>
    checkReferenceField(context, body.keyStore, body.keyReference, "keyReference", "keyReference"),
  )
  .openapi("UpdateConnectorBody");
export type TUpdateConnectorBody = z.infer<typeof ZUpdateConnectorBody>;
export type UpdateConnectorBody = z.input<typeof ZUpdateConnectorBody>;

export const ZConnectorImpactQuery = z
  .object({ action: z.enum(["revoke"], { error: "action must be revoke." }) })
  .strict();

export const ZNewGatewayFields = z
  .object({
    name: requiredText("name", CATALOG_LIMITS.name).openapi({ example: "gw-eu-west-1" }),
    kind: enumOf(GATEWAY_KINDS, "kind").default("DATA_GATEWAY"),
    cluster: requiredText("cluster", CATALOG_LIMITS.cluster),
    host: requiredText("host", CATALOG_LIMITS.host),
    region: requiredText("region", CATALOG_LIMITS.region),
  })
  .strict()
  .openapi("NewGateway");
export type TNewGatewayFields = z.infer<typeof ZNewGatewayFields>;

const ZAdminIds = z
  .array(ZPersonId("adminIds"), { error: "adminIds must be a list of people's ids." })
  .max(50, "adminIds may list at most 50 people.")
  .transform((ids) => [...new Set(ids)]);

export const ZCreateGatewayBody = ZNewGatewayFields.extend({
  adminIds: ZAdminIds.optional(),
  dataSources: ZDataSources.optional().openapi({ description: "The data sources it serves." }),
})
  .strict()
  .openapi("CreateGatewayBody");
export type TCreateGatewayBody = z.infer<typeof ZCreateGatewayBody>;
export type CreateGatewayBody = z.input<typeof ZCreateGatewayBody>;

export const ZUpdateGatewayBody = z
  .object({
    version: ZVersion,
    name: requiredText("name", CATALOG_LIMITS.name).optional(),
    cluster: requiredText("cluster", CATALOG_LIMITS.cluster).optional(),
    host: requiredText("host", CATALOG_LIMITS.host).optional(),
    region: requiredText("region", CATALOG_LIMITS.region).optional(),
    status: enumOf(GATEWAY_STATUSES, "status")
      .optional()
      .openapi({ description: "Every automation assigned to it re-derives at once." }),
    adminIds: ZAdminIds.optional().openapi({ description: "Replaces the list of admins." }),
    dataSources: ZDataSources.optional().openapi({
      description: "Replaces the list of data sources it serves (approved gateway requests append to it).",
    }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, {
    message: "Send at least one field to change besides version.",
    path: ["(root)"],
  })
  .openapi("UpdateGatewayBody");
export type TUpdateGatewayBody = z.infer<typeof ZUpdateGatewayBody>;
export type UpdateGatewayBody = z.input<typeof ZUpdateGatewayBody>;

export const ZGatewayImpactQuery = z
  .object({
    status: z.enum(["OFFLINE", "DECOMMISSIONED"], { error: "status must be OFFLINE or DECOMMISSIONED." }),
  })
  .strict();
