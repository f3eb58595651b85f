import "server-only";
import { type AuditActor, recordAudit, recordAuditMany } from "@/lib/audit/server/record-audit";
import { AUTOMATION_LIMITS } from "@/lib/automations/schemas";
import { prisma, type Tx } from "@/lib/db";
import type { ImportSource } from "@/lib/generated/prisma/enums";
import { type DetectedFinding, detectFindings, FINDING_RULES } from "@/lib/inventory/findings";
import { type FlowPlan, flowKey } from "@/lib/inventory/plan";
import type { TOwnerRef } from "@/lib/inventory/records";
import { countOutcomes } from "@/lib/inventory/server/analyse";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";

// Applying an import: the staged plans that are new or changed, in batches, each batch one
// transaction that writes its automations, systems, re-derived prerequisites, findings and
// audit events and marks its rows applied — so a failure rolls back that batch only and a re-run
// resumes after the last batch that committed. Unchanged plans are not touched at all.

export const APPLY_BATCH = 1000;

interface StagedRow {
  environmentId: string;
  flowId: string;
  outcome: "NEW" | "CHANGED";
  plan: FlowPlan;
  hash: string;
}

interface ImportContext {
  id: string;
  source: ImportSource;
  defaultDepartmentId: string | null;
  actor: AuditActor;
}

/** Applies every batch not applied yet; stops early (CANCELLED) when someone cancels. */
export async function runApply(importId: string, now = new Date()): Promise<"DONE" | "CANCELLED"> {
  const found = await prisma.inventoryImport.findUniqueOrThrow({
    where: { id: importId },
    select: {
      source: true,
      status: true,
      defaultDepartmentId: true,
      createdBy: { select: { id: true, email: true } },
    },
  });
  if (found.status !== "RUNNING") return found.status === "CANCELLED" ? "CANCELLED" : "DONE";
  const context: ImportContext = {
    id: importId,
    source: found.source,
    defaultDepartmentId: found.defaultDepartmentId,
    actor: { id: found.createdBy.id, label: found.createdBy.email },
  };
  let batches = 0;
  for (;;) {
    const status = await prisma.inventoryImport.findUniqueOrThrow({
      where: { id: importId },
      select: { status: true },
    });
    if (status.status === "CANCELLED") return "CANCELLED";
    const applied = await prisma.$transaction((tx) => applyBatch(tx, context, now), {
      timeout: 300_000,
      maxWait: 10_000,
    });
    if (applied === 0) break;
    // A large import grows the tables faster than autovacuum re-reads them: with statistics
    // that still say "empty", each batch's lookups by (environment, flow id) turn into scans.
    // Re-read after batches 1, 2, 4, 8…: a handful of ANALYZEs for any size.
    batches += 1;
    if ((batches & (batches - 1)) === 0)
      await prisma.$executeRawUnsafe("analyze automations, system_accesses, prerequisites");
  }
  await prisma.$transaction(
    async (tx) => {
      const missing = await markMissing(tx, importId, now);
      const counts = await countOutcomes(tx, importId);
      const current = await tx.inventoryImport.findUniqueOrThrow({
        where: { id: importId },
        select: { counts: true },
      });
      const summary = { ...(current.counts as object), applied: true, markedNotSeen: missing };
      await tx.inventoryImport.update({
        where: { id: importId },
        data: { status: "DONE", finishedAt: now, counts: summary },
      });
      await notifyOwnersOfFindings(tx, importId, now);
      await recordAudit(tx, {
        actor: context.actor,
        action: "inventory.import.applied",
        entityType: "InventoryImport",
        entityId: importId,
        after: { source: context.source, ...summary, stillNew: counts.new },
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return "DONE";
}

async function applyBatch(tx: Tx, context: ImportContext, now: Date): Promise<number> {
  const rows = await tx.$queryRawUnsafe<StagedRow[]>(
    `select "environmentId", "flowId", outcome, plan, hash from inventory_staged_flows
      where "importId" = $1::uuid and not applied and outcome <> 'UNCHANGED'
      order by "environmentId", "flowId" limit ${APPLY_BATCH} for update skip locked`,
    context.id,
  );
  if (rows.length === 0) return 0;
  const catalog = await loadCatalog(tx);
  const owners = await resolveOwners(
    tx,
    rows.map((row) => row.plan.owner),
    now,
  );
  const existing = await existingAutomations(tx, rows);

  // Set-based: a statement per kind of write for the whole batch, whatever its size.
  const created: WriteRow[] = [];
  const replaced: WriteRow[] = [];
  const editedHere: Array<{ id: string; row: StagedRow }> = [];
  for (const row of rows) {
    const owner = owners.get(ownerKey(row.plan.owner))!;
    const found = existing.get(flowKey(row.plan.environmentId, row.plan.flowId));
    const gatewayName =
      row.plan.machine ?? row.plan.systems.find((system) => system.gateway)?.gateway ?? null;
    const gatewayId = gatewayName ? (catalog.gateways.get(gatewayName.toLowerCase()) ?? null) : null;
    if (!found) {
      const departmentId =
        (owner.active ? owner.departmentId : null) ??
        catalog.environments.get(row.plan.environmentId) ??
        context.defaultDepartmentId;
      if (!departmentId)
        throw new Error(`No department for flow ${row.plan.flowId}; the preview should have refused.`);
      created.push({ row, owner, departmentId, gatewayId, id: "" });
    } else if (found.version !== found.inventoryVersion) {
      editedHere.push({ id: found.id, row });
    } else {
      replaced.push({
        row,
        owner,
        departmentId: found.departmentId,
        gatewayId: found.gatewayId ?? gatewayId,
        id: found.id,
        version: found.version,
      });
    }
  }
  const before = await auditSnapshots(
    tx,
    replaced.map((write) => write.id),
  );
  await insertAutomations(tx, context, created, now);
  await updateAutomations(tx, replaced, now);
  if (editedHere.length > 0)
    await tx.$executeRawUnsafe(
      `update automations a set "inventoryHash" = x.hash, "lastSeenAt" = $1::timestamptz, "notSeenSince" = null
         from unnest($2::uuid[], $3::text[]) as x(id, hash) where a.id = x.id`,
      now,
      editedHere.map((edited) => edited.id),
      editedHere.map((edited) => edited.row.hash),
    );
  await insertSystems(tx, [...created, ...replaced], now);
  const after = await auditSnapshots(
    tx,
    [...created, ...replaced].map((write) => write.id),
  );
  await recordAuditMany(tx, [
    ...created.map((write) => ({
      actor: context.actor,
      action: "automation.imported",
      entityType: "Automation",
      entityId: write.id,
      after: { ...after.get(write.id), source: context.source, importId: context.id },
    })),
    ...replaced.map((write) => ({
      actor: context.actor,
      action: "automation.reimported",
      entityType: "Automation",
      entityId: write.id,
      before: before.get(write.id),
      after: { ...after.get(write.id), source: context.source, importId: context.id },
    })),
  ]);
  const catalogGateways = new Set(catalog.gateways.keys());
  const findingsOf = (id: string, row: StagedRow, ownerNotFound: boolean, declaredDiffers: boolean) => ({
    automationId: id,
    found: detectFindings(row.plan, {
      ownerNotFound,
      approvedServices: catalog.approvedServices,
      catalogGateways,
      declaredDiffers,
    }),
  });
  const findings = [
    ...[...created, ...replaced].map((write) =>
      findingsOf(write.id, write.row, write.owner.placeholder, false),
    ),
    // Edited here: what the automation says is a person's word; the owner is as it is now.
    ...editedHere.map((edited) =>
      findingsOf(edited.id, edited.row, owners.get(ownerKey(edited.row.plan.owner))!.placeholder, true),
    ),
  ];
  await writeFindings(tx, findings, now);
  await rederiveAutomations(
    tx,
    [...created, ...replaced].map((write) => write.id),
    { actor: context.actor, cause: "inventory.import" },
  );
  await tx.$executeRawUnsafe(
    `update inventory_staged_flows set applied = true
      where "importId" = $1::uuid and ("environmentId", "flowId") in
            (select * from unnest($2::text[], $3::text[]))`,
    context.id,
    rows.map((row) => row.environmentId),
    rows.map((row) => row.flowId),
  );
  await tx.inventoryImport.update({
    where: { id: context.id },
    data: { progressDone: { increment: rows.length } },
  });
  return rows.length;
}

interface WriteRow {
  row: StagedRow;
  owner: Owner;
  departmentId: string;
  gatewayId: string | null;
  /** Filled in when the automation is created. */
  id: string;
  version?: number;
}

interface Catalog {
  approvedServices: Set<string>;
  gateways: Map<string, string>;
  environments: Map<string, string | null>;
}

async function loadCatalog(tx: Tx): Promise<Catalog> {
  const [connectors, gateways, environments] = await Promise.all([
    tx.connector.findMany({ where: { status: "APPROVED" }, select: { service: true } }),
    tx.gateway.findMany({ where: { status: { not: "DECOMMISSIONED" } }, select: { id: true, name: true } }),
    tx.inventoryEnvironment.findMany({ select: { id: true, departmentId: true } }),
  ]);
  return {
    approvedServices: new Set(connectors.map((connector) => connector.service)),
    gateways: new Map(gateways.map((gateway) => [gateway.name.toLowerCase(), gateway.id])),
    environments: new Map(environments.map((environment) => [environment.id, environment.departmentId])),
  };
}

interface Owner {
  id: string;
  active: boolean;
  departmentId: string | null;
  /** Known only from an import: has never signed in here. */
  placeholder: boolean;
}

function ownerKey(ref: TOwnerRef | null): string {
  return ref?.objectId?.toLowerCase() ?? (ref?.upn ?? ref?.email)?.toLowerCase() ?? "";
}

/**
 * The batch's owners by Entra object id, UPN or e-mail, in two statements. An owner with no
 * account here becomes a person known from the inventory: inactive until they sign in, so the
 * flow has an owner to show and a manager to assign it from.
 */
async function resolveOwners(
  tx: Tx,
  refs: ReadonlyArray<TOwnerRef | null>,
  now: Date,
): Promise<Map<string, Owner>> {
  const wanted = new Map<string, { objectId: string | null; email: string | null; name: string }>();
  for (const ref of refs) {
    const key = ownerKey(ref);
    if (wanted.has(key)) continue;
    const objectId = ref?.objectId?.toLowerCase() ?? null;
    const email = (ref?.upn ?? ref?.email)?.toLowerCase() ?? null;
    wanted.set(key, { objectId, email, name: (ref?.displayName ?? email ?? "Unknown owner").slice(0, 200) });
  }
  type UserRow = {
    id: string;
    email: string;
    entraObjectId: string | null;
    active: boolean;
    departmentId: string | null;
    placeholder: boolean;
  };
  const read = () =>
    tx.$queryRawUnsafe<UserRow[]>(
      `select id, email, "entraObjectId", active, "departmentId",
              ("knownFrom" = 'INVENTORY' and "lastSignInAt" is null) as placeholder
         from users where "entraObjectId" = any($1::text[]) or email = any($2::text[])`,
      [...wanted.values()].flatMap((owner) => (owner.objectId ? [owner.objectId] : [])),
      [...wanted.values()].flatMap((owner) => (owner.email ? [owner.email] : [])),
    );
  const match = (users: UserRow[]) => {
    const byObjectId = new Map(
      users.flatMap((user) => (user.entraObjectId ? [[user.entraObjectId, user]] : [])),
    );
    const byEmail = new Map(users.map((user) => [user.email, user]));
    const resolved = new Map<string, Owner>();
    for (const [key, owner] of wanted) {
      const user =
        (owner.objectId ? byObjectId.get(owner.objectId) : undefined) ??
        (owner.email ? byEmail.get(owner.email) : undefined);
      if (user)
        resolved.set(key, {
          id: user.id,
          active: user.active,
          departmentId: user.departmentId,
          placeholder: user.placeholder,
        });
    }
    return resolved;
  };
  let resolved = match(await read());
  const missing = [...wanted].filter(([key]) => !resolved.has(key)).map(([, owner]) => owner);
  if (missing.length > 0) {
    await tx.$executeRawUnsafe(
      `insert into users (email, name, "entraObjectId", "knownFrom", active, "sessionsRevokedAt", "updatedAt")
       select x.email, x.name, x.oid, 'INVENTORY', false, $4::timestamptz, $4::timestamptz
         from unnest($1::text[], $2::text[], $3::text[]) as x(email, name, oid)
       on conflict do nothing`,
      missing.map((owner) => owner.email ?? `${owner.objectId ?? "unknown-owner"}@inventory.invalid`),
      missing.map((owner) => owner.name),
      missing.map((owner) => owner.objectId),
      now,
    );
    // Placeholders' e-mails are what the lookup searches by when the source gave no e-mail.
    for (const owner of missing) owner.email ??= `${owner.objectId ?? "unknown-owner"}@inventory.invalid`;
    resolved = match(await read());
  }
  return resolved;
}

async function existingAutomations(tx: Tx, rows: StagedRow[]) {
  const found = await tx.$queryRawUnsafe<
    Array<{
      id: string;
      environmentId: string;
      externalId: string;
      version: number;
      inventoryVersion: number | null;
      departmentId: string;
      gatewayId: string | null;
    }>
  >(
    `select a.id, a."environmentId", a."externalId", a.version, a."inventoryVersion", a."departmentId", a."gatewayId"
       from automations a
       join unnest($1::text[], $2::text[]) as x(environment, flow)
         on a."environmentId" = x.environment and a."externalId" = x.flow`,
    rows.map((row) => row.environmentId),
    rows.map((row) => row.flowId),
  );
  return new Map(found.map((row) => [flowKey(row.environmentId, row.externalId), row]));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function describing(write: WriteRow) {
  const { plan } = write.row;
  return {
    name: cut(plan.name, AUTOMATION_LIMITS.name),
    kind: plan.kind,
    runMode: plan.runMode,
    machine: plan.kind === "DESKTOP_FLOW" ? plan.machine : null,
  };
}

async function insertAutomations(tx: Tx, context: ImportContext, writes: WriteRow[], now: Date) {
  if (writes.length === 0) return;
  const values = writes.map(describing);
  const inserted = await tx.$queryRawUnsafe<Array<{ id: string; environmentId: string; externalId: string }>>(
    `insert into automations (name, description, kind, "runMode", "ownerId", "departmentId", "gatewayId", machine,
                              "inventorySource", "environmentId", "externalId", "inventoryHash", "inventoryVersion",
                              "lastSeenAt", "ownerMissing", "ownerMissingSince", "updatedAt")
     select x.name, 'Imported from the tenant (' || x.environment || ').', x.kind::"AutomationKind",
            x."runMode"::"RunMode", x.owner, x.department, x.gateway, x.machine,
            $1::"ImportSource", x.environment, x.flow, x.hash, 1, $2::timestamptz,
            case when x.active then null else 'NOT_FOUND'::"OwnerMissing" end,
            case when x.active then null else $2::timestamptz end, $2::timestamptz
       from unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::boolean[])
         as x(name, kind, "runMode", owner, department, gateway, machine, environment, flow, hash, active)
     returning id, "environmentId", "externalId"`,
    context.source,
    now,
    values.map((value) => value.name),
    values.map((value) => value.kind),
    values.map((value) => value.runMode),
    writes.map((write) => write.owner.id),
    writes.map((write) => write.departmentId),
    writes.map((write) => write.gatewayId),
    values.map((value) => value.machine),
    writes.map((write) => write.row.plan.environmentId),
    writes.map((write) => write.row.plan.flowId),
    writes.map((write) => write.row.hash),
    writes.map((write) => write.owner.active),
  );
  const ids = new Map(inserted.map((row) => [flowKey(row.environmentId, row.externalId), row.id]));
  for (const write of writes)
    write.id = ids.get(flowKey(write.row.plan.environmentId, write.row.plan.flowId))!;
}

async function updateAutomations(tx: Tx, writes: WriteRow[], now: Date) {
  if (writes.length === 0) return;
  const values = writes.map(describing);
  await tx.$executeRawUnsafe(
    `delete from system_accesses where "automationId" = any($1::uuid[])`,
    writes.map((write) => write.id),
  );
  await tx.$executeRawUnsafe(
    `update automations a
        set name = x.name, kind = x.kind::"AutomationKind", "runMode" = x."runMode"::"RunMode",
            machine = x.machine, "gatewayId" = x.gateway, "inventoryHash" = x.hash,
            version = a.version + 1, "inventoryVersion" = a.version + 1,
            "lastSeenAt" = $1::timestamptz, "notSeenSince" = null, "updatedAt" = $1::timestamptz
       from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
         as x(id, name, kind, "runMode", machine, gateway, hash)
      where a.id = x.id`,
    now,
    writes.map((write) => write.id),
    values.map((value) => value.name),
    values.map((value) => value.kind),
    values.map((value) => value.runMode),
    values.map((value) => value.machine),
    writes.map((write) => write.gatewayId),
    writes.map((write) => write.row.hash),
  );
}

async function insertSystems(tx: Tx, writes: WriteRow[], now: Date) {
  const systems = writes.flatMap((write) =>
    write.row.plan.systems.map((system, position) => ({ automationId: write.id, position, system })),
  );
  if (systems.length === 0) return;
  await tx.$executeRawUnsafe(
    `insert into system_accesses ("automationId", position, name, location, "signInMethod", sso, service,
                                  "machineGroup", inferred, "externalId", "updatedAt")
     select x.automation, x.position, x.name, x.location::"SystemLocation", x.method::"SignInMethod", false,
            x.service, x.machine, true, x.external, $1::timestamptz
       from unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         as x(automation, position, name, location, method, service, machine, external)`,
    now,
    systems.map((entry) => entry.automationId),
    systems.map((entry) => entry.position),
    systems.map((entry) => entry.system.name),
    systems.map((entry) => entry.system.location),
    systems.map((entry) => entry.system.signInMethod),
    systems.map((entry) => entry.system.service),
    systems.map((entry) => (entry.system.signInMethod === "WINDOWS" ? entry.system.gateway : null)),
    systems.map((entry) => entry.system.externalId),
  );
}

/** What the audit log keeps of each automation (lib/automations/server/automation-writes.ts' snapshot), in one statement. */
async function auditSnapshots(tx: Tx, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; snapshot: Record<string, unknown> }>>(
    `select a.id, json_build_object(
              'name', a.name, 'description', a.description, 'kind', a.kind, 'runMode', a."runMode",
              'runAs', a."runAs", 'machine', a.machine, 'windowsAccount', a."windowsAccount",
              'windowsAccountType', a."windowsAccountType", 'departmentId', a."departmentId",
              'ownerId', a."ownerId", 'status', a.status, 'version', a.version,
              'systems', coalesce((select json_agg(json_build_object(
                          'name', s.name, 'location', s.location, 'signInMethod', s."signInMethod", 'sso', s.sso,
                          'service', s.service, 'credentialStore', s."credentialStore",
                          'credentialName', s."credentialName", 'credentialOwner', s."credentialOwner",
                          'credentialRotatesAt', s."credentialRotatesAt", 'machineGroup', s."machineGroup",
                          'windowsAccount', s."windowsAccount", 'windowsAccountType', s."windowsAccountType")
                          order by s.position)
                          from system_accesses s where s."automationId" = a.id), '[]')) as snapshot
       from automations a where a.id = any($1::uuid[])`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row.snapshot]));
}

/** Opens (or keeps open) what was found now and resolves what was found before but not now. */
async function writeFindings(
  tx: Tx,
  batch: ReadonlyArray<{ automationId: string; found: DetectedFinding[] }>,
  now: Date,
) {
  const all = batch.flatMap(({ automationId, found }) =>
    found.map((finding) => ({ automationId, ...finding })),
  );
  await tx.$executeRawUnsafe(
    `update inventory_findings f set "resolvedAt" = $2::timestamptz
      where f."automationId" = any($1::uuid[]) and f."resolvedAt" is null
        and not exists (select 1 from unnest($3::uuid[], $4::text[], $5::text[]) as x(automation, kind, subject)
                         where x.automation = f."automationId" and x.kind = f.kind and x.subject = f.subject)`,
    batch.map((entry) => entry.automationId),
    now,
    all.map((finding) => finding.automationId),
    all.map((finding) => finding.kind),
    all.map((finding) => finding.subject),
  );
  if (all.length === 0) return;
  await tx.$executeRawUnsafe(
    `insert into inventory_findings ("automationId", kind, subject, severity, category, message, "firstSeenAt", "lastSeenAt")
     select f.automation, f.kind, f.subject, f.severity, f.category, f.message, $1::timestamptz, $1::timestamptz
       from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         as f(automation, kind, subject, severity, category, message)
     on conflict ("automationId", kind, subject) do update
        set "lastSeenAt" = excluded."lastSeenAt", message = excluded.message, "resolvedAt" = null,
            "firstSeenAt" = case when inventory_findings."resolvedAt" is null then inventory_findings."firstSeenAt"
                                 else excluded."firstSeenAt" end`,
    now,
    all.map((finding) => finding.automationId),
    all.map((finding) => finding.kind),
    all.map((finding) => finding.subject),
    all.map((finding) => FINDING_RULES[finding.kind].severity),
    all.map((finding) => FINDING_RULES[finding.kind].category),
    all.map((finding) => finding.message),
  );
}

/**
 * One notification per active owner whose automations got findings in this run (first seen
 * now), however many: "3 new findings from the tenant", with a link to them.
 */
async function notifyOwnersOfFindings(tx: Tx, importId: string, now: Date): Promise<void> {
  const owners = await tx.$queryRawUnsafe<Array<{ ownerId: string; findings: number; automations: number }>>(
    `select a."ownerId", count(*)::int as findings, count(distinct a.id)::int as automations
       from inventory_findings f
       join automations a on a.id = f."automationId"
       join users u on u.id = a."ownerId" and u.active
      where f."firstSeenAt" = $1::timestamptz and f."resolvedAt" is null
      group by a."ownerId"`,
    now,
  );
  await notify(
    tx,
    owners.map((owner) => ({
      userId: owner.ownerId,
      kind: "inventory.findings",
      title: `${owner.findings} new finding${owner.findings === 1 ? "" : "s"} from the tenant`,
      body: `The tenant's inventory differs from what was declared on ${owner.automations === 1 ? "one of your automations" : `${owner.automations} of your automations`}: each finding says what to do next.`,
      link: "/automations?finding=ANY",
      dedupeKey: `inventory-findings:${importId}:${owner.ownerId}`,
    })),
  );
}

/** Flows of the import's environments that it no longer lists: not seen since now, never deleted. */
async function markMissing(tx: Tx, importId: string, now: Date): Promise<number> {
  return tx.$executeRawUnsafe(
    `update automations a set "notSeenSince" = $2
      where a."environmentId" in (select distinct "environmentId" from inventory_staged_flows where "importId" = $1::uuid)
        and a."notSeenSince" is null and a."retiredAt" is null
        and not exists (select 1 from inventory_staged_flows s
                         where s."importId" = $1::uuid and s."environmentId" = a."environmentId"
                           and s."flowId" = a."externalId")`,
    importId,
    now,
  );
}
