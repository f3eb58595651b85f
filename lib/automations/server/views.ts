import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import type { AutomationRow, FindingRow, SystemRow } from "@/lib/automations/server/detail-sql";
import { lapseOf } from "@/lib/domain/lapse";
import { derivePrerequisites } from "@/lib/domain/prerequisites";
import type { ConnectorInput, EngineInput } from "@/lib/domain/types";
import { FINDING_RULES, type FindingKind, type FindingSeverity } from "@/lib/inventory/findings";
import { credentialReference, toEngineSystemInput } from "@/lib/prerequisites/system-input";
import { toRequestView } from "@/lib/requests/server/views";
import { type Mention, maskIfSecret } from "@/lib/secrets/mask";

// The automation as the API shows it, from the row its one read (detail-sql.ts) returns.
// Prerequisites come from their stored rows; the maker's next step (`action`) is not stored,
// so the pure engine is re-run on the loaded data rather than keeping a second copy of the rules.
// Stored text that fails the secret rules (rows older than the rules) is shown masked.

function toSystemView(row: SystemRow) {
  const credential = credentialReference(row);
  return {
    id: row.id,
    name: maskIfSecret(row.name),
    location: row.location,
    signInMethod: row.signInMethod,
    sso: row.sso,
    service: row.service,
    credentialReference: credential && {
      ...credential,
      name: maskIfSecret(credential.name, credential.store),
    },
    machineGroup: maskIfSecret(row.machineGroup),
    windowsAccount: maskIfSecret(row.windowsAccount),
    windowsAccountType: row.windowsAccountType,
    inferred: row.inferred,
    externalId: row.externalId,
  };
}

function toFindingView(row: FindingRow) {
  const kind = row.kind as FindingKind;
  return {
    ...row,
    kind,
    label: FINDING_RULES[kind]?.label ?? row.kind,
    severity: row.severity as FindingSeverity,
  };
}

/** The credentials the prerequisites' texts may quote. */
function credentialMentions(row: AutomationRow): Mention[] {
  return row.systems.flatMap((system) =>
    system.credentialStore && system.credentialName
      ? [{ store: system.credentialStore, name: system.credentialName }]
      : [],
  );
}

export type AutomationDetail = ReturnType<typeof toAutomationDetail>;

/**
 * The API's view of a loaded automation. The maker's next steps come from the pure engine run
 * on the loaded rows and the connectors of the automation's shared-key services.
 */
export function toAutomationDetail(
  row: AutomationRow,
  connectors: ConnectorInput[],
  caller: Caller,
  now: Date,
) {
  const derived = derivePrerequisites(engineInput(row, connectors, now)).prerequisites;
  const order = new Map(derived.map((p, index) => [p.key, index]));
  const actions = new Map(derived.map((p) => [p.key, p.action]));
  // A prerequisite's system is one of this automation's own, loaded already.
  const systemNames = new Map(row.systems.map((system) => [system.id, maskIfSecret(system.name)]));
  const mentions = credentialMentions(row);
  const connectorStatuses = new Map(connectors.map((connector) => [connector.id, connector.status]));
  const prerequisites = [...row.prerequisites]
    .sort(
      (a, b) =>
        (order.get(a.key) ?? order.size) - (order.get(b.key) ?? order.size) || a.key.localeCompare(b.key),
    )
    .map((p) => ({
      ...p,
      reason: maskIfSecret(p.reason, { mentions }),
      satisfiedBy: maskIfSecret(p.satisfiedBy, { mentions }),
      systemName: p.systemAccessId ? (systemNames.get(p.systemAccessId) ?? null) : null,
      lapse: lapseOf({
        type: p.type,
        status: p.status,
        gatewayStatus: p.gatewayId && p.gatewayId === row.gateway?.id ? row.gateway.status : null,
        connectorStatus: p.connectorId ? (connectorStatuses.get(p.connectorId) ?? null) : null,
      }),
      // Only an open prerequisite has a next step; a stored SATISFIED / REQUESTED row has none.
      action: p.status === "SATISFIED" || p.status === "REQUESTED" ? null : (actions.get(p.key) ?? null),
    }));
  const active = row.status !== "RETIRED";
  const owns = row.ownerId === caller.id;
  return {
    id: row.id,
    name: maskIfSecret(row.name),
    description: maskIfSecret(row.description),
    kind: row.kind,
    runMode: row.runMode,
    status: row.status,
    runAs: maskIfSecret(row.runAs),
    machine: maskIfSecret(row.machine),
    windowsAccount: maskIfSecret(row.windowsAccount),
    windowsAccountType: row.windowsAccountType,
    version: row.version,
    ownerId: row.ownerId,
    owner: row.owner,
    departmentId: row.departmentId,
    department: row.department,
    gatewayId: row.gatewayId,
    gateway: row.gateway,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    retiredAt: row.retiredAt,
    inventory:
      row.inventorySource && row.environmentId && row.externalId
        ? {
            source: row.inventorySource,
            environmentId: row.environmentId,
            externalId: row.externalId,
            lastSeenAt: row.lastSeenAt,
            notSeenSince: row.notSeenSince,
          }
        : null,
    ownerMissing: row.ownerMissing,
    findings: row.findings.map(toFindingView),
    systems: row.systems.map(toSystemView),
    prerequisites,
    requests: row.requests.map(toRequestView),
    /** What this caller may do with it now, so pages need not repeat the rules. */
    permissions: {
      edit: active && owns && can(caller, "automation:read:own"),
      retire:
        active && ((owns && can(caller, "automation:read:own")) || can(caller, "automation:retire:any")),
      confirm: active && owns && row.systems.some((system) => system.inferred),
      reassign:
        active &&
        (can(caller, "automation:reassign:all") ||
          (can(caller, "automation:reassign:department") &&
            caller.managedDepartmentIds.includes(row.departmentId))),
      review: active && can(caller, "prerequisite:review"),
    },
  };
}

function engineInput(row: AutomationRow, connectors: ConnectorInput[], now: Date): EngineInput {
  return {
    automation: {
      kind: row.kind,
      runMode: row.runMode,
      runAs: row.runAs,
      departmentId: row.departmentId,
      retired: row.status === "RETIRED",
      machine: row.machine,
      windowsAccount: row.windowsAccount,
      windowsAccountType: row.windowsAccountType,
      windowsAccountLeftAt: row.windowsAccountLeftAt,
      systems: row.systems.map(toEngineSystemInput),
    },
    gateway: row.gateway,
    connectors,
    requests: row.requests.flatMap((r) =>
      r.prerequisiteKey
        ? [
            {
              prerequisiteKey: r.prerequisiteKey,
              status: r.status,
              decisionReason: r.decisionReason,
              createdAt: r.createdAt,
            },
          ]
        : [],
    ),
    reviews: row.reviews,
    now,
  };
}
