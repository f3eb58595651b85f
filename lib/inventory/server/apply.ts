import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import { AUTOMATION_LIMITS } from "@/lib/automations/schemas";
import { loadAuditSnapshot } from "@/lib/automations/server/automation-writes";
import { prisma, type Tx } from "@/lib/db";
import type { ImportSource } from "@/lib/generated/prisma/enums";
import { type DetectedFinding, detectFindings, FINDING_RULES } from "@/lib/inventory/findings";
import type { FlowPlan } from "@/lib/inventory/plan";
import type { TOwnerRef } from "@/lib/inventory/records";
import { countOutcomes } from "@/lib/inventory/server/analyse";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";

// Applying an import: the staged plans that are new or changed, in batches, each batch one
// transaction that writes its automations, systems, re-derived prerequisites, findings and
// audit events and marks its rows applied — so a failure rolls back that batch only and a re-run
// resumes after the last batch that committed. Unchanged plans are not touched at all.

export const APPLY_BATCH = 200;

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
  for (;;) {
    const status = await prisma.inventoryImport.findUniqueOrThrow({
      where: { id: importId },
      select: { status: true },
    });
    if (status.status === "CANCELLED") return "CANCELLED";
    const applied = await prisma.$transaction((tx) => applyBatch(tx, context, now), {
      timeout: 120_000,
      maxWait: 10_000,
    });
    if (applied === 0) break;
  }
  await prisma.$transaction(async (tx) => {
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
    await recordAudit(tx, {
      actor: context.actor,
      action: "inventory.import.applied",
      entityType: "InventoryImport",
      entityId: importId,
      after: { source: context.source, ...summary, stillNew: counts.new },
    });
  });
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
  const owners = new OwnerResolver(tx, now);
  const touched: string[] = [];
  for (const row of rows) {
    const id = await applyPlan(tx, context, row, owners, catalog, now);
    if (id) touched.push(id);
  }
  await rederiveAutomations(tx, touched, { actor: context.actor, cause: "inventory.import" });
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

/**
 * Owners by Entra object id, UPN or e-mail. An owner with no account here becomes a person known
 * from the inventory: inactive until they sign in, so the flow has an owner to show and a
 * manager to assign it from.
 */
class OwnerResolver {
  private readonly cache = new Map<string, Owner>();
  constructor(
    private readonly tx: Tx,
    private readonly now: Date,
  ) {}

  async resolve(ref: TOwnerRef | null): Promise<Owner> {
    const objectId = ref?.objectId?.toLowerCase() ?? null;
    const email = (ref?.upn ?? ref?.email)?.toLowerCase() ?? null;
    const key = objectId ?? email ?? "";
    const cached = this.cache.get(key);
    if (cached) return cached;
    const or = [
      ...(objectId ? [{ entraObjectId: objectId }] : []),
      ...(email ? [{ email }] : []),
      ...(ref?.email && ref.email.toLowerCase() !== email ? [{ email: ref.email.toLowerCase() }] : []),
    ];
    const found =
      or.length > 0
        ? await this.tx.user.findFirst({
            where: { OR: or },
            select: { id: true, active: true, departmentId: true, knownFrom: true, lastSignInAt: true },
          })
        : null;
    const owner = found
      ? {
          id: found.id,
          active: found.active,
          departmentId: found.departmentId,
          placeholder: found.knownFrom === "INVENTORY" && found.lastSignInAt === null,
        }
      : await this.createPlaceholder(ref, objectId, email);
    this.cache.set(key, owner);
    return owner;
  }

  private async createPlaceholder(ref: TOwnerRef | null, objectId: string | null, email: string | null) {
    const address = email ?? `${objectId ?? "unknown-owner"}@inventory.invalid`;
    const created = await this.tx.user.create({
      data: {
        email: address,
        name: (ref?.displayName ?? email ?? "Unknown owner").slice(0, 200),
        entraObjectId: objectId,
        knownFrom: "INVENTORY",
        active: false,
        sessionsRevokedAt: this.now,
      },
      select: { id: true },
    });
    return { id: created.id, active: false, departmentId: null, placeholder: true };
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

async function applyPlan(
  tx: Tx,
  context: ImportContext,
  row: StagedRow,
  owners: OwnerResolver,
  catalog: Catalog,
  now: Date,
): Promise<string | null> {
  const { plan } = row;
  const owner = await owners.resolve(plan.owner);
  const existing = await tx.automation.findUnique({
    where: { environmentId_externalId: { environmentId: plan.environmentId, externalId: plan.flowId } },
    select: { id: true, version: true, inventoryVersion: true, gatewayId: true },
  });
  const gatewayName = plan.machine ?? plan.systems.find((system) => system.gateway)?.gateway ?? null;
  const gatewayId = gatewayName ? (catalog.gateways.get(gatewayName.toLowerCase()) ?? null) : null;
  const editedHere = existing !== null && existing.version !== existing.inventoryVersion;
  const findings = detectFindings(plan, {
    ownerNotFound: owner.placeholder,
    approvedServices: catalog.approvedServices,
    catalogGateways: new Set(catalog.gateways.keys()),
    declaredDiffers: editedHere,
  });
  const systems = plan.systems.map((system, position) => ({
    position,
    name: system.name,
    location: system.location,
    signInMethod: system.signInMethod,
    sso: false,
    service: system.service,
    machineGroup: system.signInMethod === "WINDOWS" ? system.gateway : null,
    inferred: true,
    externalId: system.externalId,
  }));
  const described = {
    name: cut(plan.name, AUTOMATION_LIMITS.name),
    kind: plan.kind,
    runMode: plan.runMode,
    machine: plan.kind === "DESKTOP_FLOW" ? plan.machine : null,
    inventoryHash: row.hash,
    lastSeenAt: now,
    notSeenSince: null,
  };

  let id: string;
  if (!existing) {
    const departmentId =
      (owner.active ? owner.departmentId : null) ??
      catalog.environments.get(plan.environmentId) ??
      context.defaultDepartmentId;
    if (!departmentId)
      throw new Error(`No department for flow ${plan.flowId}; the preview should have refused.`);
    const created = await tx.automation.create({
      data: {
        ...described,
        description: `Imported from the tenant (${plan.environmentId}).`,
        ownerId: owner.id,
        departmentId,
        gatewayId,
        inventorySource: context.source,
        environmentId: plan.environmentId,
        externalId: plan.flowId,
        inventoryVersion: 1,
        ownerMissing: owner.active ? null : "NOT_FOUND",
        ownerMissingSince: owner.active ? null : now,
        systems: { createMany: { data: systems } },
      },
      select: { id: true },
    });
    id = created.id;
    await recordAudit(tx, {
      actor: context.actor,
      action: "automation.imported",
      entityType: "Automation",
      entityId: id,
      after: { ...(await loadAuditSnapshot(tx, id)), source: context.source, importId: context.id },
    });
  } else if (editedHere) {
    // A person confirmed or edited it: the import never overwrites that; a difference is a finding.
    id = existing.id;
    await tx.automation.update({
      where: { id },
      data: { inventoryHash: row.hash, lastSeenAt: now, notSeenSince: null },
    });
  } else {
    id = existing.id;
    const before = await loadAuditSnapshot(tx, id);
    await tx.systemAccess.deleteMany({ where: { automationId: id } });
    await tx.automation.update({
      where: { id },
      data: {
        ...described,
        gatewayId: existing.gatewayId ?? gatewayId,
        version: { increment: 1 },
        inventoryVersion: existing.version + 1,
        systems: { createMany: { data: systems } },
      },
    });
    await recordAudit(tx, {
      actor: context.actor,
      action: "automation.reimported",
      entityType: "Automation",
      entityId: id,
      before,
      after: { ...(await loadAuditSnapshot(tx, id)), source: context.source, importId: context.id },
    });
  }
  await writeFindings(tx, id, findings, now);
  return id;
}

/** Opens (or keeps open) what was found now and resolves what was found before but not now. */
async function writeFindings(tx: Tx, automationId: string, findings: DetectedFinding[], now: Date) {
  await tx.$executeRawUnsafe(
    `update inventory_findings set "resolvedAt" = $2
      where "automationId" = $1::uuid and "resolvedAt" is null
        and (kind, subject) not in (select * from unnest($3::text[], $4::text[]))`,
    automationId,
    now,
    findings.map((finding) => finding.kind),
    findings.map((finding) => finding.subject),
  );
  if (findings.length === 0) return;
  await tx.$executeRawUnsafe(
    `insert into inventory_findings ("automationId", kind, subject, severity, category, message, "firstSeenAt", "lastSeenAt")
     select $1::uuid, f.kind, f.subject, f.severity, f.category, f.message, $2, $2
       from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as f(kind, subject, severity, category, message)
     on conflict ("automationId", kind, subject) do update
        set "lastSeenAt" = excluded."lastSeenAt", message = excluded.message, "resolvedAt" = null,
            "firstSeenAt" = case when inventory_findings."resolvedAt" is null then inventory_findings."firstSeenAt"
                                 else excluded."firstSeenAt" end`,
    automationId,
    now,
    findings.map((finding) => finding.kind),
    findings.map((finding) => finding.subject),
    findings.map((finding) => FINDING_RULES[finding.kind].severity),
    findings.map((finding) => FINDING_RULES[finding.kind].category),
    findings.map((finding) => finding.message),
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
