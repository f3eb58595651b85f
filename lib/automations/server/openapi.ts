import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZAutomation, ZAutomationSummary } from "@/lib/automations/contract";
import {
  MAX_REASSIGN,
  MAX_SYSTEMS,
  ZAutomationListQuery,
  ZCreateAutomationBody,
  ZReassignAutomationsBody,
  ZRetireAutomationBody,
  ZUpdateAutomationBody,
} from "@/lib/automations/schemas";
import { json, pageOf, signedInRoutes, ZIdParams, ZPersonRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZReviewParams, ZReviewPrerequisiteBody } from "@/lib/prerequisites/schemas";

// How /api/v1/automations answers, for the OpenAPI document (lib/openapi/server/registry.ts). The
// request schemas are the ones that validate; these answer schemas describe lib/automations/server/views.ts.

export function registerAutomationPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Automations", {
    "get /api/v1/automations": {
      summary: "List automations",
      description:
        "MAKER: their own; MANAGER: their departments'; IT_APPROVER and ADMIN: all. Newest first, keyset-paginated.",
      query: ZAutomationListQuery,
      200: json(pageOf(ZAutomationSummary, "AutomationPage"), "A page of automations."),
      errors: [400],
    },
    "post /api/v1/automations": {
      summary: "Register an automation",
      description: `MAKER. Owned by the caller; departmentId defaults to theirs and may otherwise only be one they manage. At most ${MAX_SYSTEMS} systems, names unique ignoring case. Values that look like secrets are refused with 422.`,
      body: ZCreateAutomationBody,
      201: json(ZAutomation, "Created, with its derived prerequisites."),
      errors: [400, 403, 422],
    },
    "get /api/v1/automations/{id}": {
      summary: "Get an automation with its systems, prerequisites and requests",
      params: ZIdParams,
      200: json(ZAutomation, "The automation."),
      errors: [404],
    },
    "patch /api/v1/automations/{id}": {
      summary: "Change an automation (owner)",
      description:
        "Send the version you read; a stale one is answered 409 with `current`. Systems are replaced by name; prerequisites re-derive.",
      params: ZIdParams,
      body: ZUpdateAutomationBody,
      200: json(ZAutomation, "The changed automation."),
      errors: [400, 403, 404, 409, 422],
    },
    "post /api/v1/automations/{id}/retire": {
      summary: "Retire an automation (owner or ADMIN)",
      description: "Status RETIRED; its pending requests are cancelled.",
      params: ZIdParams,
      body: ZRetireAutomationBody,
      200: json(ZAutomation, "The retired automation."),
      errors: [400, 403, 404, 409],
    },
    "post /api/v1/automations/reassign": {
      summary: "Give automations a new owner (their department's MANAGER, or ADMIN)",
      description: `For automations without an active owner (their owner left, or an import found one with no account here), or any in the caller's scope. All or nothing: an id outside the caller's scope (or retired) is a 404 for the whole call. The new owner (by e-mail) must be an active person (422). At most ${MAX_REASSIGN} at once. Each automation's version moves on; the new owner is notified once.`,
      body: ZReassignAutomationsBody,
      200: json(
        z.object({ reassigned: z.number().int(), owner: ZPersonRef }).openapi("Reassigned"),
        "Reassigned.",
      ),
      errors: [400, 403, 404, 422],
    },
    "post /api/v1/automations/{id}/confirm": {
      summary: "Confirm the sign-in methods an inventory import inferred (owner)",
      description:
        "Its systems stop being `inferred`; as a person's word, a later import never overwrites them (a difference becomes a finding). 409 when nothing is inferred or the version is stale.",
      params: ZIdParams,
      body: ZRetireAutomationBody,
      200: json(ZAutomation, "Confirmed."),
      errors: [400, 403, 404, 409],
    },
    "post /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review": {
      summary: "Review a declared prerequisite: verify it, or send it back (IT_APPROVER)",
      description:
        "For a SATISFIED prerequisite whose basis is DECLARED (a credential reference, a Windows account, who runs it). VERIFIED makes its basis VERIFIED; SENT_BACK (reason required; also for one verified before) makes it OUTSTANDING, with IT's reason in its own, until the maker declares something else. A review applies to the declaration it reviewed: declaring something else voids it. The owner is notified. Not for your own automation (422); a prerequisite that is not satisfied, approved by IT, or verified already is 409.",
      params: ZReviewParams,
      body: ZReviewPrerequisiteBody,
      200: json(ZAutomation, "The automation, re-derived with the review."),
      errors: [400, 403, 404, 409, 422],
    },
  });
}
