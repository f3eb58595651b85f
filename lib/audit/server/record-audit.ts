import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimPendingIdempotencyKey } from "@/lib/http/server/idempotency";
import type { Transaction } from "@/lib/transaction";

export interface AuditActor {
  id: string | null;
  /** Shown when the actor is not a person ("system: key expiry"), or the person's e-mail. */
  label: string;
}

export const SYSTEM_ACTOR = (job: string): AuditActor => ({ id: null, label: `system: ${job}` });

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit event. Takes the transaction of the change it records, never the global client. */
export async function recordAudit(tx: Transaction, entry: AuditEntry): Promise<void> {
  // A request sent with an Idempotency-Key records it with its first audited change (decision 020).
  await claimPendingIdempotencyKey(tx);
  if ("auditEvent" in tx) {
    await tx.auditEvent.create({ data: toRow(entry) });
    return;
  }
  // A pg client, in a bulk change's own transaction: the same row in plain SQL.
  await tx.query(
    `insert into audit_events ("actorId", "actorLabel", action, "entityType", "entityId", before, after)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      entry.actor.id,
      entry.actor.label,
      entry.action,
      entry.entityType,
      entry.entityId,
      jsonText(entry.before),
      jsonText(entry.after),
    ],
  );
}

export async function recordAuditMany(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await claimPendingIdempotencyKey(tx);
  await tx.auditEvent.createMany({ data: entries.map(toRow) });
}

function toRow(entry: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

// Dates and other values go through JSON once so the stored snapshot is plain data.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
