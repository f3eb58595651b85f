import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZAuditEvent = z
  .object({
    id: z.string().openapi({ description: "A 64-bit integer, as a string." }),
    actorId: z.uuid().nullable().openapi({ description: "Null for the system itself (jobs)." }),
    actorLabel: z.string().openapi({ example: "ivan.it@preflight.test" }),
    action: z.string().openapi({ example: "request.approved" }),
    entityType: z.string().openapi({ example: "Request" }),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AuditEvent");

export type AuditEvent = z.infer<typeof ZAuditEvent>;
