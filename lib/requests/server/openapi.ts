import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { json, pageOf, signedInRoutes, ZIdParams } from "@/lib/openapi/common";
import { ZComment, ZRequest, ZRequestDetail } from "@/lib/requests/contract";
import {
  ZAssignBody,
  ZCommentBody,
  ZCreateRequestBody,
  ZDecisionBody,
  ZRequestListQuery,
  ZWithdrawRequestBody,
} from "@/lib/requests/schemas";

// How /api/v1/requests answers (lib/requests/server/views.ts), for the OpenAPI document.

export function registerRequestPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Requests", {
    "get /api/v1/requests": {
      summary: "List requests",
      description:
        "The caller's own (MAKER), their departments' (MANAGER), or all (IT_APPROVER, ADMIN). Newest first; pending requests listed by IT_APPROVER or ADMIN oldest first, unless `sort` says otherwise.",
      query: ZRequestListQuery,
      200: json(pageOf(ZRequest, "RequestPage"), "A page of requests."),
      errors: [400],
    },
    "post /api/v1/requests": {
      summary: "Request a shared-key connector or a gateway for a prerequisite",
      description:
        "MAKER, for an automation they own. The prerequisite must be of that type and OUTSTANDING, REJECTED or EXPIRED; one PENDING request per prerequisite. IT approvers are notified.",
      body: ZCreateRequestBody,
      201: json(ZRequest, "Filed; the prerequisite is now REQUESTED."),
      errors: [400, 403, 404, 409, 422],
    },
    "get /api/v1/requests/{id}": {
      summary: "A request with everything needed to decide it",
      description:
        "Visible to its requester, IT approvers and managers of its department; 404 for anyone else.",
      params: ZIdParams,
      200: json(ZRequestDetail, "The request."),
      errors: [404],
    },
    "post /api/v1/requests/{id}/decision": {
      summary: "Approve or reject a request (IT_APPROVER, not the requester)",
      description:
        "Race-safe: of concurrent decisions exactly one succeeds, the others get 409 naming who decided. Approving a SHARED_KEY_CONNECTOR request needs `connector` ({ connectorId } or a new connector); every automation that declares the service re-derives. Approving a GATEWAY request needs `gatewayId` or `gateway`; the gateway is assigned to the automation. Rejecting marks the prerequisite REJECTED with the reason. The requester is notified.",
      params: ZIdParams,
      body: ZDecisionBody,
      200: json(ZRequest, "Decided."),
      errors: [400, 403, 404, 409, 422],
    },
    "post /api/v1/requests/{id}/assign": {
      summary: "Take a pending request (IT_APPROVER): assigns it to the caller",
      params: ZIdParams,
      body: ZAssignBody,
      200: json(ZRequest, "Assigned to the caller."),
      errors: [400, 403, 404, 409, 422],
    },
    "post /api/v1/requests/{id}/comments": {
      summary: "Comment on a request (its requester, IT approvers)",
      params: ZIdParams,
      body: ZCommentBody,
      201: json(ZComment, "The comment."),
      errors: [400, 403, 404, 422],
    },
    "post /api/v1/requests/{id}/withdraw": {
      summary: "Withdraw a pending request (requester)",
      params: ZIdParams,
      body: ZWithdrawRequestBody,
      200: json(ZRequest, "Withdrawn; the prerequisite re-derives."),
      errors: [400, 403, 404, 409],
    },
  });
}
