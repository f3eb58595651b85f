import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit, recordAuditMany } from "@/lib/audit/server/record-audit";
import { can } from "@/lib/auth/permissions";
import type { RecordChange } from "@/lib/auth/server/caller";
import {
  refuseDesktopFieldsFor,
  type TCreateAutomationBody,
  type TUpdateAutomationBody,
} from "@/lib/automations/schemas";
import {
  assertAutomationId,
  describingFields,
  loadAuditSnapshot,
  resolveDepartment,
  staleVersion,
  toSystemData,
} from "@/lib/automations/server/automation-writes";
import { type AutomationView, readAutomation } from "@/lib/automations/server/get-automation";
import { prisma, type Tx } from "@/lib/db";
import { normaliseKey } from "@/lib/domain/engine-helpers";
import { AppError, conflict, forbidden, notFound } from "@/lib/http/errors";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { refuseSecrets } from "@/lib/secrets/refuse";

/**
 * Changes an automation's fields and/or systems (owner only), guarded by its version: the
 * write is a conditional update on (id, version), so of two edits from the same version
 * exactly one wins and the other gets 409 with the current automation.
 */
export async function updateAutomation({
  caller,
  id,
  input,
}: RecordChange<TUpdateAutomationBody>): Promise<AutomationView> {
  assertAutomationId(id);
  refuseSecrets(input);
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const current = await readAutomation(caller, id, { tx });
    if (!current) throw notFound("Automation");
    if (current.ownerId !== caller.id || !can(caller, "automation:read:own")) {
      throw forbidden("Only the automation's owner can change it.");
    }
    if (current.status === "RETIRED") {
      throw conflict("This automation is retired and can no longer be changed.", { current });
    }
    const departmentId =
      input.departmentId === undefined || input.departmentId === current.departmentId
        ? undefined
        : resolveDepartment(caller, input.departmentId);
    const desktop = desktopChange(current, input);

    const before = await loadAuditSnapshot(tx, id);
    const { count } = await tx.automation.updateMany({
      where: { id, version: input.version, ownerId: caller.id, status: { not: "RETIRED" } },
      data: {
        ...describingFields(input),
        ...desktop,
        departmentId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion((await readAutomation(caller, id, { tx })) ?? current);

    if (departmentId) {
      // Requests carry a copy of the department for the queue's filters; keep it in step.
      await tx.request.updateMany({ where: { automationId: id }, data: { departmentId } });
    }
    if (input.systems) await replaceSystems(tx, id, input.systems);

    await recordAudit(tx, {
      actor,
      action: "automation.updated",
      entityType: "Automation",
      entityId: id,
      before,
      after: await loadAuditSnapshot(tx, id),
    });
    await rederiveAutomations(tx, [id], { actor, cause: "automation.updated" });
    if (await cancelObsoleteRequests(tx, id, actor)) {
      await rederiveAutomations(tx, [id], { actor, cause: "request.cancelled" });
    }
    return (await readAutomation(caller, id, { tx }))!;
  });
}

/**
 * Where it runs, as the change leaves it. The body's schema refuses these fields next to a
 * non-desktop kind; here, against the stored kind: a value for an automation that is not (and
 * does not become) a desktop flow is refused (422), and a change of kind away from DESKTOP_FLOW
 * clears what no longer applies.
 */
function desktopChange(current: AutomationView, input: TUpdateAutomationBody) {
  const kind = input.kind ?? current.kind;
  if (kind === "DESKTOP_FLOW") {
    // A leaver's personal account replaced (or a service account recorded): no longer theirs.
    const accountChanged =
      (input.windowsAccount !== undefined &&
        (input.windowsAccount ?? "").toLowerCase() !== (current.windowsAccount ?? "").toLowerCase()) ||
      input.windowsAccountType === "SERVICE";
    return {
      machine: input.machine,
      windowsAccount: input.windowsAccount,
      windowsAccountType: input.windowsAccountType,
      ...(accountChanged ? { windowsAccountLeftAt: null } : {}),
    };
  }
  const fields: Record<string, string> = {};
  refuseDesktopFieldsFor(kind, input, (field, message) => {
    fields[field] = message;
  });
  if (Object.keys(fields).length > 0) {
    throw new AppError("UNPROCESSABLE", Object.values(fields)[0]!, fields);
  }
  return { machine: null, windowsAccount: null, windowsAccountType: null, windowsAccountLeftAt: null };
}

/**
 * Replaces the systems by name (ignoring case and surrounding spaces): a system whose name
 * stays keeps its row, and so its prerequisites keep their identity and their requests;
 * others are removed (their prerequisites with them) or added.
 */
async function replaceSystems(tx: Tx, automationId: string, systems: TCreateAutomationBody["systems"]) {
  const existing = await tx.systemAccess.findMany({
    where: { automationId },
    select: {
      id: true,
      name: true,
      knowerLeftAt: true,
      credentialStore: true,
      credentialName: true,
      windowsAccount: true,
      windowsAccountType: true,
    },
  });
  const byName = new Map(existing.map((row) => [normaliseKey(row.name), row]));
  const kept: Array<{ id: string; data: ReturnType<typeof toSystemData> & { knowerLeftAt?: null } }> = [];
  const added: Array<ReturnType<typeof toSystemData> & { automationId: string }> = [];
  systems.forEach((system, position) => {
    const row = byName.get(normaliseKey(system.name));
    const data = toSystemData(system, position);
    if (row)
      kept.push({
        id: row.id,
        data: { ...data, ...(leaverAnswered(row, data) ? { knowerLeftAt: null } : {}) },
      });
    else added.push({ ...data, automationId });
  });
  await tx.systemAccess.deleteMany({ where: { automationId, id: { notIn: kept.map((row) => row.id) } } });
  // At most 30 rows (the schema's limit), so one statement each is fine.
  for (const row of kept) await tx.systemAccess.update({ where: { id: row.id }, data: row.data });
  if (added.length > 0) await tx.systemAccess.createMany({ data: added });
}

/**
 * What a leaver knew stops mattering once it is no longer in use: another Windows account (or a
 * service account), or another credential altogether. A rotation of the same credential is
 * recorded with its date instead (the engine compares it with the leave).
 */
function leaverAnswered(
  row: {
    knowerLeftAt: Date | null;
    credentialStore: string | null;
    credentialName: string | null;
    windowsAccount: string | null;
    windowsAccountType: string | null;
  },
  data: ReturnType<typeof toSystemData>,
): boolean {
  if (!row.knowerLeftAt) return false;
  const otherCredential =
    row.credentialName !== null &&
    (data.credentialName !== row.credentialName || data.credentialStore !== row.credentialStore);
  const otherAccount =
    row.windowsAccount !== null &&
    (data.windowsAccount?.toLowerCase() !== row.windowsAccount.toLowerCase() ||
      data.windowsAccountType === "SERVICE");
  return otherCredential || otherAccount;
}

/**
 * Pending requests that no longer match a prerequisite — its system was removed, the gateway
 * is no longer needed, or the system now names another service — are cancelled, so IT does
 * not decide on something nobody needs. Returns whether any was.
 */
async function cancelObsoleteRequests(tx: Tx, automationId: string, actor: AuditActor): Promise<boolean> {
  const pending = await tx.request.findMany({
    where: { automationId, status: "PENDING" },
    select: { id: true, type: true, prerequisiteKey: true, service: true, version: true },
  });
  if (pending.length === 0) return false;
  const prerequisites = await tx.prerequisite.findMany({
    where: { automationId },
    select: { key: true, systemAccess: { select: { service: true } } },
  });
  const services = new Map(prerequisites.map((p) => [p.key, p.systemAccess?.service ?? null]));
  const obsolete = pending.filter(
    (request) =>
      !request.prerequisiteKey ||
      !services.has(request.prerequisiteKey) ||
      (request.type === "SHARED_KEY_CONNECTOR" && services.get(request.prerequisiteKey) !== request.service),
  );
  if (obsolete.length === 0) return false;
  const reason = "Cancelled: the automation's systems changed and it no longer needs this.";
  await tx.request.updateMany({
    where: { id: { in: obsolete.map((r) => r.id) }, status: "PENDING" },
    data: { status: "CANCELLED", decisionReason: reason, decidedAt: new Date(), version: { increment: 1 } },
  });
  await recordAuditMany(
    tx,
    obsolete.map((request) => ({
      actor,
      action: "request.cancelled",
      entityType: "Request",
      entityId: request.id,
      before: { status: "PENDING", version: request.version },
      after: { status: "CANCELLED", version: request.version + 1, reason },
    })),
  );
  return true;
}
