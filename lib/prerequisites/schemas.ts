import { ZServiceKey } from "@/lib/automations/schemas";
import { PREREQUISITE_STATUSES, PREREQUISITE_TYPES } from "@/lib/domain/types";
import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { z } from "@/lib/openapi/zod";

// GET /api/v1/prerequisites and its CSV export: the drill-down behind the dashboard's
// numbers. Plain data: the pages build their links from these names.

const filters = {
  type: z
    .enum(PREREQUISITE_TYPES, { error: `type must be one of ${PREREQUISITE_TYPES.join(", ")}.` })
    .optional(),
  status: z
    .enum(PREREQUISITE_STATUSES, { error: `status must be one of ${PREREQUISITE_STATUSES.join(", ")}.` })
    .optional(),
  outstanding: z
    .enum(["true", "false"], { error: "outstanding must be true or false." })
    .transform((value) => value === "true")
    .optional()
    .openapi({
      type: "boolean",
      description: "true: only prerequisites that are not SATISFIED (the dashboard's “outstanding”).",
    }),
  departmentId: z.uuid("departmentId must be a department id.").optional(),
  automationId: z.uuid("automationId must be an automation id.").optional(),
  connectorId: z
    .uuid("connectorId must be a connector id.")
    .optional()
    .openapi({ description: "Prerequisites this connector satisfies (or satisfied, until it expired)." }),
  service: ZServiceKey.optional().openapi({ description: "The shared-key service of its system." }),
  system: z
    .string({ error: "system must be text." })
    .trim()
    .min(1, "system must not be empty.")
    .max(100, "system must be at most 100 characters.")
    .optional()
    .openapi({ description: "The name of its system, ignoring case." }),
};

export const ZPrerequisiteListQuery = z.object({ ...filters, limit: ZLimit, cursor: ZCursor }).strict();
export type TPrerequisiteListQuery = z.infer<typeof ZPrerequisiteListQuery>;

export const ZPrerequisiteExportQuery = z.object(filters).strict();
export type TPrerequisiteFilters = z.infer<typeof ZPrerequisiteExportQuery>;
/** The drill-down's filters as the pages hold them (every one optional). */
export type PrerequisiteFilters = Partial<TPrerequisiteFilters>;
