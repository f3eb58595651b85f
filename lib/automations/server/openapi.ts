import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZAutomation, ZAutomationSummary } from "@/lib/automations/contract";
import {
  MAX_SYSTEMS,
  ZAutomationListQuery,
  ZCreateAutomationBody,
  ZRetireAutomationBody,
  ZUpdateAutomationBody,
} from "@/lib/automations/schemas";
import { errors, json, jsonBody, pageOf, SIGNED_IN, ZIdParams } from "@/lib/openapi/common";
import { ZReviewParams, ZReviewPrerequisiteBody } from "@/lib/prerequisites/schemas";

// How /api/v1/automations answers, for the OpenAPI document (lib/openapi/server/registry.ts). The
// request schemas are the ones that validate; these answer schemas describe lib/automations/server/views.ts.

export function registerAutomationPaths(registry: OpenAPIRegistry): void {
  const tags = ["Automations"];
  registry.registerPath({
    method: "get",
    path: "/api/v1/automations",
    tags,
    summary: "List automations",
    description:
      "MAKER: their own; MANAGER: their departments'; IT_APPROVER and ADMIN: all. Newest first, keyset-paginated.",
    security: SIGNED_IN,
    request: { query: ZAutomationListQuery },
    responses: {
      200: json(pageOf(ZAutomationSummary, "AutomationPage"), "A page of automations."),
      ...errors(400),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/automations",
    tags,
    summary: "Register an automation",
    description: `MAKER. Owned by the caller; departmentId defaults to theirs and may otherwise only be one they manage. At most ${MAX_SYSTEMS} systems, names unique ignoring case. Values that look like secrets are refused with 422.`,
    security: SIGNED_IN,
    request: { body: jsonBody(ZCreateAutomationBody) },
    responses: {
      201: json(ZAutomation, "Created, with its derived prerequisites."),
      ...errors(400, 403, 422),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/automations/{id}",
    tags,
    summary: "Get an automation with its systems, prerequisites and requests",
    security: SIGNED_IN,
    request: { params: ZIdParams },
    responses: { 200: json(ZAutomation, "The automation."), ...errors(404) },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/automations/{id}",
    tags,
    summary: "Change an automation (owner)",
    description:
      "Send the version you read; a stale one is answered 409 with `current`. Systems are replaced by name; prerequisites re-derive.",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZUpdateAutomationBody) },
    responses: { 200: json(ZAutomation, "The changed automation."), ...errors(400, 403, 404, 409, 422) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/automations/{id}/retire",
    tags,
    summary: "Retire an automation (owner or ADMIN)",
    description: "Status RETIRED; its pending requests are cancelled.",
    security: SIGNED_IN,
    request: { params: ZIdParams, body: jsonBody(ZRetireAutomationBody) },
    responses: { 200: json(ZAutomation, "The retired automation."), ...errors(400, 403, 404, 409) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/automations/{id}/prerequisites/{prerequisiteId}/review",
    tags,
    summary: "Review a declared prerequisite: verify it, or send it back (IT_APPROVER)",
    description:
      "For a SATISFIED prerequisite whose basis is DECLARED (a credential reference, a Windows account, who runs it). VERIFIED makes its basis VERIFIED; SENT_BACK (reason required; also for one verified before) makes it OUTSTANDING, with IT's reason in its own, until the maker declares something else. A review applies to the declaration it reviewed: declaring something else voids it. The owner is notified. Not for your own automation (422); a prerequisite that is not satisfied, approved by IT, or verified already is 409.",
    security: SIGNED_IN,
    request: { params: ZReviewParams, body: jsonBody(ZReviewPrerequisiteBody) },
    responses: {
      200: json(ZAutomation, "The automation, re-derived with the review."),
      ...errors(400, 403, 404, 409, 422),
    },
  });
}
