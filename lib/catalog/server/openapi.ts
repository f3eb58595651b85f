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
import { answers, json, jsonBody, pageOf, signedInRoutes, ZIdParams } from "@/lib/openapi/common";

// How the catalog routes answer (lib/catalog/server/views.ts, service.ts), for the OpenAPI document.

export function registerCatalogPaths(registry: OpenAPIRegistry): void {
  registerCatalogWrites(registry);
  const route = signedInRoutes(registry, "Catalog");
  route({
    method: "get",
    path: "/api/v1/connectors",
    summary: "The shared-key connector catalog",
    description: "Any signed-in person. By name; keyReference only for IT approvers.",
    request: { query: ZConnectorListQuery },
    responses: answers(200, json(pageOf(ZConnector, "ConnectorPage"), "A page of connectors."), 400),
  });
  route({
    method: "post",
    path: "/api/v1/connectors/{id}/revoke",
    summary: "Revoke a connector (IT_APPROVER)",
    description:
      "Every automation with a SHARED_KEY system of its service re-derives in the same transaction; owners of automations that relied on it are notified.",
    request: { params: ZIdParams, body: jsonBody(ZRevokeConnectorBody) },
    responses: answers(200, json(ZRevokedConnector, "Revoked."), 400, 403, 404, 409, 422),
  });
  route({
    method: "get",
    path: "/api/v1/gateways",
    summary: "Gateways and machine groups",
    request: { query: ZGatewayListQuery },
    responses: answers(200, json(pageOf(ZGateway, "GatewayPage"), "A page of gateways."), 400),
  });
}

function registerCatalogWrites(registry: OpenAPIRegistry): void {
  const route = signedInRoutes(registry, "Catalog");
  route({
    method: "post",
    path: "/api/v1/connectors",
    summary: "Add a shared-key connector (IT_APPROVER)",
    description:
      "keyExpiresAt in the past → 422; a keyReference that looks like a key → 422. Every automation of the service re-derives.",
    request: { body: jsonBody(ZCreateConnectorBody) },
    responses: answers(201, json(ZConnector, "Created."), 400, 403, 422),
  });
  route({
    method: "get",
    path: "/api/v1/connectors/{id}",
    summary: "A connector and the automations that depend on it",
    request: { params: ZIdParams },
    responses: answers(200, json(ZConnectorDetail, "The connector."), 404),
  });
  route({
    method: "patch",
    path: "/api/v1/connectors/{id}",
    summary: "Change a connector (IT_APPROVER)",
    description:
      "A new keyExpiresAt renews an EXPIRED connector (APPROVED again). Changes of expiry or sharing re-derive every automation of the service. Revoked connectors cannot be changed (409).",
    request: { params: ZIdParams, body: jsonBody(ZUpdateConnectorBody) },
    responses: answers(200, json(ZConnector, "Changed."), 400, 403, 404, 409, 422),
  });
  route({
    method: "get",
    path: "/api/v1/connectors/{id}/impact",
    summary: "What revoking the connector would do (IT_APPROVER)",
    request: { params: ZIdParams, query: ZConnectorImpactQuery },
    responses: answers(200, json(ZImpact, "The blast radius."), 400, 403, 404),
  });
  route({
    method: "post",
    path: "/api/v1/gateways",
    summary: "Register a gateway or machine group (IT_APPROVER)",
    request: { body: jsonBody(ZCreateGatewayBody) },
    responses: answers(201, json(ZGatewayDetail, "Registered, ONLINE."), 400, 403, 409, 422),
  });
  route({
    method: "get",
    path: "/api/v1/gateways/{id}",
    summary: "A gateway, its admins and the automations assigned to it",
    request: { params: ZIdParams },
    responses: answers(200, json(ZGatewayDetail, "The gateway."), 404),
  });
  route({
    method: "patch",
    path: "/api/v1/gateways/{id}",
    summary: "Change a gateway (IT_APPROVER)",
    description:
      "A status change re-derives every automation assigned to it at once and notifies their owners. DECOMMISSIONED is final.",
    request: { params: ZIdParams, body: jsonBody(ZUpdateGatewayBody) },
    responses: answers(200, json(ZGatewayDetail, "Changed."), 400, 403, 404, 409, 422),
  });
  route({
    method: "get",
    path: "/api/v1/gateways/{id}/impact",
    summary: "What taking the gateway OFFLINE or DECOMMISSIONED would do (IT_APPROVER)",
    request: { params: ZIdParams, query: ZGatewayImpactQuery },
    responses: answers(200, json(ZImpact, "The blast radius."), 400, 403, 404),
  });
}
