import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  ZConnector,
  ZConnectorDetail,
  ZGateway,
  ZGatewayDetail,
  ZImpact,
  ZRevokedConnector,
} from "@/lib/catalog/contract";
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
import { json, pageOf, signedInRoutes, ZIdParams } from "@/lib/openapi/common";

// How the catalog routes answer (lib/catalog/server/views.ts, service.ts), for the OpenAPI document.

export function registerCatalogPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Catalog", {
    "post /api/v1/connectors": {
      summary: "Add a shared-key connector (IT_APPROVER)",
      description:
        "keyExpiresAt in the past → 422; a keyReference that looks like a key → 422. Every automation of the service re-derives.",
      body: ZCreateConnectorBody,
      201: json(ZConnector, "Created."),
      errors: [400, 403, 422],
    },
    "get /api/v1/connectors/{id}": {
      summary: "A connector and the automations that depend on it",
      params: ZIdParams,
      200: json(ZConnectorDetail, "The connector."),
      errors: [404],
    },
    "patch /api/v1/connectors/{id}": {
      summary: "Change a connector (IT_APPROVER)",
      description:
        "A new keyExpiresAt renews an EXPIRED connector (APPROVED again). Changes of expiry or sharing re-derive every automation of the service. Revoked connectors cannot be changed (409).",
      params: ZIdParams,
      body: ZUpdateConnectorBody,
      200: json(ZConnector, "Changed."),
      errors: [400, 403, 404, 409, 422],
    },
    "get /api/v1/connectors/{id}/impact": {
      summary: "What revoking the connector would do (IT_APPROVER)",
      params: ZIdParams,
      query: ZConnectorImpactQuery,
      200: json(ZImpact, "The blast radius."),
      errors: [400, 403, 404],
    },
    "post /api/v1/gateways": {
      summary: "Register a gateway or machine group (IT_APPROVER)",
      body: ZCreateGatewayBody,
      201: json(ZGatewayDetail, "Registered, ONLINE."),
      errors: [400, 403, 409, 422],
    },
    "get /api/v1/gateways/{id}": {
      summary: "A gateway, its admins and the automations assigned to it",
      params: ZIdParams,
      200: json(ZGatewayDetail, "The gateway."),
      errors: [404],
    },
    "patch /api/v1/gateways/{id}": {
      summary: "Change a gateway (IT_APPROVER)",
      description:
        "A status change re-derives every automation assigned to it at once and notifies their owners. DECOMMISSIONED is final.",
      params: ZIdParams,
      body: ZUpdateGatewayBody,
      200: json(ZGatewayDetail, "Changed."),
      errors: [400, 403, 404, 409, 422],
    },
    "get /api/v1/gateways/{id}/impact": {
      summary: "What taking the gateway OFFLINE or DECOMMISSIONED would do (IT_APPROVER)",
      params: ZIdParams,
      query: ZGatewayImpactQuery,
      200: json(ZImpact, "The blast radius."),
      errors: [400, 403, 404],
    },
    "get /api/v1/connectors": {
      summary: "The shared-key connector catalog",
      description: "Any signed-in person. By name; keyReference only for IT approvers.",
      query: ZConnectorListQuery,
      200: json(pageOf(ZConnector, "ConnectorPage"), "A page of connectors."),
      errors: [400],
    },
    "post /api/v1/connectors/{id}/revoke": {
      summary: "Revoke a connector (IT_APPROVER)",
      description:
        "Every automation with a SHARED_KEY system of its service re-derives in the same transaction; owners of automations that relied on it are notified.",
      params: ZIdParams,
      body: ZRevokeConnectorBody,
      200: json(ZRevokedConnector, "Revoked."),
      errors: [400, 403, 404, 409, 422],
    },
    "get /api/v1/gateways": {
      summary: "Gateways and machine groups",
      query: ZGatewayListQuery,
      200: json(pageOf(ZGateway, "GatewayPage"), "A page of gateways."),
      errors: [400],
    },
  });
}
