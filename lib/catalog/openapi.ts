import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZConnectorListQuery, ZGatewayListQuery, ZRevokeConnectorBody } from "@/lib/catalog/schemas";
import { CONNECTOR_SHARINGS, CONNECTOR_STATUSES, GATEWAY_KINDS, GATEWAY_STATUSES } from "@/lib/domain/types";
import {
  errors,
  json,
  jsonBody,
  pageOf,
  SIGNED_IN,
  ZIdParams,
  ZNamedRef,
  ZPersonRef,
} from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How the catalog routes answer (lib/catalog/views.ts, service.ts), for the OpenAPI document.

const timestamp = z.string().openapi({ format: "date-time" });

export const ZConnector = z
  .object({
    id: z.uuid(),
    name: z.string(),
    service: z.string(),
    ownerTeam: z.string(),
    owner: ZPersonRef.nullable(),
    keyReference: z
      .string()
      .optional()
      .openapi({ description: "Where the key lives (never the key). Only IT approvers receive it." }),
    keyExpiresAt: timestamp,
    status: z.enum(CONNECTOR_STATUSES),
    sharing: z.enum(CONNECTOR_SHARINGS),
    departments: z.array(ZNamedRef).openapi({ description: "With sharing DEPARTMENTS: who may use it." }),
    revokedAt: timestamp.nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    usable: z.boolean().openapi({ description: "APPROVED and its key not expired." }),
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
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Gateway");

const ZRevokedConnector = ZConnector.extend({
  impact: z.object({
    rederivedAutomations: z.number().int(),
    statusChanges: z.number().int(),
    notifiedOwners: z.number().int(),
  }),
}).openapi("RevokedConnector");

export function registerCatalogPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/connectors",
    tags: ["Catalog"],
    summary: "The shared-key connector catalog",
    description: "Any signed-in person. By name; keyReference only for IT approvers.",
    security: SIGNED_IN,
    request: { query: ZConnectorListQuery },
    responses: { 200: json(pageOf(ZConnector, "ConnectorPage"), "A page of connectors."), ...errors(400) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/connectors/{id}/revoke",
    tags: ["Catalog"],
    summary: "Revoke a connector (IT_APPROVER)",
    description:
      "Every automation with a SHARED_KEY system of its service re-derives in the same transaction; owners of automations that relied on it are notified.",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZRevokeConnectorBody) },
    responses: { 200: json(ZRevokedConnector, "Revoked."), ...errors(400, 403, 404, 409, 422) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/gateways",
    tags: ["Catalog"],
    summary: "Gateways and machine groups",
    security: SIGNED_IN,
    request: { query: ZGatewayListQuery },
    responses: { 200: json(pageOf(ZGateway, "GatewayPage"), "A page of gateways."), ...errors(400) },
  });
}
