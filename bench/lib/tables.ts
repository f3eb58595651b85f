import type { Company } from "./company";
import { line } from "./copy";
import { type AuditTimeline, CAUSES, Kind, type NotificationRow, type SnapshotRow } from "./history";
import type { Portfolio } from "./portfolio";

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

export function tableLoads(data: DataSet): TableLoad[] {
  const { company, portfolio, timeline } = data;
  const { people, departments, gateways, connectors } = company;
  const personId = (index: number | null) => (index === null ? null : people[index]!.id);
  const departmentId = (index: number) => departments[index]!.id;
  const automations = portfolio.automations;
  const roles = people.flatMap((person, userIndex) => person.roles.map((role) => ({ userIndex, role })));
  const managers = company.managersOf.flatMap((list, departmentIndex) =>
    list.map((userIndex) => ({ userIndex, departmentIndex })),
  );
  const gatewayAdmins = gateways.flatMap((g) => g.adminIndexes.map((userIndex) => ({ g, userIndex })));
  const connectorDepartments = connectors.flatMap((c) => c.departmentIndexes.map((d) => ({ c, d })));

  return [
    {
      table: "departments",
      columns: ["id", "name", "createdAt", "updatedAt"],
      rows: departments.length,
      lines: () => departments.map((d) => line([d.id, d.name, d.createdAt, d.createdAt])),
    },
    {
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
            departmentId(p.departmentIndex),
            // One in a hundred people has left the company.
            i < 4 || i % 100 !== 99,
            p.lastSignInAt,
            p.createdAt,
            p.lastSignInAt ?? p.createdAt,
          ]),
        ),
    },
    {
      table: "role_assignments",
      columns: ["id", "userId", "role", "source", "createdAt"],
      rows: roles.length,
      lines: () =>
        roles.map(({ userIndex, role }, i) =>
          line([
            uuidFrom(0x0a, i),
            personId(userIndex),
            role,
            // Roles come from Entra's app roles, a few were granted in the app by an ADMIN.
            i % 9 === 0 ? "APP" : "CLAIM",
            people[userIndex]!.createdAt,
          ]),
        ),
    },
    {
      table: "department_managers",
      columns: ["userId", "departmentId", "createdAt"],
      rows: managers.length,
      lines: () =>
        managers.map(({ userIndex, departmentIndex }) =>
          line([personId(userIndex), departmentId(departmentIndex), departments[departmentIndex]!.createdAt]),
        ),
    },
    {
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
    },
    {
      table: "gateway_admins",
      columns: ["gatewayId", "userId"],
      rows: gatewayAdmins.length,
      lines: () => gatewayAdmins.map(({ g, userIndex }) => line([g.id, personId(userIndex)])),
    },
    {
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
            personId(c.ownerIndex),
            c.keyReference,
            c.keyExpiresAt,
            c.status,
            c.sharing,
            personId(c.createdByIndex),
            c.revokedAt,
            c.version,
            c.createdAt,
            c.updatedAt,
          ]),
        ),
    },
    {
      table: "connector_departments",
      columns: ["connectorId", "departmentId"],
      rows: connectorDepartments.length,
      lines: () => connectorDepartments.map(({ c, d }) => line([c.id, departmentId(d)])),
    },
    {
      table: "automations",
      columns: [
        "id",
        "name",
        "description",
        "kind",
        "runMode",
        "status",
        "runAs",
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
            personId(a.ownerIndex),
            departmentId(a.departmentIndex),
            a.gatewayIndex === null ? null : gateways[a.gatewayIndex]!.id,
            a.version,
            a.createdAt,
            a.retiredAt ?? a.updatedAt,
            a.retiredAt,
          ]),
        ),
    },
    {
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
        for (const a of automations) {
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
    },
    {
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
        "createdAt",
        "updatedAt",
      ],
      rows: portfolio.prerequisiteCount,
      lines: function* () {
        for (const a of automations) {
          const department = departmentId(a.departmentIndex);
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
              a.createdAt,
              a.updatedAt,
            ]);
          }
        }
      },
    },
    {
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
          const a = automations[r.automationIndex]!;
          const prerequisite = a.prerequisites.find((p) => p.key === r.prerequisiteKey);
          return line([
            r.id,
            r.type,
            r.status,
            personId(a.ownerIndex),
            a.id,
            prerequisite?.id ?? null,
            r.prerequisiteKey,
            departmentId(a.departmentIndex),
            r.service,
            r.justification,
            personId(r.assigneeIndex),
            personId(r.decidedByIndex),
            r.decidedAt,
            r.decisionReason,
            r.connectorId,
            r.gatewayId,
            r.version,
            r.createdAt,
            r.updatedAt,
          ]);
        }),
    },
    {
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
    },
    {
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
      rows: data.notifications.length,
      lines: () =>
        data.notifications.map((n) =>
          line([
            n.id,
            personId(n.userIndex),
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
    },
    {
      table: "outstanding_snapshots",
      columns: ["day", "departmentId", "type", "count"],
      rows: data.snapshots.length,
      lines: () => data.snapshots.map((s) => line([s.day, departmentId(s.departmentIndex), s.type, s.count])),
    },
  ];
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
