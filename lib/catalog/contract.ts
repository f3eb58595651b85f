import {
  AUTH_SCHEMES,
  DATA_CLASSIFICATIONS,
  DATA_SOURCE_ENVIRONMENTS,
  DATA_SOURCE_TYPES,
} from "@/lib/catalog/schemas";
import {
  AUTOMATION_STATUSES,
  CONNECTOR_SHARINGS,
  CONNECTOR_STATUSES,
  CREDENTIAL_STORES,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
} from "@/lib/domain/types";
import { ZNamedRef, ZPersonRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { HIDDEN } from "@/lib/secrets/mask";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

/** A data source a gateway serves (and a gateway request names). */
export const ZDataSourceAnswer = z
  .object({
    type: z.enum(DATA_SOURCE_TYPES),
    server: z.string(),
    database: z.string(),
    environment: z.enum(DATA_SOURCE_ENVIRONMENTS),
  })
  .openapi("DataSource");

/** The API a shared-key connector calls: what IT approved, from the request or entered. */
const connectorApi = {
  vendor: z.string().nullable(),
  baseUrl: z.string().nullable(),
  authScheme: z.enum(AUTH_SCHEMES).nullable(),
  scopes: z.array(z.string()).openapi({ description: "The scopes or permissions granted." }),
  dataClassification: z.enum(DATA_CLASSIFICATIONS).nullable(),
};

export const ZConnector = z
  .object({
    id: z.uuid(),
    name: z.string(),
    service: z.string(),
    ownerTeam: z.string(),
    owner: ZPersonRef.nullable(),
    keyStore: z
      .enum(CREDENTIAL_STORES)
      .optional()
      .openapi({ description: "The store that holds the key. Only IT approvers receive it." }),
    keyReference: z
      .string()
      .optional()
      .openapi({
        description: `Where the key lives (never the key). Only IT approvers receive it; a stored value that fails its store's grammar or looks like a secret reads "${HIDDEN}".`,
      }),
    keyExpiresAt: ZTimestamp,
    status: z.enum(CONNECTOR_STATUSES),
    sharing: z.enum(CONNECTOR_SHARINGS),
    departments: z.array(ZNamedRef).openapi({ description: "With sharing DEPARTMENTS: who may use it." }),
    ...connectorApi,
    revokedAt: ZTimestamp.nullable(),
    version: z.number().int(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
    usable: z.boolean().openapi({ description: "APPROVED and its key not expired." }),
    ownerLeft: z.boolean().openapi({
      description:
        "Its owner (the person reminded before the key expires, the owner team's contact) has been deactivated: IT names a new one.",
    }),
    availableToYou: z.boolean().openapi({ description: "Shared with all departments or with the caller's." }),
  })
  .openapi("Connector");

export const ZGateway = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(GATEWAY_KINDS),
    cluster: z.string(),
    host: z.string(),
    region: z.string(),
    status: z.enum(GATEWAY_STATUSES),
    dataSources: z
      .array(ZDataSourceAnswer)
      .openapi({ description: "The data sources it serves, in the order they were added." }),
    adminsLeft: z.array(ZPersonRef).openapi({
      description: "Its admins who have been deactivated (left), by name: IT names others and removes them.",
    }),
    version: z.number().int(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi("Gateway");

export const ZRevokedConnector = ZConnector.extend({
  impact: z.object({
    rederivedAutomations: z.number().int(),
    statusChanges: z.number().int(),
    notifiedOwners: z.number().int(),
  }),
}).openapi("RevokedConnector");

export const ZDependents = z
  .object({
    automations: z
      .array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          status: z.enum(AUTOMATION_STATUSES),
          department: ZNamedRef,
          owner: ZNamedRef,
        }),
      )
      .openapi({ description: "The first 200 by name, within what the caller may see." }),
    total: z.number().int(),
    departments: z.number().int(),
  })
  .openapi("Dependents");

export const ZConnectorDetail = ZConnector.extend({ dependents: ZDependents }).openapi("ConnectorDetail");
export const ZGatewayDetail = ZGateway.extend({
  admins: z.array(ZPersonRef),
  dependents: ZDependents,
}).openapi("GatewayDetail");

export const ZImpact = z
  .object({
    automations: z.number().int().openapi({ description: "Dependents (not retired)." }),
    departments: z.number().int(),
    byDepartment: z.array(
      z.object({
        departmentId: z.uuid(),
        name: z.string(),
        count: z.number().int().openapi({ description: "Its dependents in this department." }),
        wouldBlock: z.number().int().openapi({ description: "Of those, how many the change would block." }),
      }),
    ),
    wouldBlock: z
      .number()
      .int()
      .openapi({ description: "Dependents not BLOCKED now that the change would block." }),
  })
  .openapi("Impact");

export type DataSource = z.infer<typeof ZDataSourceAnswer>;
export type Connector = z.infer<typeof ZConnector>;
export type Gateway = z.infer<typeof ZGateway>;
export type RevokedConnector = z.infer<typeof ZRevokedConnector>;
export type Dependents = z.infer<typeof ZDependents>;
export type ConnectorDetail = z.infer<typeof ZConnectorDetail>;
export type GatewayDetail = z.infer<typeof ZGatewayDetail>;
export type Impact = z.infer<typeof ZImpact>;
