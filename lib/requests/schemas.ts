import { REQUEST_STATUSES } from "@/lib/domain/types";
import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { z } from "@/lib/openapi/zod";

// Bodies and queries of /api/v1/requests. Plain data, shared with the request forms.

export const REQUEST_TYPES = ["SHARED_KEY_CONNECTOR", "GATEWAY"] as const;

const ZRequestType = z.enum(REQUEST_TYPES, { error: `type must be one of ${REQUEST_TYPES.join(", ")}.` });

export const ZCreateRequestBody = z
  .object({
    type: ZRequestType,
    automationId: z.uuid("automationId must be an automation id."),
    prerequisiteId: z.uuid("prerequisiteId must be a prerequisite id."),
    justification: z
      .string({ error: "justification must be text." })
      .trim()
      .min(1, "justification is required: say why the automation needs it.")
      .max(2000, "justification must be at most 2000 characters."),
  })
  .strict()
  .openapi("CreateRequestBody");
export type TCreateRequestBody = z.infer<typeof ZCreateRequestBody>;

export const ZWithdrawRequestBody = z
  .object({
    version: z
      .number({ error: "version must be a whole number." })
      .int("version must be a whole number.")
      .min(1, "version must be a whole number from 1.")
      .optional()
      .openapi({ description: "When sent, the withdrawal fails with 409 if the request changed since." }),
  })
  .strict()
  .openapi("WithdrawRequestBody");
export type TWithdrawRequestBody = z.infer<typeof ZWithdrawRequestBody>;

export const ZRequestListQuery = z
  .object({
    status: z
      .enum(REQUEST_STATUSES, { error: `status must be one of ${REQUEST_STATUSES.join(", ")}.` })
      .optional(),
    type: ZRequestType.optional(),
    departmentId: z.uuid("departmentId must be a department id.").optional(),
    automationId: z.uuid("automationId must be an automation id.").optional(),
    limit: ZLimit,
    cursor: ZCursor,
  })
  .strict();
export type TRequestListQuery = z.infer<typeof ZRequestListQuery>;
