import { observeRederive } from "@/lib/metrics";
import "server-only";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import { derivePrerequisites } from "@/lib/domain/prerequisites";
import type { AssuranceBasis, AutomationStatus, DerivedPrerequisite, EngineInput } from "@/lib/domain/types";
import { type LoadedAutomation, loadEngineInputs } from "@/lib/prerequisites/server/load-engine-inputs";
import { type Statements, statements, type Transaction } from "@/lib/transaction";

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

/** A re-derived automation as it is now stored. */
export interface DerivedAutomation {
  id: string;
  ownerId: string;
  status: AutomationStatus;
  prerequisites: readonly DerivedPrerequisite[];
}

/** What a re-derivation did: how many automations it re-derived, rows it wrote, statuses it changed. */
export interface RederiveSummary {
  automations: number;
  changedPrerequisites: number;
  statusChanges: StatusChange[];
}

export interface RederiveResult extends RederiveSummary {
  derived: DerivedAutomation[];
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
  basis: AssuranceBasis | null;
  basisById: string | null;
  basisAt: Date | null;
  updatedAt: Date;
}

/** How a SATISFIED prerequisite is known, by whom (null: the system, "IT") and since when. */
interface BasisColumns {
  basis: AssuranceBasis | null;
  basisById: string | null;
  basisAt: Date | null;
}

const NO_BASIS: BasisColumns = { basis: null, basisById: null, basisAt: null };

/**
 * Re-derives the given automations inside the caller's transaction (which made the change
 * that caused it), with one audit event per automation whose prerequisites changed.
 */
export async function rederiveAutomations(
  tx: Transaction,
  automationIds: readonly string[],
  options: { actor: AuditActor; cause: string; now?: Date },
): Promise<RederiveResult> {
  const ids = [...new Set(automationIds)].sort();
  if (ids.length === 0) return { automations: 0, changedPrerequisites: 0, statusChanges: [], derived: [] };
  const now = options.now ?? new Date();
  const startedAt = performance.now();
  const sql = statements(tx);
  const loaded = await loadEngineInputs(tx, ids, now);
  // Sent before the engine runs, so that Postgres reads the stored rows meanwhile.
  const reading = started(
    sql.rows<ExistingRow>(
      `select "automationId", key, status::text, "satisfiedBy", reason, "connectorId", "gatewayId",
              "systemAccessId", "departmentId", basis::text, "basisById", "basisAt", "updatedAt"
         from prerequisites where "automationId" = any($1::uuid[])`,
      [ids],
    ),
  );
  const derived = loaded.map((automation): DerivedAutomation => {
    const { prerequisites, status } = derivePrerequisites(automation.input);
    return { id: automation.id, ownerId: automation.ownerId, status, prerequisites };
  });
  const statusChanges = loaded.flatMap((automation, i): StatusChange[] => {
    const after = derived[i]!.status;
    if (after === automation.status) return [];
    const { id, ownerId, name, status: before } = automation;
    return [{ automationId: id, ownerId, name, before, after }];
  });
  const existing = await reading;

  // One statement is in flight at a time, each sent as soon as its parameters are ready: the
  // statuses first; while Postgres updates them the stored rows are compared, and while it
  // writes the prerequisites the audit's documents are built.
  const statuses = started(writeStatuses(sql, statusChanges));
  const { upserts, stale, audit } = compare(loaded, derived, existing, now);
  const upsertValues = upsertParameters(upserts);
  await statuses;
  const upserted = started(writeUpserts(sql, upsertValues));
  const auditValues = auditParameters(audit, options);
  await upserted;
  await deleteStale(sql, stale);
  await writeAudit(sql, auditValues);
  observeRederive(options.cause, (performance.now() - startedAt) / 1000);
  return { automations: loaded.length, changedPrerequisites: upserts.length, statusChanges, derived };
}

interface Upsert {
  automationId: string;
  departmentId: string;
  p: DerivedPrerequisite;
  basis: BasisColumns;
}

interface Differences {
  /** Derived rows that are new or differ from the stored ones. */
  upserts: Upsert[];
  /** Stored rows whose keys are no longer derived. */
  stale: Array<{ automationId: string; key: string }>;
  /** One entry per automation whose status or prerequisites' statuses changed. */
  audit: Array<{ automationId: string; before: unknown; after: unknown }>;
}

/** What re-derivation changes: the derived automations against the rows stored for them. */
function compare(
  loaded: readonly LoadedAutomation[],
  derived: readonly DerivedAutomation[],
  existing: readonly ExistingRow[],
  now: Date,
): Differences {
  // Grouped once: scanning every existing row for each automation is quadratic (10,000
  // automations × 35,000 rows for a company-wide connector).
  const existingByAutomation = new Map<string, Map<string, ExistingRow>>();
  for (const row of existing) {
    const rows = existingByAutomation.get(row.automationId);
    if (rows) rows.set(row.key, row);
    else existingByAutomation.set(row.automationId, new Map([[row.key, row]]));
  }

  const differences: Differences = { upserts: [], stale: [], audit: [] };
  for (const [i, automation] of loaded.entries()) {
    const derivation = derived[i]!;
    const { departmentId } = automation.input.automation;
    const existingRows = existingByAutomation.get(automation.id);
    const changed: Array<{ key: string; from: string | null; to: string }> = [];
    for (const p of derivation.prerequisites) {
      const old = existingRows?.get(p.key);
      const basis = basisOf(automation, p, old, now);
      if (!old || differs(old, p, departmentId, basis)) {
        differences.upserts.push({ automationId: automation.id, departmentId, p, basis });
      }
      if (!old || old.status !== p.status)
        changed.push({ key: p.key, from: old?.status ?? null, to: p.status });
    }
    const derivedKeys = new Set(derivation.prerequisites.map((p) => p.key));
    for (const old of existingRows?.values() ?? []) {
      if (derivedKeys.has(old.key)) continue;
      changed.push({ key: old.key, from: old.status, to: "REMOVED" });
      differences.stale.push({ automationId: automation.id, key: old.key });
    }
    if (changed.length > 0 || derivation.status !== automation.status) {
      differences.audit.push({
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
  return differences;
}

/**
 * A statement sent now and awaited after some work in between: on a pg client it is on its
 * way at once, through Prisma no later than when it is awaited. Either way one statement is
 * in flight at a time.
 */
function started<T>(statement: Promise<T>): Promise<T> {
  // Awaited by the caller; this only keeps a throw in between from leaving it unobserved.
  statement.catch(() => {});
  return statement;
}

/**
 * One INSERT … SELECT FROM unnest for every audit row: Prisma's createMany would split
 * beyond Postgres's 65,535 bind parameters, and the statement count must not grow.
 */
export async function writeAudit(sql: Statements, values: unknown[] | null): Promise<void> {
  if (!values) return;
  await sql.run(
    `insert into audit_events ("actorId", "actorLabel", action, "entityType", "entityId", before, after)
     select $1::uuid, $2, 'automation.rederived', 'Automation', e.id, e.before::jsonb, e.after::jsonb
       from unnest($3::text[], $4::text[], $5::text[]) as e(id, before, after)`,
    values,
  );
}

/** The audit rows as writeAudit's parameters, or null when there are none. */
export function auditParameters(
  entries: Array<{ automationId: string; before: unknown; after: unknown }>,
  options: { actor: AuditActor; cause: string },
): unknown[] | null {
  if (entries.length === 0) return null;
  return [
    options.actor.id,
    options.actor.label,
    entries.map((entry) => entry.automationId),
    entries.map((entry) => JSON.stringify({ ...(entry.before as object), cause: options.cause })),
    entries.map((entry) => JSON.stringify(entry.after)),
  ];
}

/**
 * The basis the engine named, with who and since when. VERIFIED: IT's review. DECLARED: the
 * automation's owner (only the owner declares). APPROVED: whoever approved the request that
 * brought it, else whoever added the connector to the catalog, else nobody named ("IT").
 * basisAt is when it became satisfied on that basis: kept while the basis and the declaration
 * (satisfiedBy) stay the same, so a re-derivation that changes nothing changes nothing.
 */
function basisOf(
  automation: LoadedAutomation,
  p: DerivedPrerequisite,
  old: ExistingRow | undefined,
  now: Date,
): BasisColumns {
  if (p.basis === null) return NO_BASIS;
  const sources = automation.basisSources;
  if (p.basis === "VERIFIED") {
    const review = sources.reviews.get(p.key);
    return { basis: "VERIFIED", basisById: review?.reviewerId ?? null, basisAt: review?.createdAt ?? now };
  }
  const sameDeclaration = old?.status === "SATISFIED" && old.satisfiedBy === p.satisfiedBy;
  if (sameDeclaration && old.basis === p.basis) {
    return { basis: p.basis, basisById: old.basisById, basisAt: old.basisAt ?? now };
  }
  const by =
    p.basis === "DECLARED"
      ? automation.ownerId
      : (sources.requestApprovers.get(p.key) ??
        (p.connectorId ? (sources.connectorCreators.get(p.connectorId) ?? null) : null));
  // A row stored before bases were recorded has been satisfied by this very declaration
  // since it last changed.
  const at = sameDeclaration && old.basis === null ? old.updatedAt : now;
  return { basis: p.basis, basisById: by, basisAt: at };
}

function differs(
  old: ExistingRow,
  p: DerivedPrerequisite,
  departmentId: string,
  basis: BasisColumns,
): boolean {
  return (
    old.status !== p.status ||
    old.satisfiedBy !== p.satisfiedBy ||
    old.reason !== p.reason ||
    old.connectorId !== p.connectorId ||
    old.gatewayId !== p.gatewayId ||
    old.systemAccessId !== p.systemAccessId ||
    old.departmentId !== departmentId ||
    old.basis !== basis.basis ||
    old.basisById !== basis.basisById ||
    old.basisAt?.getTime() !== basis.basisAt?.getTime()
  );
}

async function writeUpserts(sql: Statements, values: unknown[] | null): Promise<void> {
  if (!values) return;
  await sql.run(
    `insert into prerequisites ("automationId", "departmentId", "systemAccessId", key, type, status,
                                "satisfiedBy", "connectorId", "gatewayId", reason, basis, "basisById",
                                "basisAt", "updatedAt")
     select * , now() from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[],
                                  $5::text[]::"PrerequisiteType"[], $6::text[]::"PrerequisiteStatus"[],
                                  $7::text[], $8::uuid[], $9::uuid[], $10::text[],
                                  $11::text[]::"AssuranceBasis"[], $12::uuid[], $13::timestamptz[])
     on conflict ("automationId", key) do update set
       "departmentId" = excluded."departmentId", "systemAccessId" = excluded."systemAccessId",
       type = excluded.type, status = excluded.status, "satisfiedBy" = excluded."satisfiedBy",
       "connectorId" = excluded."connectorId", "gatewayId" = excluded."gatewayId",
       reason = excluded.reason, basis = excluded.basis, "basisById" = excluded."basisById",
       "basisAt" = excluded."basisAt", "updatedAt" = now()`,
    values,
  );
}

/** The rows to insert or update as writeUpserts's parameters, or null when there are none. */
function upsertParameters(rows: Upsert[]): unknown[] | null {
  if (rows.length === 0) return null;
  return [
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
    rows.map((r) => r.basis.basis),
    rows.map((r) => r.basis.basisById),
    rows.map((r) => r.basis.basisAt),
  ];
}

/**
 * Deletes exactly the rows read above whose keys are no longer derived (the automations are
 * locked, so nothing else changed them since); nothing to delete is no statement at all.
 */
async function deleteStale(
  sql: Statements,
  stale: Array<{ automationId: string; key: string }>,
): Promise<void> {
  if (stale.length === 0) return;
  await sql.run(
    `delete from prerequisites p
      using unnest($1::uuid[], $2::text[]) as s(a, key)
      where p."automationId" = s.a and p.key = s.key`,
    [stale.map((k) => k.automationId), stale.map((k) => k.key)],
  );
}

export async function writeStatuses(sql: Statements, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await sql.run(
    `update automations a set status = v.status::"AutomationStatus", "updatedAt" = now()
       from unnest($1::uuid[], $2::text[]) as v(id, status)
      where a.id = v.id`,
    [changes.map((c) => c.automationId), changes.map((c) => c.after)],
  );
}

export type { EngineInput };
