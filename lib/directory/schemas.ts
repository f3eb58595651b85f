import { z } from "@/lib/openapi/zod";

// GET /api/v1/people: the people picker's type-ahead. Plain data: the picker builds its
// request from these names.

export const PEOPLE_SEARCH_LIMIT = 20;

export const ZPeopleSearchQuery = z
  .object({
    q: z
      .string({ error: "q must be text." })
      .trim()
      .max(100, "q must be at most 100 characters.")
      .optional()
      .openapi({
        description: "Part of a name or an e-mail address, ignoring case. Empty: the first by name.",
      }),
    limit: z.coerce
      .number({ error: "limit must be a number." })
      .int("limit must be a whole number.")
      .min(1, "limit must be at least 1.")
      .max(PEOPLE_SEARCH_LIMIT, `limit must be at most ${PEOPLE_SEARCH_LIMIT}.`)
      .default(10),
  })
  .strict();
export type TPeopleSearchQuery = z.infer<typeof ZPeopleSearchQuery>;
