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
      .optional()
      .openapi({ description: "When sent, the revocation fails with 409 if the connector changed since." }),
  })
  .strict()
  .openapi("RevokeConnectorBody");
export type TRevokeConnectorBody = z.infer<typeof ZRevokeConnectorBody>;
