import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { z } from "@/lib/openapi/zod";

// Fields the features' query and body schemas share, with the error messages the API has
// always given for them.

/** One of `values`; anything else is refused naming the field and every value it takes. */
export const enumOf = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `${label} must be one of ${values.join(", ")}.` });

/** A query filter that is either "true" or left out; read as `true`. */
export const trueFilter = (label: string, description: string) =>
  z
    .enum(["true"], { error: `${label} must be "true" or left out.` })
    .transform(() => true as const)
    .optional()
    .openapi({ type: "boolean", description });

/** A list's query: its filters, then the page's `limit` and `cursor`; nothing else is accepted. */
export const listQuery = <T extends z.ZodRawShape>(filters: T) =>
  z.object({ ...filters, limit: ZLimit, cursor: ZCursor }).strict();
