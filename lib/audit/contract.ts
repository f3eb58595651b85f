import { ZTimestamp } from "@/lib/openapi/common";
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

/** One line of an automation's or a request's history (lib/automations/history.ts). */
export const ZHistoryEvent = z
  .object({
    id: z.string(),
    action: z.string().openapi({ example: "request.approved" }),
    actorLabel: z.string().openapi({ description: "Who did it, as recorded at the time." }),
    actor: z.string().openapi({ description: "Who did it, in words: a person's name, or Preflight." }),
    createdAt: ZTimestamp,
    text: z.string().openapi({
      example: "IT approved the gateway request — “SQL Server” now reaches the gateway “Plant-GW-02”.",
      description: "What happened, in a plain sentence.",
    }),
    changes: z.array(z.string()).openapi({
      description:
        "What it changed in the prerequisites and the status, one sentence each. Re-derivations are not events of their own: their changes are listed under the event that caused them.",
    }),
  })
  .openapi("HistoryEvent");

export type HistoryEvent = z.infer<typeof ZHistoryEvent>;
