import { derivePrerequisites } from "@/lib/domain/prerequisites";
import type {
  AssuranceBasis,
  AutomationKind,
  AutomationStatus,
  ConnectorInput,
  CredentialStore,
  Derivation,
  EngineInput,
  PrerequisiteStatus,
  PrerequisiteType,
  RequestInput,
  RequestStatus,
  RunMode,
  SignInMethod,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/domain/types";
import { type Company, DAY_MS, serviceTitle } from "./company";
import type { Random } from "./random";
import { REVOKE_SERVICE, REVOKE_SHARE, type Scale } from "./scale";
import { OBJECTS, SITES, SYSTEMS, type SystemTemplate, VERBS } from "./vocabulary";

// The automations, their systems, the requests filed for them, and their prerequisites as
// the product's own pure engine derives them (lib/domain) — the same rules, so the data set
// is one the product could have produced. Requests are chosen after a first derivation so
// that they fit: approvals for prerequisites a connector or gateway now satisfies, pending,
// rejected and withdrawn ones for those still open, cancelled ones on retired automations.

export interface SystemRow {
  id: string;
  position: number;
  name: string;
  location: SystemLocation;
  signInMethod: SignInMethod;
  sso: boolean;
  service: string | null;
  credentialStore: CredentialStore | null;
  credentialName: string | null;
  credentialOwner: string | null;
  credentialRotatesAt: Date | null;
  machineGroup: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
}

export interface PrerequisiteRow {
  id: string;
  key: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  systemAccessId: string | null;
  satisfiedBy: string | null;
  connectorId: string | null;
  gatewayId: string | null;
  reason: string;
  basis: AssuranceBasis | null;
}

export interface AutomationRow {
  id: string;
  name: string;
  description: string;
  kind: AutomationKind;
  runMode: RunMode;
  runAs: string | null;
  /** DESKTOP_FLOW: the machine it runs on and the Windows account it signs in with. */
  machine: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  ownerIndex: number;
  departmentIndex: number;
  gatewayIndex: number | null;
  status: AutomationStatus;
  /** 1 + the number of edits (each has an `automation.updated` audit event). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  retiredAt: Date | null;
  systems: SystemRow[];
  prerequisites: PrerequisiteRow[];
}

export interface RequestRow {
  id: string;
  type: "SHARED_KEY_CONNECTOR" | "GATEWAY";
  status: RequestStatus;
  automationIndex: number;
  prerequisiteKey: string;
  service: string | null;
  justification: string;
  assigneeIndex: number | null;
  decidedByIndex: number | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  connectorId: string | null;
  gatewayId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A chunk of the portfolio: automations `offset`… with the requests filed for them. */
export interface PortfolioChunk {
  /** The index of the chunk's first automation in the whole portfolio. */
  offset: number;
  automations: AutomationRow[];
  requests: RequestRow[];
}

const KIND_WEIGHTS: Record<AutomationKind, number> = {
  CLOUD_FLOW: 0.45,
  DESKTOP_FLOW: 0.25,
  WEBSITE_AUTOMATION: 0.1,
  API_INTEGRATION: 0.2,
};

/** How the systems of each kind of automation sign in (the issue's "realistic mix"). */
const METHOD_WEIGHTS: Record<AutomationKind, Record<SignInMethod, number>> = {
  CLOUD_FLOW: { ENTRA_ID: 0.55, USERNAME_PASSWORD: 0.2, WINDOWS: 0.05, SHARED_KEY: 0.2 },
  DESKTOP_FLOW: { ENTRA_ID: 0.2, USERNAME_PASSWORD: 0.3, WINDOWS: 0.4, SHARED_KEY: 0.1 },
  WEBSITE_AUTOMATION: { ENTRA_ID: 0.2, USERNAME_PASSWORD: 0.6, WINDOWS: 0.1, SHARED_KEY: 0.1 },
  API_INTEGRATION: { ENTRA_ID: 0.25, USERNAME_PASSWORD: 0.1, WINDOWS: 0, SHARED_KEY: 0.65 },
};

const ATTENDED_SHARE: Record<AutomationKind, number> = {
  CLOUD_FLOW: 0.5,
  DESKTOP_FLOW: 0.6,
  WEBSITE_AUTOMATION: 0.5,
  API_INTEGRATION: 0.1,
};

/** Systems per automation: 1–7, mean ≈ 3.5. */
const SYSTEM_COUNT_WEIGHTS = { 1: 0.12, 2: 0.18, 3: 0.22, 4: 0.2, 5: 0.14, 6: 0.09, 7: 0.05 } as const;

const RETIRED_SHARE = 0.04;
const REQUEST_DAYS = 180;
const AUTOMATION_DAYS = 730;

const TEMPLATES_BY_METHOD = new Map<SignInMethod, SystemTemplate[]>(
  (["ENTRA_ID", "USERNAME_PASSWORD", "WINDOWS"] as const).map((method) => [
    method,
    SYSTEMS.filter((system) => system.method === method),
  ]),
);

interface Context {
  rng: Random;
  company: Company;
  scale: Scale;
  now: Date;
  connectorsByService: Map<string, ConnectorInput[]>;
  departmentIds: string[];
  /** Services but the revoke scenario's, which exactly every tenth automation gets. */
  randomServices: string[];
  allGateways: number[];
  dataGateways: number[];
}

/**
 * Generates the portfolio a chunk at a time (bench/lib/chunks.ts); a chunk needs nothing of the
 * others, so chunks can be generated in parallel, each from its own random sequence. The requests
 * of a chunk are chosen among its own automations, their number in proportion to the chunk's size
 * (the chunks' shares add up to exactly `scale.requests`).
 */
export class PortfolioGenerator {
  private readonly ctx: Context;

  constructor(rng: Random, company: Company, scale: Scale) {
    const departmentIds = company.departments.map((d) => d.id);
    const connectorsByService = new Map<string, ConnectorInput[]>();
    for (const c of company.connectors) {
      const input: ConnectorInput = {
        id: c.id,
        name: c.name,
        service: c.service,
        status: c.status,
        keyExpiresAt: c.keyExpiresAt,
        sharing: c.sharing,
        departmentIds: c.departmentIndexes.map((index) => departmentIds[index]!),
      };
      connectorsByService.set(c.service, [...(connectorsByService.get(c.service) ?? []), input]);
    }
    this.ctx = {
      rng,
      company,
      scale,
      now: company.anchor,
      connectorsByService,
      departmentIds,
      randomServices: company.services.filter((service) => service !== REVOKE_SERVICE),
      allGateways: company.gateways.map((_, index) => index),
      dataGateways: company.gateways.flatMap((g, index) => (g.kind === "DATA_GATEWAY" ? [index] : [])),
    };
  }

  /** Automations [start, end), derived, with their requests, and derived again where requests were filed. */
  chunk(start: number, end: number): PortfolioChunk {
    const { ctx } = this;
    const automations: AutomationRow[] = [];
    const candidates: Candidates = { open: [], satisfied: [], retired: [] };
    const revokeEvery = Math.round(1 / REVOKE_SHARE);
    for (let i = start; i < end; i++) {
      const automation = generateAutomation(ctx, i % revokeEvery === 0);
      applyDerivation(ctx, automation, derivePrerequisites(engineInput(ctx, automation, [])));
      collectCandidates(candidates, automation, i);
      automations.push(automation);
    }

    const chunk: PortfolioChunk = { offset: start, automations, requests: [] };
    const share = ctx.scale.requests / ctx.scale.automations;
    const count = Math.round(end * share) - Math.round(start * share);
    chunk.requests = chooseRequests(ctx, chunk, candidates, count);
    const requestsBy = new Map<number, RequestInput[]>();
    for (const request of chunk.requests) {
      const list = requestsBy.get(request.automationIndex) ?? [];
      list.push({
        prerequisiteKey: request.prerequisiteKey,
        status: request.status,
        decisionReason: request.decisionReason,
        createdAt: request.createdAt,
      });
      requestsBy.set(request.automationIndex, list);
    }
    // Only automations with requests can derive differently the second time.
    for (const [index, filed] of requestsBy) {
      const automation = automations[index - start]!;
      applyDerivation(ctx, automation, derivePrerequisites(engineInput(ctx, automation, filed)));
    }
    return chunk;
  }
}

/** Stores the derivation on the automation, keeping the ids of rows whose key it had. */
function applyDerivation(ctx: Context, automation: AutomationRow, derivation: Derivation): void {
  const previous = new Map(automation.prerequisites.map((p) => [p.key, p.id]));
  automation.status = derivation.status;
  automation.prerequisites = derivation.prerequisites.map((p) => ({
    id: previous.get(p.key) ?? ctx.rng.uuid(),
    key: p.key,
    type: p.type,
    status: p.status,
    systemAccessId: p.systemAccessId,
    satisfiedBy: p.satisfiedBy,
    connectorId: p.connectorId,
    gatewayId: p.gatewayId,
    reason: p.reason,
    basis: p.basis,
  }));
}

function engineInput(ctx: Context, automation: AutomationRow, requests: RequestInput[]): EngineInput {
  const services = new Set(automation.systems.map((s) => s.service).filter((s): s is string => !!s));
  const gateway = automation.gatewayIndex === null ? null : ctx.company.gateways[automation.gatewayIndex]!;
  return {
    automation: {
      kind: automation.kind,
      runMode: automation.runMode,
      runAs: automation.runAs,
      departmentId: ctx.departmentIds[automation.departmentIndex]!,
      retired: automation.retiredAt !== null,
      machine: automation.machine,
      windowsAccount: automation.windowsAccount,
      windowsAccountType: automation.windowsAccountType,
      systems: automation.systems.map((s) => ({
        id: s.id,
        name: s.name,
        location: s.location,
        signInMethod: s.signInMethod,
        sso: s.sso,
        service: s.service,
        credential:
          s.credentialStore && s.credentialName && s.credentialOwner && s.credentialRotatesAt
            ? {
                store: s.credentialStore,
                name: s.credentialName,
                owner: s.credentialOwner,
                rotatesAt: s.credentialRotatesAt,
              }
            : null,
        machineGroup: s.machineGroup,
        windowsAccount: s.windowsAccount,
        windowsAccountType: s.windowsAccountType,
      })),
    },
    gateway: gateway && { id: gateway.id, name: gateway.name, kind: gateway.kind, status: gateway.status },
    connectors: [...services].flatMap((service) => ctx.connectorsByService.get(service) ?? []),
    requests,
    reviews: [],
    now: ctx.now,
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function generateAutomation(ctx: Context, usesRevokeService: boolean): AutomationRow {
  const { rng, company, now } = ctx;
  const kind = rng.weighted(KIND_WEIGHTS);
  const runMode: RunMode = rng.chance(ATTENDED_SHARE[kind]) ? "ATTENDED" : "UNATTENDED";
  // A few power users own many automations; most makers own a handful.
  const ownerIndex = company.makers[rng.skewed(company.makers.length, 0.8)]!;
  const owner = company.people[ownerIndex]!;
  const departmentIndex = owner.departmentIndex;
  const department = company.departments[departmentIndex]!;
  const verb = rng.pick(VERBS);
  const object = rng.pick(OBJECTS);
  const name = `${verb} ${object}${rng.chance(0.3) ? ` (${rng.pick(SITES)})` : ""}`;
  const createdAt = new Date(now.getTime() - (AUTOMATION_DAYS * rng.float() ** 1.5 + rng.float()) * DAY_MS);

  const count = Number(rng.weighted(SYSTEM_COUNT_WEIGHTS));
  const systems: SystemRow[] = [];
  const names = new Set<string>();
  for (let attempt = 0; systems.length < count && attempt < count * 4; attempt++) {
    const system = generateSystem(ctx, rng.weighted(METHOD_WEIGHTS[kind]), owner.email, department.slug);
    if (names.has(system.name.toLowerCase())) continue;
    names.add(system.name.toLowerCase());
    systems.push(system);
  }
  if (usesRevokeService) {
    const sap = sharedKeySystem(ctx, REVOKE_SERVICE);
    sap.name = "SAP ERP";
    systems.splice(rng.int(0, systems.length), 0, sap);
  }
  systems.forEach((system, position) => {
    system.position = position;
  });

  const needsGateway =
    kind === "DESKTOP_FLOW" ||
    kind === "WEBSITE_AUTOMATION" ||
    systems.some((s) => s.location === "ON_PREMISES");
  let gatewayIndex: number | null = null;
  if (needsGateway && rng.chance(0.75)) {
    // Desktop flows may use a machine group; for the others one in ten was given the wrong
    // kind of gateway (a machine group), which the engine reports as still outstanding.
    const pool = kind === "DESKTOP_FLOW" || rng.chance(0.1) ? ctx.allGateways : ctx.dataGateways;
    gatewayIndex = pool.length > 0 ? rng.pick(pool) : null;
  }

  const retired = rng.chance(RETIRED_SHARE);
  const age = now.getTime() - createdAt.getTime();
  const edits = Math.floor(rng.exponential(1.5));
  const retiredAt = retired ? new Date(createdAt.getTime() + age * (0.3 + 0.7 * rng.float())) : null;
  // Seven in ten desktop flows say where they run; unattended ones mostly under a service account.
  const recorded = kind === "DESKTOP_FLOW" && rng.chance(0.7);
  const service = recorded && (runMode === "UNATTENDED" ? rng.chance(0.85) : rng.chance(0.3));
  const desktop = {
    machine: recorded ? `PC-${rng.pick(SITES).toUpperCase()}-${rng.int(100, 999)}` : null,
    windowsAccount: recorded ? (service ? `CORP\\svc-${slug(object)}` : owner.email.split("@")[0]!) : null,
    windowsAccountType: recorded ? (service ? ("SERVICE" as const) : ("PERSONAL" as const)) : null,
  };
  return {
    id: rng.uuid(),
    name,
    description: `${verb} ${object} between ${systems
      .slice(0, 3)
      .map((s) => s.name)
      .join(", ")}.`,
    kind,
    runMode,
    runAs: rng.chance(0.8)
      ? runMode === "UNATTENDED"
        ? `svc-${slug(object)}@corp.example`
        : rng.chance(0.6)
          ? `grp-${department.slug}-runners`
          : owner.email
      : null,
    ...desktop,
    ownerIndex,
    departmentIndex,
    gatewayIndex,
    status: "PENDING",
    version: 1 + edits,
    createdAt,
    updatedAt: edits > 0 ? new Date(createdAt.getTime() + age * rng.float()) : createdAt,
    retiredAt,
    systems,
    prerequisites: [],
  };
}

function blankSystem(ctx: Context, name: string, method: SignInMethod, location: SystemLocation): SystemRow {
  return {
    id: ctx.rng.uuid(),
    position: 0,
    name,
    location,
    signInMethod: method,
    sso: false,
    service: null,
    credentialStore: null,
    credentialName: null,
    credentialOwner: null,
    credentialRotatesAt: null,
    machineGroup: null,
    windowsAccount: null,
    windowsAccountType: null,
  };
}

function sharedKeySystem(ctx: Context, service: string): SystemRow {
  const location = ctx.rng.chance(0.05) ? "ON_PREMISES" : "CLOUD";
  const system = blankSystem(ctx, `${serviceTitle(service)} API`, "SHARED_KEY", location);
  system.service = service;
  return system;
}

/** `text` cut to `max` characters, without a hyphen or a blank at the end. */
const clip = (text: string, max: number) => text.slice(0, max).replace(/[-\s]+$/, "");

/**
 * Where a generated system's credential lives, in its store's own form of reference
 * (lib/secrets/references.ts), so that every generated reference is one the API accepts.
 * Drawn from the department and the system alone: the random sequence is unchanged.
 */
export function credentialReference(
  store: CredentialStore,
  departmentSlug: string,
  systemSlug: string,
): string {
  const secret = `${clip(systemSlug, 100)}-bot`;
  switch (store) {
    case "AZURE_KEY_VAULT":
      return `${clip(`kv-${departmentSlug}`, 24)}/${secret}`;
    case "CYBERARK":
      return `${clip(`RPA-${departmentSlug.toUpperCase()}`, 28)}/svc-${secret}`;
    case "POWER_AUTOMATE":
      return clip(`${secret} (${departmentSlug})`, 100);
    case "HASHICORP_VAULT":
      return `secret/data/${departmentSlug}/${secret}`;
    case "AWS_SECRETS_MANAGER":
      return `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${departmentSlug}/${secret}`;
    case "OTHER":
      return `https://passwords.example.com/${departmentSlug}/${secret}`;
  }
}

function generateSystem(ctx: Context, method: SignInMethod, ownerEmail: string, departmentSlug: string) {
  const { rng, now } = ctx;
  if (method === "SHARED_KEY") {
    return sharedKeySystem(ctx, ctx.randomServices[rng.skewed(ctx.randomServices.length, 1.4)]!);
  }
  const template = rng.pick(TEMPLATES_BY_METHOD.get(method)!);
  const system = blankSystem(
    ctx,
    template.name,
    method,
    rng.chance(template.onPremises) ? "ON_PREMISES" : "CLOUD",
  );
  if (method === "USERNAME_PASSWORD") {
    system.sso = rng.chance(0.15);
    if (!system.sso && rng.chance(0.65)) {
      system.credentialStore = rng.weighted<CredentialStore>({
        AZURE_KEY_VAULT: 0.5,
        CYBERARK: 0.25,
        POWER_AUTOMATE: 0.15,
        HASHICORP_VAULT: 0,
        AWS_SECRETS_MANAGER: 0,
        OTHER: 0.1,
      });
      system.credentialName = credentialReference(
        system.credentialStore,
        departmentSlug,
        slug(template.name),
      );
      system.credentialOwner = ownerEmail;
      // Most rotation dates lie ahead; some have passed (the credential is then EXPIRED).
      system.credentialRotatesAt = new Date(now.getTime() + rng.int(-60, 365) * DAY_MS);
    }
  }
  if (method === "WINDOWS" && rng.chance(0.7)) {
    const service = rng.chance(0.65);
    system.machineGroup = `MG-${rng.pick(SITES).toUpperCase()}-${rng.int(1, 40)}`;
    system.windowsAccount = service
      ? `CORP\\svc-${slug(template.name)}`
      : `CORP\\${ownerEmail.split("@")[0]}`;
    system.windowsAccountType = service ? "SERVICE" : "PERSONAL";
  }
  return system;
}

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

interface Candidate {
  automationIndex: number;
  key: string;
  type: "SHARED_KEY_CONNECTOR" | "GATEWAY";
  service: string | null;
  connectorId: string | null;
  gatewayId: string | null;
}

const SHARES: Record<RequestStatus, number> = {
  PENDING: 0.12,
  APPROVED: 0.55,
  REJECTED: 0.15,
  WITHDRAWN: 0.1,
  CANCELLED: 0.08,
};

const REJECTIONS = [
  "Use the existing company-wide connector instead; ask your manager to request sharing.",
  "The vendor contract does not cover API access for this department.",
  "Security review pending: the service has no SSO and stores data outside the EU.",
  "Gateway capacity is exhausted in this region; move the flow to the cloud connector.",
  "Not enough detail: say which data the automation reads and writes.",
];

interface Candidates {
  open: Candidate[];
  satisfied: Candidate[];
  retired: Candidate[];
}

/** The prerequisites only IT can satisfy (gateway, connector): what requests can be for. */
function collectCandidates(candidates: Candidates, automation: AutomationRow, automationIndex: number) {
  for (const p of automation.prerequisites) {
    if (p.type !== "GATEWAY" && p.type !== "SHARED_KEY_CONNECTOR") continue;
    const system = automation.systems.find((s) => s.id === p.systemAccessId);
    const candidate: Candidate = {
      automationIndex,
      key: p.key,
      type: p.type,
      service: system?.service ?? null,
      connectorId: p.connectorId,
      gatewayId: p.gatewayId,
    };
    if (automation.retiredAt) candidates.retired.push(candidate);
    else if (p.status === "SATISFIED") candidates.satisfied.push(candidate);
    else candidates.open.push(candidate);
  }
}

/** `count` requests for the chunk's automations, in the shares of SHARES. */
function chooseRequests(
  ctx: Context,
  chunk: PortfolioChunk,
  candidates: Candidates,
  count: number,
): RequestRow[] {
  const { rng } = ctx;
  const { open, satisfied, retired } = candidates;
  rng.shuffle(open);
  rng.shuffle(satisfied);
  rng.shuffle(retired);

  const target = (status: RequestStatus) => Math.round(count * SHARES[status]);
  const pendingCount = Math.min(target("PENDING"), open.length);
  const rejectedCount = Math.min(target("REJECTED"), open.length - pendingCount);
  const pending = open.slice(0, pendingCount);
  const rejected = open.slice(pendingCount, pendingCount + rejectedCount);
  // Withdrawn requests go to keys that were not rejected last (a later withdrawal would hide it).
  const withdrawable = [...pending, ...open.slice(pendingCount + rejectedCount)];
  const approved = satisfied.slice(0, Math.min(target("APPROVED"), satisfied.length));
  const cancelled = retired.slice(0, Math.min(target("CANCELLED"), retired.length));
  const withdrawnCount = count - pending.length - rejected.length - approved.length - cancelled.length;
  const withdrawn =
    withdrawable.length === 0 || withdrawnCount <= 0
      ? []
      : Array.from({ length: withdrawnCount }, (_, i) => withdrawable[i % withdrawable.length]!);

  const requests: RequestRow[] = [
    ...pending.map((c) => buildRequest(ctx, chunk, c, "PENDING")),
    ...rejected.map((c) => buildRequest(ctx, chunk, c, "REJECTED")),
    ...approved.map((c) => buildRequest(ctx, chunk, c, "APPROVED")),
    ...cancelled.map((c) => buildRequest(ctx, chunk, c, "CANCELLED")),
    ...withdrawn.map((c) => buildRequest(ctx, chunk, c, "WITHDRAWN")),
  ];
  return requests;
}

function buildRequest(
  ctx: Context,
  chunk: PortfolioChunk,
  candidate: Candidate,
  status: RequestStatus,
): RequestRow {
  const { rng, now, company } = ctx;
  const automation = chunk.automations[candidate.automationIndex - chunk.offset]!;
  const end = automation.retiredAt ?? now;
  const earliest = Math.max(automation.createdAt.getTime(), now.getTime() - REQUEST_DAYS * DAY_MS);
  const span = Math.max(60_000, end.getTime() - earliest);
  // Pending requests are mostly recent (the queue is worked); the rest spread over 180 days.
  const offset = status === "PENDING" ? Math.min(span, rng.exponential(25 * DAY_MS)) : span * rng.float();
  const createdAt = new Date(Math.min(end.getTime() - 60_000, end.getTime() - offset));
  const decided = status === "APPROVED" || status === "REJECTED";
  const closedAt =
    status === "PENDING"
      ? null
      : status === "CANCELLED"
        ? end
        : new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + rng.exponential(3 * DAY_MS)));
  const what =
    candidate.type === "GATEWAY"
      ? "a gateway for its on-premises systems"
      : `a connector for ${candidate.service}`;
  return {
    id: rng.uuid(),
    type: candidate.type,
    status,
    automationIndex: candidate.automationIndex,
    prerequisiteKey: candidate.key,
    service: candidate.type === "SHARED_KEY_CONNECTOR" ? candidate.service : null,
    justification: `“${automation.name}” needs ${what} to run ${automation.runMode.toLowerCase()}.`,
    assigneeIndex: status === "PENDING" && rng.chance(0.4) ? rng.pick(company.itApprovers) : null,
    decidedByIndex: decided ? rng.pick(company.itApprovers) : null,
    decidedAt: decided ? closedAt : null,
    decisionReason:
      status === "REJECTED" ? rng.pick(REJECTIONS) : status === "APPROVED" ? "Approved and shared." : null,
    connectorId: status === "APPROVED" ? candidate.connectorId : null,
    gatewayId: status === "APPROVED" ? candidate.gatewayId : null,
    version: status === "PENDING" ? 1 : 2,
    createdAt,
    updatedAt: closedAt ?? createdAt,
  };
}
