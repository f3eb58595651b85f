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
import { errors, json, jsonBody, pageOf, SIGNED_IN, ZIdParams } from "@/lib/openapi/common";

// How the catalog routes answer (lib/catalog/server/views.ts, service.ts), for the OpenAPI document.

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
