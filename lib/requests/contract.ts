import { ZHistoryEvent } from "@/lib/audit/contract";
import { ZConnector, ZDataSourceAnswer } from "@/lib/catalog/contract";
import { AUTH_SCHEMES, DATA_CLASSIFICATIONS } from "@/lib/catalog/schemas";
import { LAPSES } from "@/lib/domain/lapse";
import {
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  REQUEST_STATUSES,
  RUN_MODES,
} from "@/lib/domain/types";
import { ZNamedRef, ZPersonRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { REQUEST_TYPES } from "@/lib/requests/schemas";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

/** GATEWAY: the data source the automation reaches through the gateway. */
export const ZGatewayRequestDetails = ZDataSourceAnswer;

/** SHARED_KEY_CONNECTOR: the API the connector calls. */
export const ZConnectorRequestDetails = z
  .object({
    vendor: z.string(),
    baseUrl: z.string(),
    authScheme: z.enum(AUTH_SCHEMES),
    scopes: z.array(z.string()),
    dataClassification: z.enum(DATA_CLASSIFICATIONS),
  })
  .openapi("ConnectorRequestDetails");

export const ZRequestDetails = z
  .union([ZGatewayRequestDetails, ZConnectorRequestDetails])
  .nullable()
  .openapi({
    description:
      "What IT needs to act, per type: the data source of a GATEWAY request, the API of a SHARED_KEY_CONNECTOR request. null on requests filed before details were asked for.",
  });

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
    details: ZRequestDetails,
    requester: ZPersonRef,
    decidedBy: ZPersonRef.nullable(),
    decidedAt: ZTimestamp.nullable(),
    decisionReason: z.string().nullable(),
    connectorId: z.uuid().nullable(),
    gatewayId: z.uuid().nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
    ageDays: z.number().int().openapi({
      description:
        "Whole days it has been open: until now while PENDING, else until it was decided or closed.",
    }),
    assignee: ZNamedRef.nullable().openapi({ description: "The IT approver working on it." }),
  })
  .openapi("Request");

export const ZComment = z
  .object({ id: z.uuid(), body: z.string(), author: ZNamedRef, createdAt: ZTimestamp })
  .openapi("RequestComment");

export const ZRequestDetail = ZRequest.extend({
  automation: z.object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(AUTOMATION_STATUSES),
    kind: z.enum(AUTOMATION_KINDS),
    runMode: z.enum(RUN_MODES),
    department: ZNamedRef,
    owner: ZPersonRef,
  }),
  prerequisite: z
    .object({
      id: z.uuid(),
      key: z.string(),
      type: z.enum(PREREQUISITE_TYPES),
      status: z.enum(PREREQUISITE_STATUSES),
      lapse: z.enum(LAPSES).nullable().openapi({ description: "Why an EXPIRED one lapsed (see Lapse)." }),
      reason: z.string(),
      systemName: z.string().nullable(),
    })
    .nullable(),
  requesterOtherRequests: z
    .array(ZRequest)
    .openapi({ description: "Up to 20 of the requester's other requests the caller may see, newest first." }),
  comments: z.array(ZComment).openapi({ description: "Oldest first." }),
  history: z.array(ZHistoryEvent).openapi({ description: "The request's audit events, newest first." }),
  suggestedConnectors: z.array(ZConnector).openapi({
    description: "Connector requests: the catalog's connectors of the same service, usable first.",
  }),
  permissions: z
    .object({ decide: z.boolean(), assign: z.boolean(), withdraw: z.boolean(), comment: z.boolean() })
    .openapi({ description: "What the caller may do with it now." }),
}).openapi("RequestDetail");

export type GatewayRequestDetails = z.infer<typeof ZGatewayRequestDetails>;
export type ConnectorRequestDetails = z.infer<typeof ZConnectorRequestDetails>;
export type RequestDetails = z.infer<typeof ZRequestDetails>;
export type RequestRecord = z.infer<typeof ZRequest>;
export type RequestComment = z.infer<typeof ZComment>;
export type RequestDetail = z.infer<typeof ZRequestDetail>;
