import { ZServiceKey } from "@/lib/automations/schemas";
import {
  ASSURANCE_BASES,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  REVIEW_OUTCOMES,
} from "@/lib/domain/types";
import { enumOf, listQuery, trueFilter } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";
import { noSecret } from "@/lib/secrets/schemas";

// GET /api/v1/prerequisites and its CSV export: the drill-down behind the dashboard's
// numbers. Plain data: the pages build their links from these names.

const filters = {
  type: enumOf(PREREQUISITE_TYPES, "type").optional(),
  status: enumOf(PREREQUISITE_STATUSES, "status").optional(),
  outstanding: z
    .enum(["true", "false"], { error: "outstanding must be true or false." })
    .transform((value) => value === "true")
    .optional()
    .openapi({
      type: "boolean",
      description: "true: only prerequisites that are not SATISFIED (the dashboard's “outstanding”).",
    }),
  basis: enumOf(ASSURANCE_BASES, "basis").optional().openapi({
    description:
      "SATISFIED prerequisites known on this basis only: DECLARED finds what is satisfied on the maker's declaration alone.",
  }),
  leaver: trueFilter(
    "leaver",
    "true: only CREDENTIAL and WINDOWS_SIGN_IN prerequisites waiting for a rotation because the person who knew them left (the leaver dashboard's figure).",
  ),
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

export const ZPrerequisiteListQuery = listQuery(filters);
export type TPrerequisiteListQuery = z.infer<typeof ZPrerequisiteListQuery>;

export const ZPrerequisiteExportQuery = z.object(filters).strict();
export type TPrerequisiteFilters = z.infer<typeof ZPrerequisiteExportQuery>;
/** The drill-down's filters as the pages hold them (every one optional). */
export type PrerequisiteFilters = Partial<TPrerequisiteFilters>;

/** POST /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review: IT's review of a declaration. */
export const ZReviewPrerequisiteBody = z
  .object({
    outcome: enumOf(REVIEW_OUTCOMES, "outcome"),
    reason: z
      .string({ error: "reason must be text." })
      .trim()
      .max(1000, "reason must be at most 1000 characters.")
      .superRefine(noSecret)
      .optional()
      .transform((value) => value || undefined)
      .openapi({ description: "Required for SENT_BACK: what the maker should change, in plain words." }),
    declaration: z
      .string({ error: "declaration must be text." })
      .max(1000, "declaration must be at most 1000 characters.")
      .superRefine(noSecret)
      .optional()
      .openapi({
        description:
          "The declaration (satisfiedBy) you reviewed. When sent and the maker has declared something else meanwhile, the answer is 409 and nothing is recorded.",
      }),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.outcome === "SENT_BACK" && !body.reason) {
      context.addIssue({
        code: "custom",
        path: ["reason"],
        message: "reason is required to send a declaration back: tell the maker what to change.",
      });
    }
  })
  .openapi("ReviewPrerequisiteBody");
export type TReviewPrerequisiteBody = z.infer<typeof ZReviewPrerequisiteBody>;
export type ReviewPrerequisiteBody = z.input<typeof ZReviewPrerequisiteBody>;

export const ZReviewParams = z.object({
  id: z.string().openapi({ format: "uuid", description: "The automation. A malformed id is answered 404." }),
  prerequisiteId: z
    .string()
    .openapi({ format: "uuid", description: "One of its prerequisites. A malformed id is answered 404." }),
});
