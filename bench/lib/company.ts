import type { ConnectorSharing, ConnectorStatus, GatewayKind, GatewayStatus } from "@/lib/domain/types";
import type { Random } from "./random";
import {
  BENCH_ACCOUNTS,
  BENCH_EMAIL_DOMAIN,
  MANAGER_DEPARTMENTS,
  REVOKE_CONNECTOR_NAME,
  REVOKE_SERVICE,
  type Scale,
} from "./scale";
import { AREAS, FIRST_NAMES, LAST_NAMES, REGIONS, SITES, VARIANTS, VENDORS } from "./vocabulary";

// The organisation and IT's catalog: departments, people and their roles, gateways and
// machine groups, the shared-key services and their connectors. Sizes come from `Scale`.

export const DAY_MS = 86_400_000;

export type Role = "MAKER" | "IT_APPROVER" | "MANAGER" | "ADMIN";

export interface Department {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  departmentIndex: number;
  roles: Role[];
  externalId: string | null;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface Gateway {
  id: string;
  name: string;
  kind: GatewayKind;
  cluster: string;
  host: string;
  region: string;
  status: GatewayStatus;
  adminIndexes: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Connector {
  id: string;
  name: string;
  service: string;
  ownerTeam: string;
  ownerIndex: number;
  createdByIndex: number;
  keyReference: string;
  keyExpiresAt: Date;
  status: ConnectorStatus;
  sharing: ConnectorSharing;
  departmentIndexes: number[];
  revokedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Company {
  anchor: Date;
  departments: Department[];
  people: Person[];
  /** department index → indexes of the managers of that department */
  managersOf: number[][];
  makers: number[];
  itApprovers: number[];
  admins: number[];
  gateways: Gateway[];
  services: string[];
  connectors: Connector[];
  accounts: Record<keyof typeof BENCH_ACCOUNTS, number>;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function generateCompany(rng: Random, scale: Scale, anchor: Date): Company {
  const at = (days: number) => new Date(anchor.getTime() + days * DAY_MS);
  const departments = generateDepartments(rng, scale, at);
  const { people, makers, itApprovers, admins, managersOf, accounts } = generatePeople(
    rng,
    scale,
    departments,
    at,
  );
  const gateways = generateGateways(rng, scale, itApprovers, at);
  const services = generateServices(rng, scale);
  const connectors = generateConnectors(rng, scale, services, departments.length, itApprovers, at);
  return {
    anchor,
    departments,
    people,
    managersOf,
    makers,
    itApprovers,
    admins,
    gateways,
    services,
    connectors,
    accounts,
  };
}

function generateDepartments(rng: Random, scale: Scale, at: (days: number) => Date): Department[] {
  const names = AREAS.flatMap((area) => SITES.map((site) => `${area} (${site})`));
  // Every area first at one site, so a small company still has Finance, HR, IT…
  const ordered = [
    ...AREAS.map((area, index) => `${area} (${SITES[index % SITES.length]})`),
    ...rng.shuffle(names),
  ];
  const unique = [...new Set(ordered)];
  const departments: Department[] = [];
  for (let i = 0; i < scale.departments; i++) {
    const name = unique[i] ?? `Department ${i + 1}`;
    departments.push({ id: rng.uuid(), name, slug: slugify(name), createdAt: at(-1100 + i / 10) });
  }
  return departments;
}

function generatePeople(rng: Random, scale: Scale, departments: Department[], at: (days: number) => Date) {
  const people: Person[] = [];
  /** How many people have each first.last so far. */
  const namesTaken = new Map<string, number>();
  const itDepartments = departments
    .map((department, index) => ({ department, index }))
    .filter(({ department }) => department.name.startsWith("IT "))
    .map(({ index }) => index);
  const itPool = itDepartments.length > 0 ? itDepartments : [0];

  const addPerson = (email: string, name: string, departmentIndex: number, roles: Role[]) => {
    const createdAt = at(-rng.int(30, 1000) - rng.float());
    const signedIn = rng.chance(0.92);
    people.push({
      id: rng.uuid(),
      email,
      name,
      departmentIndex,
      roles,
      externalId: signedIn ? rng.uuid() : null,
      createdAt,
      lastSignInAt: signedIn ? at(-rng.exponential(6) - rng.float()) : null,
    });
    return people.length - 1;
  };

  // Departments are of very different sizes: a few large ones, a long tail of small teams.
  const departmentOf = () => rng.skewed(departments.length, 0.6);
  const itCount = Math.max(3, Math.round(scale.people * 0.0025));
  const adminCount = Math.max(2, Math.round(scale.people * 0.0005));

  // The accounts the benchmark uses, with known addresses.
  const managedByBench = pickManagerDepartments(departments.length);
  const accounts = {
    it: addPerson(BENCH_ACCOUNTS.it, "Ivo IT-Approver", rng.pick(itPool), ["IT_APPROVER"]),
    admin: addPerson(BENCH_ACCOUNTS.admin, "Ada Admin", rng.pick(itPool), ["ADMIN"]),
    manager: addPerson(BENCH_ACCOUNTS.manager, "Mona Manager", managedByBench[0]!, ["MANAGER"]),
    maker: addPerson(BENCH_ACCOUNTS.maker, "Max Maker", managedByBench[0]!, ["MAKER"]),
  };

  while (people.length < scale.people) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    // first.last@…, then first.last2@…, first.last3@… (counted: at a million automations
    // 200,000 people share 2,500 names, and probing for a free number was quadratic).
    const name = `${slugify(first)}.${slugify(last)}`;
    const taken = namesTaken.get(name) ?? 0;
    namesTaken.set(name, taken + 1);
    const email = `${name}${taken === 0 ? "" : taken + 1}${BENCH_EMAIL_DOMAIN}`;
    const index = people.length;
    let roles: Role[];
    let department: number;
    if (index < 4 + itCount) {
      roles = ["IT_APPROVER"];
      department = rng.pick(itPool);
    } else if (index < 4 + itCount + adminCount) {
      roles = ["ADMIN"];
      department = rng.pick(itPool);
    } else {
      // Nearly half of the people build automations; the rest only run them.
      roles = rng.chance(0.45) ? ["MAKER"] : [];
      department = departmentOf();
    }
    addPerson(email, `${first} ${last}`, department, roles);
  }

  // One manager per department (some manage two), plus the benchmark manager's three.
  const managersOf: number[][] = departments.map(() => []);
  const candidates = people.map((_, index) => index).filter((index) => index >= 4 + itCount + adminCount);
  rng.shuffle(candidates);
  let next = 0;
  for (let d = 0; d < departments.length; d++) {
    if (managedByBench.includes(d)) {
      managersOf[d]!.push(accounts.manager);
      continue;
    }
    const manager = candidates[next++ % candidates.length]!;
    managersOf[d]!.push(manager);
    const person = people[manager]!;
    if (!person.roles.includes("MANAGER")) person.roles.push("MANAGER");
    // A neighbouring department as well, now and then.
    if (rng.chance(0.15) && d + 1 < departments.length && !managedByBench.includes(d + 1)) {
      managersOf[d + 1]!.push(manager);
    }
  }
  const indexesWith = (role: Role) =>
    people.flatMap((person, index) => (person.roles.includes(role) ? [index] : []));
  return {
    people,
    makers: indexesWith("MAKER"),
    itApprovers: indexesWith("IT_APPROVER"),
    admins: indexesWith("ADMIN"),
    managersOf,
    accounts,
  };
}

/** Three departments of ordinary size (neither the largest nor the smallest teams). */
function pickManagerDepartments(count: number): number[] {
  const start = Math.max(0, Math.floor(count / 3) - 1);
  return Array.from({ length: Math.min(MANAGER_DEPARTMENTS, count) }, (_, i) => start + i);
}

function generateGateways(rng: Random, scale: Scale, itApprovers: number[], at: (days: number) => Date) {
  const gateways: Gateway[] = [];
  for (let i = 0; i < scale.gateways; i++) {
    const kind: GatewayKind = rng.chance(0.35) ? "MACHINE_GROUP" : "DATA_GATEWAY";
    const site = slugify(SITES[i % SITES.length]!);
    const name = kind === "MACHINE_GROUP" ? `mg-${site}-${i + 1}` : `gw-${site}-${i + 1}`;
    const status = rng.weighted<GatewayStatus>({ ONLINE: 0.88, OFFLINE: 0.08, DECOMMISSIONED: 0.04 });
    const createdAt = at(-rng.int(60, 1000) - rng.float());
    gateways.push({
      id: rng.uuid(),
      name,
      kind,
      cluster: `${name.slice(0, name.lastIndexOf("-"))}-cluster`,
      host: `${name}.corp.example`,
      region: rng.pick(REGIONS),
      status,
      adminIndexes: [...new Set([rng.pick(itApprovers), rng.pick(itApprovers)])],
      createdAt,
      updatedAt: status === "ONLINE" ? createdAt : at(-rng.int(1, 50)),
    });
  }
  return gateways;
}

function generateServices(rng: Random, scale: Scale): string[] {
  const combos = rng.shuffle(VENDORS.flatMap((vendor) => VARIANTS.map((variant) => `${vendor}${variant}`)));
  const services = [REVOKE_SERVICE];
  for (let i = 0; services.length < scale.services; i++) {
    const base = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    services.push(round === 0 ? base : `${base}-${round + 1}`);
  }
  return services;
}

export function serviceTitle(service: string): string {
  return service
    .split(/[-.]/)
    .map((part) => (part.length <= 3 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1)))
    .join(" ");
}

const OWNER_TEAMS = ["IT Integration", "Finance Systems", "HR Systems", "Sales Systems", "Platform Team"];

function generateConnectors(
  rng: Random,
  scale: Scale,
  services: string[],
  departmentCount: number,
  itApprovers: number[],
  at: (days: number) => Date,
): Connector[] {
  const connectors: Connector[] = [];
  const add = (service: string, fields: Partial<Connector> = {}) => {
    const status =
      fields.status ?? rng.weighted<ConnectorStatus>({ APPROVED: 0.75, EXPIRED: 0.1, REVOKED: 0.15 });
    const sharing = fields.sharing ?? (rng.chance(0.55) ? "ALL" : "DEPARTMENTS");
    const createdAt = at(-rng.int(20, 900) - rng.float());
    const keyExpiresAt =
      fields.keyExpiresAt ?? (status === "EXPIRED" ? at(-rng.int(1, 200)) : at(rng.int(1, 400)));
    const departmentIndexes =
      sharing === "DEPARTMENTS"
        ? [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.skewed(departmentCount, 0.6)))]
        : [];
    const revokedAt = status === "REVOKED" ? at(-rng.int(1, 300)) : null;
    const n = connectors.filter((c) => c.service === service).length + 1;
    connectors.push({
      id: rng.uuid(),
      name: fields.name ?? `${serviceTitle(service)} ${sharing === "ALL" ? "(company-wide)" : `#${n}`}`,
      service,
      ownerTeam: rng.pick(OWNER_TEAMS),
      ownerIndex: rng.pick(itApprovers),
      createdByIndex: rng.pick(itApprovers),
      keyReference: `https://kv-integration.vault.azure.net/secrets/${service}-${n}`,
      keyExpiresAt,
      status,
      sharing,
      departmentIndexes,
      revokedAt,
      version: status === "APPROVED" ? 1 : 2,
      createdAt,
      updatedAt: revokedAt ?? (status === "EXPIRED" ? keyExpiresAt : createdAt),
    });
  };

  // The revoke scenario's connector: the only usable one for its service, shared with all.
  add(REVOKE_SERVICE, {
    name: REVOKE_CONNECTOR_NAME,
    status: "APPROVED",
    sharing: "ALL",
    keyExpiresAt: at(300),
  });
  add(REVOKE_SERVICE, {
    name: "SAP ERP (old key)",
    status: "EXPIRED",
    sharing: "ALL",
    keyExpiresAt: at(-30),
  });
  add(REVOKE_SERVICE, { name: "SAP ERP (pilot)", status: "REVOKED", sharing: "ALL" });

  // Most services have at least one connector; popular ones have several (per department,
  // rotated keys, revoked ones); a few have none yet (their automations must request one).
  const others = services.slice(1);
  const covered = others.filter((_, index) => index % 7 !== 6);
  for (const service of covered) if (connectors.length < scale.connectors) add(service);
  while (connectors.length < scale.connectors) add(covered[rng.skewed(covered.length)]!);
  return connectors;
}
