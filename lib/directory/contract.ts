import { ZNamedRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

/** A person as the people picker offers them. */
export const ZPersonChoice = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    department: ZNamedRef.nullable(),
  })
  .openapi("PersonChoice");

export const ZPersonChoices = z
  .object({ items: z.array(ZPersonChoice).openapi({ description: "Active people, by name." }) })
  .openapi("PersonChoices");

export type PersonChoice = z.infer<typeof ZPersonChoice>;
