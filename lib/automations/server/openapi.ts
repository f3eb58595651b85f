import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import {
  MAX_SYSTEMS,
  ZAutomationListQuery,
  ZCreateAutomationBody,
  ZRetireAutomationBody,
  ZUpdateAutomationBody,
} from "@/lib/automations/schemas";
import {
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  CREDENTIAL_STORES,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  RUN_MODES,
  SIGN_IN_METHODS,
  SYSTEM_LOCATIONS,
  WINDOWS_ACCOUNT_TYPES,
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
import { ZRequest } from "@/lib/requests/server/openapi";

// How /api/v1/automations answers, for the OpenAPI document (lib/openapi/server/registry.ts). The
// request schemas are the ones that validate; these answer schemas describe lib/automations/server/views.ts.

const timestamp = z.string().openapi({ format: "date-time" });

export const ZPrerequisiteAction = z
  .object({
    kind: z.enum(["REQUEST_CONNECTOR", "REQUEST_GATEWAY", "EDIT_SYSTEM"]),
    label: z.string(),
    service: z.string().optional(),
  })
  .openapi("PrerequisiteAction", { description: "What the maker can do next; null when nothing is to do." });

export const ZPrerequisite = z
  .object({
    id: z.uuid(),
    key: z.string().openapi({ example: "SHARED_KEY_CONNECTOR:erp" }),
    type: z.enum(PREREQUISITE_TYPES),
    status: z.enum(PREREQUISITE_STATUSES),
    systemAccessId: z.uuid().nullable(),
    systemName: z.string().nullable(),
    satisfiedBy: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    gatewayId: z.uuid().nullable(),
    reason: z.string().openapi({ description: "Why it is needed and what to do, in plain words." }),
    action: ZPrerequisiteAction.nullable(),
    updatedAt: timestamp,
  })
  .openapi("Prerequisite");

const ZSystemAccess = z
  .object({
    id: z.uuid(),
    name: z.string(),
    location: z.enum(SYSTEM_LOCATIONS),
    signInMethod: z.enum(SIGN_IN_METHODS),
    sso: z.boolean(),
    service: z.string().nullable(),
    credentialReference: z
      .object({ store: z.enum(CREDENTIAL_STORES), name: z.string(), owner: z.string(), rotatesAt: timestamp })
      .nullable(),
    machineGroup: z.string().nullable(),
    windowsAccount: z.string().nullable(),
    windowsAccountType: z.enum(WINDOWS_ACCOUNT_TYPES).nullable(),
  })
  .openapi("SystemAccess");

const summaryFields = {
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(AUTOMATION_KINDS),
  runMode: z.enum(RUN_MODES),
  status: z.enum(AUTOMATION_STATUSES),
  version: z.number().int(),
  ownerId: z.uuid(),
  owner: ZPersonRef,
  departmentId: z.uuid(),
  department: ZNamedRef,
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const ZAutomationSummary = z
  .object({
    ...summaryFields,
    outstandingCount: z.number().int().openapi({ description: "Prerequisites not SATISFIED." }),
    systemCount: z.number().int(),
  })
  .openapi("AutomationSummary");

export const ZAutomation = z
  .object({
    ...summaryFields,
    runAs: z.string().nullable(),
    gatewayId: z.uuid().nullable(),
    gateway: z
      .object({
        id: z.uuid(),
        name: z.string(),
        kind: z.enum(GATEWAY_KINDS),
        status: z.enum(GATEWAY_STATUSES),
      })
      .nullable(),
    retiredAt: timestamp.nullable(),
    systems: z.array(ZSystemAccess),
    prerequisites: z.array(ZPrerequisite),
    requests: z.array(ZRequest),
    permissions: z
      .object({ edit: z.boolean(), retire: z.boolean() })
      .openapi({ description: "What the caller may do with it now." }),
  })
  .openapi("Automation");

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
}
