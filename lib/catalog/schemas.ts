import { ZServiceKey } from "@/lib/automations/schemas";
import { CONNECTOR_STATUSES, GATEWAY_KINDS, GATEWAY_STATUSES } from "@/lib/domain/types";
import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { z } from "@/lib/openapi/zod";

// Catalog reads (connectors, gateways) and the connector revocation body.

const q = z
  .string()
  .trim()
  .max(200, "q must be at most 200 characters.")
  .optional()
  .openapi({ description: "Matches the name (and for connectors the service), ignoring case." });

export const ZConnectorListQuery = z
  .object({
    q,
    service: ZServiceKey.optional(),
    status: z
      .enum(CONNECTOR_STATUSES, { error: `status must be one of ${CONNECTOR_STATUSES.join(", ")}.` })
      .optional(),
    limit: ZLimit,
    cursor: ZCursor,
  })
  .strict();
export type TConnectorListQuery = z.infer<typeof ZConnectorListQuery>;
export type ConnectorFilters = Partial<TConnectorListQuery>;

export const ZGatewayListQuery = z
  .object({
    q,
    status: z
      .enum(GATEWAY_STATUSES, { error: `status must be one of ${GATEWAY_STATUSES.join(", ")}.` })
      .optional(),
    kind: z.enum(GATEWAY_KINDS, { error: `kind must be one of ${GATEWAY_KINDS.join(", ")}.` }).optional(),
    limit: ZLimit,
    cursor: ZCursor,
  })
  .strict();
export type TGatewayListQuery = z.infer<typeof ZGatewayListQuery>;
export type GatewayFilters = Partial<TGatewayListQuery>;

export const ZRevokeConnectorBody = z
  .object({
    reason: z
      .string({ error: "reason must be text." })
      .trim()
      .min(1, "reason is required: the makers affected are told it.")
      .max(1000, "reason must be at most 1000 characters."),
    version: z
      .number({ error: "version must be a whole number." })
      .int("version must be a whole number.")
      .min(1, "version must be a whole number from 1.")
      .max(2_147_483_647, "version must be at most 2147483647.")
      .optional()
      .openapi({ description: "When sent, the revocation fails with 409 if the connector changed since." }),
  })
  .strict()
  .openapi("RevokeConnectorBody");
export type TRevokeConnectorBody = z.infer<typeof ZRevokeConnectorBody>;

// ---------------------------------------------------------------------------------------
// Catalog writes (IT_APPROVER). An expiry date in the past is well-formed but refused (422)
// by the service, not here: it depends on the clock, and API.md asks for 422.
// ---------------------------------------------------------------------------------------

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const ZVersion = z
  .number({ error: "version must be a whole number." })
  .int("version must be a whole number.")
  .min(1, "version must be a whole number from 1.")
      .max(2_147_483_647, "version must be at most 2147483647.")
  .openapi({ description: "The version you read; 409 when the record changed since." });

/** A calendar date ("2027-01-31", midnight UTC) or an ISO date-time with an offset. */
export const ZKeyExpiresAt = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "keyExpiresAt must be a date such as 2027-01-31 or an ISO date-time.",
  })
  .transform((value) => new Date(value))
  .openapi({ example: "2027-01-31", description: "Must be in the future (422 otherwise)." });

export const ZSharedWith = z
  .union(
    [
      z.literal("ALL"),
      z
        .array(z.uuid("sharedWith must list department ids."))
        .min(1, 'sharedWith must list at least one department, or be "ALL".')
        .max(200, "sharedWith may list at most 200 departments.")
        .transform((ids) => [...new Set(ids)]),
    ],
    { error: 'sharedWith must be "ALL" or a list of department ids.' },
  )
  .openapi({ description: '"ALL" departments, or the ids of the departments that may use it.' });
export type TSharedWith = z.infer<typeof ZSharedWith>;

const ZPersonId = (label: string) => z.uuid(`${label} must be a person's id.`);

/** The fields of a new connector; the decision body takes them without `service` (the request's). */
export const ZNewConnectorFields = z
  .object({
    name: requiredText("name", 200).openapi({ example: "SAP ERP (integration user)" }),
    ownerTeam: requiredText("ownerTeam", 200).openapi({ example: "IT Integration" }),
    ownerId: ZPersonId("ownerId")
      .optional()
      .openapi({ description: "Reminded before the key expires. Default: the IT approver who creates it." }),
    keyReference: requiredText("keyReference", 500).openapi({
      description: "Where the key lives (e.g. a Key Vault secret URI), never the key itself.",
      example: "https://kv-integration.vault.azure.net/secrets/sap-erp",
    }),
    keyExpiresAt: ZKeyExpiresAt,
    sharedWith: ZSharedWith,
  })
  .strict()
  .openapi("NewConnector");
export type TNewConnectorFields = z.infer<typeof ZNewConnectorFields>;

export const ZCreateConnectorBody = ZNewConnectorFields.extend({ service: ZServiceKey })
  .strict()
  .openapi("CreateConnectorBody");
export type TCreateConnectorBody = z.infer<typeof ZCreateConnectorBody>;
export type CreateConnectorBody = z.input<typeof ZCreateConnectorBody>;

export const ZUpdateConnectorBody = z
  .object({
    version: ZVersion,
    name: requiredText("name", 200).optional(),
    ownerTeam: requiredText("ownerTeam", 200).optional(),
    ownerId: ZPersonId("ownerId").nullable().optional().openapi({ description: "null: no owner." }),
    keyReference: requiredText("keyReference", 500).optional(),
    keyExpiresAt: ZKeyExpiresAt.optional().openapi({
      description: "A rotated key's new expiry; an EXPIRED connector becomes APPROVED again.",
    }),
    sharedWith: ZSharedWith.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, {
    message: "Send at least one field to change besides version.",
    path: ["(root)"],
  })
  .openapi("UpdateConnectorBody");
export type TUpdateConnectorBody = z.infer<typeof ZUpdateConnectorBody>;
export type UpdateConnectorBody = z.input<typeof ZUpdateConnectorBody>;

export const ZConnectorImpactQuery = z
  .object({ action: z.enum(["revoke"], { error: "action must be revoke." }) })
  .strict();

export const ZNewGatewayFields = z
  .object({
    name: requiredText("name", 200).openapi({ example: "gw-eu-west-1" }),
    kind: z
      .enum(GATEWAY_KINDS, { error: `kind must be one of ${GATEWAY_KINDS.join(", ")}.` })
      .default("DATA_GATEWAY"),
    cluster: requiredText("cluster", 200),
    host: requiredText("host", 255),
    region: requiredText("region", 100),
  })
  .strict()
  .openapi("NewGateway");
export type TNewGatewayFields = z.infer<typeof ZNewGatewayFields>;

const ZAdminIds = z
  .array(ZPersonId("adminIds"), { error: "adminIds must be a list of people's ids." })
  .max(50, "adminIds may list at most 50 people.")
  .transform((ids) => [...new Set(ids)]);

export const ZCreateGatewayBody = ZNewGatewayFields.extend({ adminIds: ZAdminIds.optional() })
  .strict()
  .openapi("CreateGatewayBody");
export type TCreateGatewayBody = z.infer<typeof ZCreateGatewayBody>;
export type CreateGatewayBody = z.input<typeof ZCreateGatewayBody>;

export const ZUpdateGatewayBody = z
  .object({
    version: ZVersion,
    name: requiredText("name", 200).optional(),
    cluster: requiredText("cluster", 200).optional(),
    host: requiredText("host", 255).optional(),
    region: requiredText("region", 100).optional(),
    status: z
      .enum(GATEWAY_STATUSES, { error: `status must be one of ${GATEWAY_STATUSES.join(", ")}.` })
      .optional()
      .openapi({ description: "Every automation assigned to it re-derives at once." }),
    adminIds: ZAdminIds.optional().openapi({ description: "Replaces the list of admins." }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, {
    message: "Send at least one field to change besides version.",
    path: ["(root)"],
  })
  .openapi("UpdateGatewayBody");
export type TUpdateGatewayBody = z.infer<typeof ZUpdateGatewayBody>;
export type UpdateGatewayBody = z.input<typeof ZUpdateGatewayBody>;

export const ZGatewayImpactQuery = z
  .object({
    status: z.enum(["OFFLINE", "DECOMMISSIONED"], { error: "status must be OFFLINE or DECOMMISSIONED." }),
  })
  .strict();
