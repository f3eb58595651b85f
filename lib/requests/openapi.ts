import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { REQUEST_STATUSES } from "@/lib/domain/types";
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
import {
  REQUEST_TYPES,
  ZCreateRequestBody,
  ZRequestListQuery,
  ZWithdrawRequestBody,
} from "@/lib/requests/schemas";

// How /api/v1/requests answers (lib/requests/views.ts), for the OpenAPI document.

const timestamp = z.string().openapi({ format: "date-time" });

export const ZRequest = z
  .object({
    id: z.uuid(),
    type: z.enum(REQUEST_TYPES),
    status: z.enum(REQUEST_STATUSES),
    version: z.number().int(),
    automationId: z.uuid(),
    automation: ZNamedRef,
    prerequisiteId: z.uuid().nullable(),
    prerequisiteKey: z.string().nullable(),
    departmentId: z.uuid(),
    service: z.string().nullable(),
    justification: z.string(),
    requester: ZPersonRef,
    decidedBy: ZPersonRef.nullable(),
    decidedAt: timestamp.nullable(),
    decisionReason: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    gatewayId: z.uuid().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Request");

export function registerRequestPaths(registry: OpenAPIRegistry): void {
  const tags = ["Requests"];
  registry.registerPath({
    method: "get",
    path: "/api/v1/requests",
    tags,
    summary: "List requests",
    description:
      "The caller's own (MAKER), their departments' (MANAGER), or all (IT_APPROVER). Newest first.",
    security: SIGNED_IN,
    request: { query: ZRequestListQuery },
    responses: { 200: json(pageOf(ZRequest, "RequestPage"), "A page of requests."), ...errors(400) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/requests",
    tags,
    summary: "Request a shared-key connector or a gateway for a prerequisite",
    description:
      "MAKER, for an automation they own. The prerequisite must be of that type and OUTSTANDING, REJECTED or EXPIRED; one PENDING request per prerequisite. IT approvers are notified.",
    security: SIGNED_IN,
    request: { body: jsonBody(ZCreateRequestBody) },
    responses: {
      201: json(ZRequest, "Filed; the prerequisite is now REQUESTED."),
      ...errors(400, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/requests/{id}/withdraw",
    tags,
    summary: "Withdraw a pending request (requester)",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZWithdrawRequestBody) },
    responses: {
      200: json(ZRequest, "Withdrawn; the prerequisite re-derives."),
      ...errors(400, 403, 404, 409),
    },
  });
}
