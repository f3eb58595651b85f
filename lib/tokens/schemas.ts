import { z } from "zod";
import { noSecret } from "@/lib/secrets/schemas";

/** How long a token's name may be: the one source of the schema and the form. */
export const TOKEN_LIMITS = { name: 100 } as const;

export const TOKEN_LIFETIMES_DAYS = [7, 30, 90, 180, 365] as const;
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const ZCreateTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the token a name, e.g. the system that uses it.")
      .max(TOKEN_LIMITS.name, `At most ${TOKEN_LIMITS.name} characters.`)
      .superRefine(noSecret),
    expiresInDays: z.coerce
      .number()
      .int()
      .min(1, "At least 1 day.")
      .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`)
      .default(DEFAULT_TOKEN_DAYS),
  })
  .strict();
export type TCreateTokenBody = z.infer<typeof ZCreateTokenBody>;

export const ZTokenParams = z.object({ id: z.uuid("Not a token id.") }).strict();
