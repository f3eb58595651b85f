import type { Company } from "./company";
import { line } from "./copy";
import { type AuditTimeline, CAUSES, Kind, type NotificationRow, type SnapshotRow } from "./history";
import type { AutomationRow, Portfolio, PrerequisiteRow } from "./portfolio";

// The generated company as COPY rows, table by table. Each entry names the table, its
// columns (the order of the values in every line) and a lazy iterator of lines, so that a
// table streams into Postgres without being materialised as text first.

export interface TableLoad {
  table: string;
  columns: readonly string[];
  rows: number;
  lines: () => Iterable<string>;
}

export interface DataSet {
  company: Company;
  portfolio: Portfolio;
  timeline: AuditTimeline;
  notifications: NotificationRow[];
  snapshots: SnapshotRow[];
}

/** Ids by the generator's indexes, shared by every table below. */
interface Ids {
  person: (index: number | null) => string | null;
  department: (index: number) => string;
}

type TableSource = (data: DataSet, ids: Ids) => TableLoad;

/** The tables in load order: each one's references point at tables loaded before it. */
const LOAD_ORDER: readonly TableSource[] = [
  departmentsTable,
  usersTable,
  roleAssignmentsTable,
  departmentManagersTable,
  gatewaysTable,
  gatewayAdminsTable,
  connectorsTable,
  connectorDepartmentsTable,
  automationsTable,
  systemAccessesTable,
  prerequisitesTable,
  requestsTable,
  auditEventsTable,
  notificationsTable,
  outstandingSnapshotsTable,
];

export function tableLoads(data: DataSet): TableLoad[] {
  const { people, departments } = data.company;
  const ids: Ids = {
    person: (index) => (index === null ? null : people[index]!.id),
    department: (index) => departments[index]!.id,
  };
  return LOAD_ORDER.map((source) => source(data, ids));
}

function departmentsTable({ company: { departments } }: DataSet): TableLoad {
  return {
    table: "departments",
    columns: ["id", "name", "createdAt", "updatedAt"],
    rows: departments.length,
    lines: () => departments.map((d) => line([d.id, d.name, d.createdAt, d.createdAt])),
  };
}

function usersTable({ company: { people } }: DataSet, ids: Ids): TableLoad {
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

function roleAssignmentsTable({ company: { people } }: DataSet, ids: Ids): TableLoad {
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

function departmentManagersTable({ company }: DataSet, ids: Ids): TableLoad {
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

function gatewaysTable({ company: { gateways } }: DataSet): TableLoad {
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

function gatewayAdminsTable({ company: { gateways } }: DataSet, ids: Ids): TableLoad {
  const gatewayAdmins = gateways.flatMap((g) => g.adminIndexes.map((userIndex) => ({ g, userIndex })));
  return {
    table: "gateway_admins",
    columns: ["gatewayId", "userId"],
    rows: gatewayAdmins.length,
    lines: () => gatewayAdmins.map(({ g, userIndex }) => line([g.id, ids.person(userIndex)])),
  };
}

function connectorsTable({ company: { connectors } }: DataSet, ids: Ids): TableLoad {
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

function connectorDepartmentsTable({ company: { connectors } }: DataSet, ids: Ids): TableLoad {
  const connectorDepartments = connectors.flatMap((c) => c.departmentIndexes.map((d) => ({ c, d })));
  return {
    table: "connector_departments",
    columns: ["connectorId", "departmentId"],
    rows: connectorDepartments.length,
    lines: () => connectorDepartments.map(({ c, d }) => line([c.id, ids.department(d)])),
  };
}

function automationsTable(
  { company: { gateways }, portfolio: { automations } }: DataSet,
  ids: Ids,
): TableLoad {
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

function systemAccessesTable({ portfolio }: DataSet): TableLoad {
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
    rows: portfolio.systemCount,
    lines: function* () {
      for (const a of portfolio.automations) {
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

function prerequisitesTable({ portfolio }: DataSet, ids: Ids): TableLoad {
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
    rows: portfolio.prerequisiteCount,
    lines: function* () {
      for (const a of portfolio.automations) {
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

function requestsTable({ portfolio }: DataSet, ids: Ids): TableLoad {
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
    rows: portfolio.requests.length,
    lines: () =>
      portfolio.requests.map((r) => {
        const a = portfolio.automations[r.automationIndex]!;
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

function auditEventsTable(data: DataSet): TableLoad {
  const { timeline } = data;
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
    rows: timeline.count,
    lines: function* () {
      for (let n = 0; n < timeline.count; n++) yield auditLine(data, timeline.order[n]!, n + 1);
    },
  };
}

function notificationsTable({ notifications }: DataSet, ids: Ids): TableLoad {
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

function outstandingSnapshotsTable({ snapshots }: DataSet, ids: Ids): TableLoad {
  return {
    table: "outstanding_snapshots",
    columns: ["day", "departmentId", "type", "count"],
    rows: snapshots.length,
    lines: () => snapshots.map((s) => line([s.day, ids.department(s.departmentIndex), s.type, s.count])),
  };
}

/** Ids of link rows that the generator does not otherwise need: unique, and stable per index. */
function uuidFrom(table: number, index: number): string {
  const hex = index.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8${table.toString(16).padStart(3, "0")}-${hex}`;
}

const json = (value: unknown) => JSON.stringify(value);

function auditLine(data: DataSet, e: number, id: number): string {
  const { company, portfolio, timeline } = data;
  const kind = timeline.kind[e]! as Kind;
  const entity = timeline.entity[e]!;
  const actorIndex = timeline.actor[e]!;
  const aux = timeline.aux[e]!;
  const actor = actorIndex < 0 ? null : company.people[actorIndex]!;
  const at = new Date(timeline.time[e]!);
  let label = actor?.email ?? "system: key expiry";
  let action: string;
  let entityType: string;
  let entityId: string;
  let before: string | null = null;
  let after: string | null = null;
  switch (kind) {
    case Kind.DepartmentCreated: {
      const d = company.departments[entity]!;
      [action, entityType, entityId, after] = [
        "department.created",
        "Department",
        d.id,
        json({ name: d.name }),
      ];
      break;
    }
    case Kind.UserCreated:
    case Kind.UserSignedIn: {
      const p = company.people[entity]!;
      action = kind === Kind.UserCreated ? "user.created" : "user.signed_in";
      [entityType, entityId] = ["User", p.id];
      after = json({ name: p.name, email: p.email, provider: "entra" });
      break;
    }
    case Kind.ConnectorCreated:
    case Kind.ConnectorRevoked:
    case Kind.ConnectorExpired: {
      const c = company.connectors[entity]!;
      [entityType, entityId] = ["Connector", c.id];
      if (kind === Kind.ConnectorCreated) {
        action = "connector.created";
        after = json({ name: c.name, service: c.service, sharing: c.sharing, keyExpiresAt: c.keyExpiresAt });
      } else if (kind === Kind.ConnectorRevoked) {
        action = "connector.revoked";
        before = json({ status: "APPROVED", version: 1 });
        after = json({ status: "REVOKED", version: 2, reason: "Key rotated after a security review." });
      } else {
        action = "connector.expired";
        before = json({ status: "APPROVED", version: 1 });
        after = json({ status: "EXPIRED", version: 2 });
      }
      break;
    }
    case Kind.GatewayCreated:
    case Kind.GatewayUpdated: {
      const g = company.gateways[entity]!;
      [entityType, entityId] = ["Gateway", g.id];
      action = kind === Kind.GatewayCreated ? "gateway.created" : "gateway.updated";
      if (kind === Kind.GatewayCreated) after = json({ name: g.name, kind: g.kind, status: "ONLINE" });
      else [before, after] = [json({ status: "ONLINE", version: 1 }), json({ status: g.status, version: 2 })];
      break;
    }
    case Kind.AutomationCreated:
    case Kind.AutomationUpdated:
    case Kind.AutomationRetired:
    case Kind.AutomationRederived: {
      const a = portfolio.automations[entity]!;
      [entityType, entityId] = ["Automation", a.id];
      if (kind === Kind.AutomationCreated) {
        action = "automation.created";
        after = json({ name: a.name, kind: a.kind, runMode: a.runMode });
      } else if (kind === Kind.AutomationUpdated) {
        action = "automation.updated";
        before = json({ version: aux - 1 });
        after = json({ version: aux, changed: aux % 2 === 0 ? ["systems"] : ["description", "runAs"] });
      } else if (kind === Kind.AutomationRetired) {
        action = "automation.retired";
        [before, after] = [json({ status: "PENDING" }), json({ status: "RETIRED" })];
      } else {
        action = "automation.rederived";
        const changed = a.prerequisites.slice(0, 2);
        before = json({
          status: "PENDING",
          prerequisites: changed.map((p) => ({ key: p.key, status: aux === 0 ? null : "OUTSTANDING" })),
          cause: CAUSES[aux] ?? "automation.updated",
        });
        after = json({
          status: a.status,
          prerequisites: changed.map((p) => ({ key: p.key, status: p.status })),
        });
      }
      break;
    }
    case Kind.RequestCreated:
    case Kind.RequestClosed: {
      const r = portfolio.requests[entity]!;
      const a = portfolio.automations[r.automationIndex]!;
      [entityType, entityId] = ["Request", r.id];
      if (kind === Kind.RequestCreated) {
        action = "request.created";
        after = json({
          type: r.type,
          status: "PENDING",
          automationId: a.id,
          prerequisiteKey: r.prerequisiteKey,
          service: r.service,
        });
      } else {
        action = `request.${r.status.toLowerCase()}`;
        before = json({ status: "PENDING", version: 1 });
        after = json({
          status: r.status,
          version: 2,
          ...(r.decisionReason ? { reason: r.decisionReason } : {}),
        });
      }
      break;
    }
    default:
      throw new Error(`unknown audit event kind ${kind}`);
  }
  if (!actor) label = "system: key expiry";
  return line([id, actor?.id ?? null, label, action, entityType, entityId, before, after, at]);
}
