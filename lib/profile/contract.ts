import { Role } from "@/lib/generated/prisma/enums";
import { ZNamedRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZMe = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(Role)),
    department: ZNamedRef.nullable(),
  })
  .openapi("Me");

export type Me = z.infer<typeof ZMe>;
