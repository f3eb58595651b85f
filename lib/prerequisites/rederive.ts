import "server-only";
import type { AuditActor } from "@/lib/audit/record";
import type { Tx } from "@/lib/db";
import { derivePrerequisites } from "@/lib/domain/prerequisites";
import type { AutomationStatus, DerivedPrerequisite, EngineInput } from "@/lib/domain/types";
import { loadEngineInputs } from "@/lib/prerequisites/load";

// Re-derivation is the only writer of prerequisites. It is set-based: whatever the number
// of automations, it reads them with a fixed handful of queries, runs the pure engine in
// memory and writes the differences back with one statement per table. That keeps
// "revoke a connector that 10,000 automations use" a single short transaction.

export interface StatusChange {
  automationId: string;
  ownerId: string;
  name: string;
  before: AutomationStatus;
  after: AutomationStatus;
}

export interface RederiveResult {
  automations: number;
  changedPrerequisites: number;
  statusChanges: StatusChange[];
}

interface ExistingRow {
  automationId: string;
  key: string;
  status: string;
  satisfiedBy: string | null;
  reason: string;
  connectorId: string | null;
  gatewayId: string | null;
  systemAccessId: string | null;
  departmentId: string;
}

/**
 * Re-derives the given automations inside the caller's transaction (which made the change
 * that caused it), with one audit event per automation whose prerequisites changed.
 */
export async function rederiveAutomations(
  tx: Tx,
  automationIds: readonly string[],
  options: { actor: AuditActor; cause: string; now?: Date },
): Promise<RederiveResult> {
  const ids = [...new Set(automationIds)].sort();
  if (ids.length === 0) return { automations: 0, changedPrerequisites: 0, statusChanges: [] };
  const now = options.now ?? new Date();
  const loaded = await loadEngineInputs(tx, ids, now);
  const existing = await tx.$queryRawUnsafe<ExistingRow[]>(
    `select "automationId", key, status::text, "satisfiedBy", reason, "connectorId", "gatewayId",
            "systemAccessId", "departmentId"
       from prerequisites where "automationId" = any($1::uuid[])`,
    ids,
  );
  const existingByKey = new Map(existing.map((row) => [`${row.automationId}\u0000${row.key}`, row]));
  // Grouped once: scanning every existing row for each automation is quadratic (10,000
  // automations × 35,000 rows for a company-wide connector).
  const existingByAutomation = new Map<string, ExistingRow[]>();
  for (const row of existing) {
    const rows = existingByAutomation.get(row.automationId);
    if (rows) rows.push(row);
    else existingByAutomation.set(row.automationId, [row]);
  }

  const upserts: Array<{ automationId: string; departmentId: string; p: DerivedPrerequisite }> = [];
  const stale: Array<{ automationId: string; key: string }> = [];
  const statusChanges: StatusChange[] = [];
  const audit: Array<{ automationId: string; before: unknown; after: unknown }> = [];

  for (const automation of loaded) {
    const derivation = derivePrerequisites(automation.input);
    const changed: Array<{ key: string; from: string | null; to: string }> = [];
    for (const p of derivation.prerequisites) {
      const old = existingByKey.get(`${automation.id}\u0000${p.key}`);
      if (!old || differs(old, p, automation.input.automation.departmentId)) {
        upserts.push({
          automationId: automation.id,
          departmentId: automation.input.automation.departmentId,
          p,
        });
      }
      if (!old || old.status !== p.status)
        changed.push({ key: p.key, from: old?.status ?? null, to: p.status });
    }
    const derivedKeys = new Set(derivation.prerequisites.map((p) => p.key));
    for (const old of existingByAutomation.get(automation.id) ?? []) {
      if (derivedKeys.has(old.key)) continue;
      changed.push({ key: old.key, from: old.status, to: "REMOVED" });
      stale.push({ automationId: automation.id, key: old.key });
    }
    if (derivation.status !== automation.status) {
      statusChanges.push({
        automationId: automation.id,
        ownerId: automation.ownerId,
        name: automation.name,
        before: automation.status,
        after: derivation.status,
      });
    }
    if (changed.length > 0 || derivation.status !== automation.status) {
      audit.push({
        automationId: automation.id,
        before: {
          status: automation.status,
          prerequisites: changed.map((c) => ({ key: c.key, status: c.from })),
        },
        after: {
          status: derivation.status,
          prerequisites: changed.map((c) => ({ key: c.key, status: c.to })),
        },
      });
    }
  }

  await writeUpserts(tx, upserts);
  await deleteStale(tx, stale);
  await writeStatuses(tx, statusChanges);
  await writeAudit(tx, audit, options);
  return { automations: loaded.length, changedPrerequisites: upserts.length, statusChanges };
}

/**
 * One INSERT … SELECT FROM unnest for every audit row: Prisma's createMany would split
 * beyond Postgres's 65,535 bind parameters, and the statement count must not grow.
 */
async function writeAudit(
  tx: Tx,
  entries: Array<{ automationId: string; before: unknown; after: unknown }>,
  options: { actor: AuditActor; cause: string },
): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRawUnsafe(
    `insert into audit_events ("actorId", "actorLabel", action, "entityType", "entityId", before, after)
     select $1::uuid, $2, 'automation.rederived', 'Automation', e.id, e.before::jsonb, e.after::jsonb
       from unnest($3::text[], $4::text[], $5::text[]) as e(id, before, after)`,
    options.actor.id,
    options.actor.label,
    entries.map((entry) => entry.automationId),
    entries.map((entry) => JSON.stringify({ ...(entry.before as object), cause: options.cause })),
    entries.map((entry) => JSON.stringify(entry.after)),
  );
}

function differs(old: ExistingRow, p: DerivedPrerequisite, departmentId: string): boolean {
  return (
    old.status !== p.status ||
    old.satisfiedBy !== p.satisfiedBy ||
    old.reason !== p.reason ||
    old.connectorId !== p.connectorId ||
    old.gatewayId !== p.gatewayId ||
    old.systemAccessId !== p.systemAccessId ||
    old.departmentId !== departmentId
  );
}

async function writeUpserts(
  tx: Tx,
  rows: Array<{ automationId: string; departmentId: string; p: DerivedPrerequisite }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `insert into prerequisites ("automationId", "departmentId", "systemAccessId", key, type, status,
                                "satisfiedBy", "connectorId", "gatewayId", reason, "updatedAt")
     select * , now() from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[],
                                  $5::text[]::"PrerequisiteType"[], $6::text[]::"PrerequisiteStatus"[],
                                  $7::text[], $8::uuid[], $9::uuid[], $10::text[])
     on conflict ("automationId", key) do update set
       "departmentId" = excluded."departmentId", "systemAccessId" = excluded."systemAccessId",
       type = excluded.type, status = excluded.status, "satisfiedBy" = excluded."satisfiedBy",
       "connectorId" = excluded."connectorId", "gatewayId" = excluded."gatewayId",
       reason = excluded.reason, "updatedAt" = now()`,
    rows.map((r) => r.automationId),
    rows.map((r) => r.departmentId),
    rows.map((r) => r.p.systemAccessId),
    rows.map((r) => r.p.key),
    rows.map((r) => r.p.type),
    rows.map((r) => r.p.status),
    rows.map((r) => r.p.satisfiedBy),
    rows.map((r) => r.p.connectorId),
    rows.map((r) => r.p.gatewayId),
    rows.map((r) => r.p.reason),
  );
}

/**
 * Deletes exactly the rows read above whose keys are no longer derived (the automations are
 * locked, so nothing else changed them since); nothing to delete is no statement at all.
 */
async function deleteStale(tx: Tx, stale: Array<{ automationId: string; key: string }>): Promise<void> {
  if (stale.length === 0) return;
  await tx.$executeRawUnsafe(
    `delete from prerequisites p
      using unnest($1::uuid[], $2::text[]) as s(a, key)
      where p."automationId" = s.a and p.key = s.key`,
    stale.map((k) => k.automationId),
    stale.map((k) => k.key),
  );
}

async function writeStatuses(tx: Tx, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.$executeRawUnsafe(
    `update automations a set status = v.status::"AutomationStatus", "updatedAt" = now()
       from unnest($1::uuid[], $2::text[]) as v(id, status)
      where a.id = v.id`,
    changes.map((c) => c.automationId),
    changes.map((c) => c.after),
  );
}

export type { EngineInput };
