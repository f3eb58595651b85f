import {
  connectorApiFields,
  objectError,
  ZDataSource,
  ZNewConnectorFields,
  ZNewGatewayFields,
} from "@/lib/catalog/schemas";
import { REQUEST_STATUSES } from "@/lib/domain/types";
import { versionField } from "@/lib/http/version";
import { enumOf, listQuery } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";
import { writtenText } from "@/lib/secrets/schemas";

/** How long each text may be (after trimming): the one source of the schemas and the forms. */
export const REQUEST_LIMITS = { justification: 2000, decisionReason: 2000, comment: 4000 } as const;

// Bodies and queries of /api/v1/requests. Plain data, shared with the request forms.

export const REQUEST_TYPES = ["SHARED_KEY_CONNECTOR", "GATEWAY"] as const;
export const QUEUE_SORTS = ["oldest", "newest"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export type QueueSort = (typeof QUEUE_SORTS)[number];

const ZRequestType = enumOf(REQUEST_TYPES, "type");

// What IT needs to act on a request, per type. Every text is built with the catalog's text
// helper, so that every value is trimmed, bounded and checked for pasted secrets like the rest.

/** GATEWAY: the data source the automation reaches through the gateway. */
export const ZGatewayRequestDetails = z
  .object(ZDataSource.shape, {
    error: objectError(
      "details is required for a GATEWAY request: the data source's type, server, database and environment.",
      "details of a GATEWAY request",
    ),
  })
  .strict()
  .openapi("GatewayRequestDetailsInput");
export type TGatewayRequestDetails = z.infer<typeof ZGatewayRequestDetails>;

/** SHARED_KEY_CONNECTOR: the API the connector calls. */
export const ZConnectorRequestDetails = z
  .object(connectorApiFields, {
    error: objectError(
      "details is required for a SHARED_KEY_CONNECTOR request: the API's vendor, baseUrl, authScheme, scopes and dataClassification.",
      "details of a SHARED_KEY_CONNECTOR request",
    ),
  })
  .strict()
  .openapi("ConnectorRequestDetailsInput");
export type TConnectorRequestDetails = z.infer<typeof ZConnectorRequestDetails>;

const requestFields = {
  automationId: z.uuid("automationId must be an automation id."),
  prerequisiteId: z.uuid("prerequisiteId must be a prerequisite id."),
  justification: writtenText(
    "justification",
    REQUEST_LIMITS.justification,
    "justification is required: say why the automation needs it.",
  ),
};

export const ZCreateRequestBody = z
  .discriminatedUnion(
    "type",
    [
      z
        .object({ type: z.literal("GATEWAY"), ...requestFields, details: ZGatewayRequestDetails })
        .strict()
        .openapi("CreateGatewayRequestBody"),
      z
        .object({
          type: z.literal("SHARED_KEY_CONNECTOR"),
          ...requestFields,
          details: ZConnectorRequestDetails,
        })
        .strict()
        .openapi("CreateConnectorRequestBody"),
    ],
    { error: `type must be one of ${REQUEST_TYPES.join(", ")}.` },
  )
  .openapi("CreateRequestBody", {
    description: "details depends on type: the data source for GATEWAY, the API for SHARED_KEY_CONNECTOR.",
  });
export type TCreateRequestBody = z.infer<typeof ZCreateRequestBody>;
export type CreateRequestBody = z.input<typeof ZCreateRequestBody>;
export type RequestDetailsInput = CreateRequestBody["details"];

export const ZWithdrawRequestBody = z
  .object({
    version: versionField()
      .optional()
      .openapi({ description: "When sent, the withdrawal fails with 409 if the request changed since." }),
  })
  .strict()
  .openapi("WithdrawRequestBody");
export type TWithdrawRequestBody = z.infer<typeof ZWithdrawRequestBody>;

export const ZRequestListQuery = listQuery({
  status: enumOf(REQUEST_STATUSES, "status").optional(),
  type: ZRequestType.optional(),
  departmentId: z.uuid("departmentId must be a department id.").optional(),
  automationId: z.uuid("automationId must be an automation id.").optional(),
  requesterId: z.uuid("requesterId must be a person's id.").optional(),
  minAgeDays: z.coerce
    .number({ error: "minAgeDays must be a whole number of days." })
    .int("minAgeDays must be a whole number of days.")
    .min(0, "minAgeDays must be 0 or more.")
    .max(3650, "minAgeDays must be at most 3650.")
    .optional()
    .openapi({ type: "integer", description: "Only requests filed at least this many days ago." }),
  maxAgeDays: z.coerce
    .number({ error: "maxAgeDays must be a whole number of days." })
    .int("maxAgeDays must be a whole number of days.")
    .min(1, "maxAgeDays must be 1 or more.")
    .max(3650, "maxAgeDays must be at most 3650.")
    .optional()
    .openapi({
      type: "integer",
      description: "Only requests filed less than this many days ago (the dashboard's aging buckets).",
    }),
  sort: enumOf(QUEUE_SORTS, "sort").optional().openapi({
    description:
      "By filing time. Default: oldest first for IT approvers listing PENDING requests (the queue), else newest first.",
  }),
});
export type TRequestListQuery = z.infer<typeof ZRequestListQuery>;
/** The list's filters as the pages hold them (every one optional). */
export type RequestFilters = Partial<TRequestListQuery>;

const ZVersion = versionField().openapi({
  description: "The version you read; 409 when the request changed since.",
});

const ZExistingConnector = z
  .object({ connectorId: z.uuid("connector.connectorId must be a connector id.") })
  .strict()
  .openapi("ExistingConnectorRef");

export const DECISIONS = ["APPROVE", "REJECT"] as const;
export type Decision = (typeof DECISIONS)[number];

export const ZDecisionBody = z
  .object({
    decision: enumOf(DECISIONS, "decision"),
    reason: writtenText(
      "reason",
      REQUEST_LIMITS.decisionReason,
      "reason is required: the requester is told it.",
    ),
    version: ZVersion,
    connector: z
      .union([ZExistingConnector, ZNewConnectorFields], {
        error:
          "connector must be { connectorId } of a catalog connector, or a new connector's name, ownerTeam, keyReference, keyExpiresAt and sharedWith.",
      })
      .optional()
      .openapi({
        description:
          "APPROVE of a SHARED_KEY_CONNECTOR request: link an existing connector of the request's service, or create one (its service is the request's).",
      }),
    gatewayId: z
      .uuid("gatewayId must be a gateway id.")
      .optional()
      .openapi({ description: "APPROVE of a GATEWAY request: assign this existing gateway." }),
    gateway: ZNewGatewayFields.optional().openapi({
      description: "APPROVE of a GATEWAY request: register this new gateway and assign it.",
    }),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.decision === "REJECT") {
      for (const field of ["connector", "gatewayId", "gateway"] as const) {
        if (body[field] !== undefined) {
          context.addIssue({ code: "custom", path: [field], message: `${field} is only for APPROVE.` });
        }
      }
    }
    if (body.gatewayId !== undefined && body.gateway !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["gateway"],
        message: "Send gatewayId (an existing gateway) or gateway (a new one), not both.",
      });
    }
  })
  .openapi("DecisionBody");
export type TDecisionBody = z.infer<typeof ZDecisionBody>;
export type DecisionBody = z.input<typeof ZDecisionBody>;

export const ZAssignBody = z.object({ version: ZVersion }).strict().openapi("AssignRequestBody");
export type TAssignBody = z.infer<typeof ZAssignBody>;

export const ZCommentBody = z
  .object({
    body: writtenText("body", REQUEST_LIMITS.comment, "body is required."),
  })
  .strict()
  .openapi("CreateCommentBody");
export type TCommentBody = z.infer<typeof ZCommentBody>;

/** GET /api/v1/requests/export: the list's filters, every page. */
export const ZRequestExportQuery = ZRequestListQuery.omit({ limit: true, cursor: true });
export type TRequestExportQuery = z.infer<typeof ZRequestExportQuery>;
