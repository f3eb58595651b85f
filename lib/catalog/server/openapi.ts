import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  ZConnectorImpactQuery,
  ZConnectorListQuery,
  ZCreateConnectorBody,
  ZCreateGatewayBody,
  ZGatewayImpactQuery,
  ZGatewayListQuery,
  ZRevokeConnectorBody,
  ZUpdateConnectorBody,
  ZUpdateGatewayBody,
} from "@/lib/catalog/schemas";
import {
  AUTOMATION_STATUSES,
  CONNECTOR_SHARINGS,
  CONNECTOR_STATUSES,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
} from "@/lib/domain/types";
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

// How the catalog routes answer (lib/catalog/server/views.ts, service.ts), for the OpenAPI document.

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

const ZDependents = z
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

const ZConnectorDetail = ZConnector.extend({ dependents: ZDependents }).openapi("ConnectorDetail");
const ZGatewayDetail = ZGateway.extend({ admins: z.array(ZPersonRef), dependents: ZDependents }).openapi(
  "GatewayDetail",
);

const ZImpact = z
  .object({
    automations: z.number().int().openapi({ description: "Dependents (not retired)." }),
    departments: z.number().int(),
    byDepartment: z.array(z.object({ departmentId: z.uuid(), name: z.string(), count: z.number().int() })),
    wouldBlock: z
      .number()
      .int()
      .openapi({ description: "Dependents not BLOCKED now that the change would block." }),
  })
  .openapi("Impact");

export function registerCatalogPaths(registry: OpenAPIRegistry): void {
  registerCatalogWrites(registry);
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

function registerCatalogWrites(registry: OpenAPIRegistry): void {
  const tags = ["Catalog"];
  registry.registerPath({
    method: "post",
    path: "/api/v1/connectors",
    tags,
    summary: "Add a shared-key connector (IT_APPROVER)",
    description:
      "keyExpiresAt in the past → 422; a keyReference that looks like a key → 422. Every automation of the service re-derives.",
    security: SIGNED_IN,
    request: { body: jsonBody(ZCreateConnectorBody) },
    responses: { 201: json(ZConnector, "Created."), ...errors(400, 403, 422) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/connectors/{id}",
    tags,
    summary: "A connector and the automations that depend on it",
    security: SIGNED_IN,
    request: { params: ZIdParams },
    responses: { 200: json(ZConnectorDetail, "The connector."), ...errors(404) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/connectors/{id}",
    tags,
    summary: "Change a connector (IT_APPROVER)",
    description:
      "A new keyExpiresAt renews an EXPIRED connector (APPROVED again). Changes of expiry or sharing re-derive every automation of the service. Revoked connectors cannot be changed (409).",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZUpdateConnectorBody) },
    responses: { 200: json(ZConnector, "Changed."), ...errors(400, 403, 404, 409, 422) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/connectors/{id}/impact",
    tags,
    summary: "What revoking the connector would do (IT_APPROVER)",
    security: SIGNED_IN,
    request: { params: ZIdParams, query: ZConnectorImpactQuery },
    responses: { 200: json(ZImpact, "The blast radius."), ...errors(400, 403, 404) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/gateways",
    tags,
    summary: "Register a gateway or machine group (IT_APPROVER)",
    security: SIGNED_IN,
    request: { body: jsonBody(ZCreateGatewayBody) },
    responses: { 201: json(ZGatewayDetail, "Registered, ONLINE."), ...errors(400, 403, 409, 422) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/gateways/{id}",
    tags,
    summary: "A gateway, its admins and the automations assigned to it",
    security: SIGNED_IN,
    request: { params: ZIdParams },
    responses: { 200: json(ZGatewayDetail, "The gateway."), ...errors(404) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/gateways/{id}",
    tags,
    summary: "Change a gateway (IT_APPROVER)",
    description:
      "A status change re-derives every automation assigned to it at once and notifies their owners. DECOMMISSIONED is final.",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZUpdateGatewayBody) },
    responses: { 200: json(ZGatewayDetail, "Changed."), ...errors(400, 403, 404, 409, 422) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/gateways/{id}/impact",
    tags,
    summary: "What taking the gateway OFFLINE or DECOMMISSIONED would do (IT_APPROVER)",
    security: SIGNED_IN,
    request: { params: ZIdParams, query: ZGatewayImpactQuery },
    responses: { 200: json(ZImpact, "The blast radius."), ...errors(400, 403, 404) },
  });
}
