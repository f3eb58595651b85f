import type { Company } from "./company";
import { line } from "./copy";
import type { NotificationRow, SnapshotRow } from "./history";
import type { AutomationRow, PortfolioChunk, PrerequisiteRow } from "./portfolio";
import type { TimeSpool } from "./spool";

// The generated company as COPY rows, table by table. Each entry names the table, its
// columns (the order of the values in every line) and a lazy iterator of lines, so that a
// table streams into Postgres without being materialised as text first.

export interface TableLoad {
  table: string;
  columns: readonly string[];
  rows: number;
  lines: () => Iterable<string>;
}

/** Ids by the generator's indexes, shared by every table below. */
interface Ids {
  person: (index: number | null) => string | null;
  department: (index: number) => string;
}

function idsOf({ people, departments }: Company): Ids {
  return {
    person: (index) => (index === null ? null : people[index]!.id),
    department: (index) => departments[index]!.id,
  };
}

/**
 * The company's tables (loaded first), in load order. Keys are dropped during the load and
 * checked when they are re-created, so the order only keeps the reading natural.
 */
export function companyLoads(company: Company): TableLoad[] {
  const ids = idsOf(company);
  return [
    departmentsTable(company),
    usersTable(company, ids),
    roleAssignmentsTable(company, ids),
    departmentManagersTable(company, ids),
    gatewaysTable(company),
    gatewayAdminsTable(company, ids),
    connectorsTable(company, ids),
    connectorDepartmentsTable(company, ids),
  ];
}

/** A chunk of the portfolio's tables: its automations, their systems and prerequisites, requests, notifications. */
export function chunkLoads(
  company: Company,
  chunk: PortfolioChunk,
  notifications: NotificationRow[],
): TableLoad[] {
  const ids = idsOf(company);
  return [
    automationsTable(company, chunk, ids),
    systemAccessesTable(chunk),
    prerequisitesTable(chunk, ids),
    requestsTable(chunk, ids),
    notificationsTable(notifications, ids),
  ];
}

function departmentsTable({ departments }: Company): TableLoad {
  return {
    table: "departments",
    columns: ["id", "name", "createdAt", "updatedAt"],
    rows: departments.length,
    lines: () => departments.map((d) => line([d.id, d.name, d.createdAt, d.createdAt])),
  };
}

function usersTable({ people }: Company, ids: Ids): TableLoad {
  return {
    table: "users",
    columns: [
      "id",
      "email",
      "name",
      "externalId",
      "departmentId",
      "active",
      "lastSignInAt",
      "createdAt",
      "updatedAt",
    ],
    rows: people.length,
    lines: () =>
      people.map((p, i) =>
        line([
          p.id,
          p.email,
          p.name,
          p.externalId,
          ids.department(p.departmentIndex),
          // One in a hundred people has left the company.
          i < 4 || i % 100 !== 99,
          p.lastSignInAt,
          p.createdAt,
          p.lastSignInAt ?? p.createdAt,
        ]),
      ),
  };
}

function roleAssignmentsTable({ people }: Company, ids: Ids): TableLoad {
  const roles = people.flatMap((person, userIndex) => person.roles.map((role) => ({ userIndex, role })));
  return {
    table: "role_assignments",
    columns: ["id", "userId", "role", "source", "createdAt"],
    rows: roles.length,
    lines: () =>
      roles.map(({ userIndex, role }, i) =>
        line([
          uuidFrom(0x0a, i),
          ids.person(userIndex),
          role,
          // Roles come from Entra's app roles, a few were granted in the app by an ADMIN.
          i % 9 === 0 ? "APP" : "CLAIM",
          people[userIndex]!.createdAt,
        ]),
      ),
  };
}

function departmentManagersTable(company: Company, ids: Ids): TableLoad {
  const managers = company.managersOf.flatMap((list, departmentIndex) =>
    list.map((userIndex) => ({ userIndex, departmentIndex })),
  );
  return {
    table: "department_managers",
    columns: ["userId", "departmentId", "createdAt"],
    rows: managers.length,
    lines: () =>
      managers.map(({ userIndex, departmentIndex }) =>
        line([
          ids.person(userIndex),
          ids.department(departmentIndex),
          company.departments[departmentIndex]!.createdAt,
        ]),
      ),
  };
}

function gatewaysTable({ gateways }: Company): TableLoad {
  return {
    table: "gateways",
    columns: [
      "id",
      "name",
      "kind",
      "cluster",
      "host",
      "region",
      "status",
      "version",
      "createdAt",
      "updatedAt",
    ],
    rows: gateways.length,
    lines: () =>
      gateways.map((g) =>
        line([
          g.id,
          g.name,
          g.kind,
          g.cluster,
          g.host,
          g.region,
          g.status,
          g.status === "ONLINE" ? 1 : 2,
          g.createdAt,
          g.updatedAt,
        ]),
      ),
  };
}

function gatewayAdminsTable({ gateways }: Company, ids: Ids): TableLoad {
  const gatewayAdmins = gateways.flatMap((g) => g.adminIndexes.map((userIndex) => ({ g, userIndex })));
  return {
    table: "gateway_admins",
    columns: ["gatewayId", "userId"],
    rows: gatewayAdmins.length,
    lines: () => gatewayAdmins.map(({ g, userIndex }) => line([g.id, ids.person(userIndex)])),
  };
}

function connectorsTable({ connectors }: Company, ids: Ids): TableLoad {
  return {
    table: "connectors",
    columns: [
      "id",
      "name",
      "service",
      "ownerTeam",
      "ownerId",
      "keyReference",
      "keyExpiresAt",
      "status",
      "sharing",
      "createdById",
      "revokedAt",
      "version",
      "createdAt",
      "updatedAt",
    ],
    rows: connectors.length,
    lines: () =>
      connectors.map((c) =>
        line([
          c.id,
          c.name,
          c.service,
          c.ownerTeam,
          ids.person(c.ownerIndex),
          c.keyReference,
          c.keyExpiresAt,
          c.status,
          c.sharing,
          ids.person(c.createdByIndex),
          c.revokedAt,
          c.version,
          c.createdAt,
          c.updatedAt,
        ]),
      ),
  };
}

function connectorDepartmentsTable({ connectors }: Company, ids: Ids): TableLoad {
  const connectorDepartments = connectors.flatMap((c) => c.departmentIndexes.map((d) => ({ c, d })));
  return {
    table: "connector_departments",
    columns: ["connectorId", "departmentId"],
    rows: connectorDepartments.length,
    lines: () => connectorDepartments.map(({ c, d }) => line([c.id, ids.department(d)])),
  };
}

function automationsTable({ gateways }: Company, { automations }: PortfolioChunk, ids: Ids): TableLoad {
  return {
    table: "automations",
    columns: [
      "id",
      "name",
      "description",
      "kind",
      "runMode",
      "status",
      "runAs",
      "machine",
      "windowsAccount",
      "windowsAccountType",
      "ownerId",
      "departmentId",
      "gatewayId",
      "version",
      "createdAt",
      "updatedAt",
      "retiredAt",
    ],
    rows: automations.length,
    lines: () =>
      automations.map((a) =>
        line([
          a.id,
          a.name,
          a.description,
          a.kind,
          a.runMode,
          a.status,
          a.runAs,
          a.machine,
          a.windowsAccount,
          a.windowsAccountType,
          ids.person(a.ownerIndex),
          ids.department(a.departmentIndex),
          a.gatewayIndex === null ? null : gateways[a.gatewayIndex]!.id,
          a.version,
          a.createdAt,
          a.retiredAt ?? a.updatedAt,
          a.retiredAt,
        ]),
      ),
  };
}

function systemAccessesTable(chunk: PortfolioChunk): TableLoad {
  return {
    table: "system_accesses",
    columns: [
      "id",
      "automationId",
      "position",
      "name",
      "location",
      "signInMethod",
      "sso",
      "service",
      "credentialStore",
      "credentialName",
      "credentialOwner",
      "credentialRotatesAt",
      "machineGroup",
      "windowsAccount",
      "windowsAccountType",
      "createdAt",
      "updatedAt",
    ],
    rows: chunk.automations.reduce((sum, a) => sum + a.systems.length, 0),
    lines: function* () {
      for (const a of chunk.automations) {
        for (const s of a.systems) {
          yield line([
            s.id,
            a.id,
            s.position,
            s.name,
            s.location,
            s.signInMethod,
            s.sso,
            s.service,
            s.credentialStore,
            s.credentialName,
            s.credentialOwner,
            s.credentialRotatesAt,
            s.machineGroup,
            s.windowsAccount,
            s.windowsAccountType,
            a.createdAt,
            a.updatedAt,
          ]);
        }
      }
    },
  };
}

function prerequisitesTable(chunk: PortfolioChunk, ids: Ids): TableLoad {
  return {
    table: "prerequisites",
    columns: [
      "id",
      "automationId",
      "departmentId",
      "systemAccessId",
      "key",
      "type",
      "status",
      "satisfiedBy",
      "connectorId",
      "gatewayId",
      "reason",
      "basis",
      "basisById",
      "basisAt",
      "blocker",
      "createdAt",
      "updatedAt",
    ],
    rows: chunk.automations.reduce((sum, a) => sum + a.prerequisites.length, 0),
    lines: function* () {
      for (const a of chunk.automations) {
        const department = ids.department(a.departmentIndex);
        for (const p of a.prerequisites) {
          yield line([
            p.id,
            a.id,
            department,
            p.systemAccessId,
            p.key,
            p.type,
            p.status,
            p.satisfiedBy,
            p.connectorId,
            p.gatewayId,
            p.reason,
            p.basis,
            // Declared by the owner; what IT approved is "IT" (the generator names no approver).
            p.basis === "DECLARED" ? ids.person(a.ownerIndex) : null,
            p.basis === null ? null : a.updatedAt,
            blockerOf(p, a),
            a.createdAt,
            a.updatedAt,
          ]);
        }
      }
    },
  };
}

/**
 * What an outstanding prerequisite waits on, as the database's trigger sets it (migration
 * 20261206003000_dashboard_blockers; the triggers are off while the loader copies): the
 * shared-key service, or the system of a credential or Windows sign-in. The loader checks every
 * row against the database's own function once the keys are back (bench/lib/load.ts).
 */
function blockerOf(p: PrerequisiteRow, a: AutomationRow): string | null {
  if (p.systemAccessId === null) return null;
  if (p.type === "SHARED_KEY_CONNECTOR") {
    const service = a.systems.find((system) => system.id === p.systemAccessId)?.service;
    return service ? `SERVICE:${service}` : null;
  }
  if (p.type === "CREDENTIAL" || p.type === "WINDOWS_SIGN_IN")
    return `SYSTEM:${p.key.slice(p.key.indexOf(":") + 1)}`;
  return null;
}

function requestsTable(chunk: PortfolioChunk, ids: Ids): TableLoad {
  return {
    table: "requests",
    columns: [
      "id",
      "type",
      "status",
      "requesterId",
      "automationId",
      "prerequisiteId",
      "prerequisiteKey",
      "departmentId",
      "service",
      "justification",
      "assigneeId",
      "decidedById",
      "decidedAt",
      "decisionReason",
      "connectorId",
      "gatewayId",
      "version",
      "createdAt",
      "updatedAt",
    ],
    rows: chunk.requests.length,
    lines: () =>
      chunk.requests.map((r) => {
        const a = chunk.automations[r.automationIndex - chunk.offset]!;
        const prerequisite = a.prerequisites.find((p) => p.key === r.prerequisiteKey);
        return line([
          r.id,
          r.type,
          r.status,
          ids.person(a.ownerIndex),
          a.id,
          prerequisite?.id ?? null,
          r.prerequisiteKey,
          ids.department(a.departmentIndex),
          r.service,
          r.justification,
          ids.person(r.assigneeIndex),
          ids.person(r.decidedByIndex),
          r.decidedAt,
          r.decisionReason,
          r.connectorId,
          r.gatewayId,
          r.version,
          r.createdAt,
          r.updatedAt,
        ]);
      }),
  };
}

/** The audit trail, in time order with ascending ids, from the spool it was written to. */
export function auditEventsLoad(spool: TimeSpool): TableLoad {
  return {
    table: "audit_events",
    columns: [
      "id",
      "actorId",
      "actorLabel",
      "action",
      "entityType",
      "entityId",
      "before",
      "after",
      "createdAt",
    ],
    rows: spool.count,
    lines: () => spool.lines(),
  };
}

function notificationsTable(notifications: NotificationRow[], ids: Ids): TableLoad {
  return {
    table: "notifications",
    columns: [
      "id",
      "userId",
      "kind",
      "title",
      "body",
      "link",
      "readAt",
      "emailStatus",
      "attempts",
      "lastError",
      "sentAt",
      "createdAt",
    ],
    rows: notifications.length,
    lines: () =>
      notifications.map((n) =>
        line([
          n.id,
          ids.person(n.userIndex),
          n.kind,
          n.title,
          n.body,
          n.link,
          n.readAt,
          n.emailStatus,
          n.attempts,
          n.lastError,
          n.sentAt,
          n.createdAt,
        ]),
      ),
  };
}

/** The snapshots, streamed as they are generated (`rows` of them). */
export function snapshotsLoad(company: Company, snapshots: Iterable<SnapshotRow>, rows: number): TableLoad {
  const ids = idsOf(company);
  return {
    table: "outstanding_snapshots",
    columns: ["day", "departmentId", "type", "count"],
    rows,
    lines: function* () {
      for (const s of snapshots) yield line([s.day, ids.department(s.departmentIndex), s.type, s.count]);
    },
  };
}

/** Ids of link rows that the generator does not otherwise need: unique, and stable per index. */
function uuidFrom(table: number, index: number): string {
  const hex = index.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8${table.toString(16).padStart(3, "0")}-${hex}`;
}
