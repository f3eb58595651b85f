import "server-only";
import { type AuditActor, type AuditEntry, recordAudit, SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import type { AuthScheme, DataClassification, TDataSource } from "@/lib/catalog/schemas";
import { prisma, type Tx } from "@/lib/db";
import type {
  AutomationKind,
  ConnectorSharing,
  ConnectorStatus,
  CredentialStore,
  GatewayKind,
  GatewayStatus,
  RequestStatus,
  RequestType,
  Role,
  RunMode,
  SignInMethod,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/generated/prisma/enums";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import type { TCreateRequestBody } from "@/lib/requests/schemas";

// Builders for the demo seed and the tests. They write through the same re-derivation as
// the product, so prerequisites and statuses are exactly what the rules give; they skip
// input validation, which the product's services and their tests cover.

const SEED_ACTOR: AuditActor = SYSTEM_ACTOR("seed");

/**
 * What a seeded write to an automation records, as the product's routes do: its audit event
 * by the seed, then the automation re-derived with the event's action as the cause.
 */
async function recordAndRederive(tx: Tx, now: Date, automationId: string, event: Omit<AuditEntry, "actor">) {
  await recordAudit(tx, { actor: SEED_ACTOR, ...event });
  await rederiveAutomations(tx, [automationId], { actor: SEED_ACTOR, cause: event.action, now });
}

export async function insertDepartment(name: string, db: Tx = prisma) {
  return db.department.create({ data: { name } });
}

export interface UserSpec {
  email: string;
  name?: string;
  departmentId?: string | null;
  roles?: Role[];
  manages?: string[];
  active?: boolean;
  externalId?: string;
}

export async function insertUser(spec: UserSpec, db: Tx = prisma) {
  return db.user.create({
    data: {
      email: spec.email.toLowerCase(),
      name: spec.name ?? spec.email.split("@")[0] ?? spec.email,
      departmentId: spec.departmentId ?? null,
      active: spec.active ?? true,
      externalId: spec.externalId ?? null,
      roles: { create: (spec.roles ?? []).map((role) => ({ role, source: "APP" as const })) },
      managedDepartments: { create: (spec.manages ?? []).map((departmentId) => ({ departmentId })) },
    },
  });
}

export interface ConnectorSpec {
  name: string;
  service: string;
  ownerTeam?: string;
  ownerId?: string | null;
  keyReference?: string;
  keyExpiresAt: Date;
  status?: ConnectorStatus;
  sharing?: ConnectorSharing;
  departmentIds?: string[];
  /** The API it calls, as IT approved it. */
  api?: {
    vendor: string;
    baseUrl: string;
    authScheme: AuthScheme;
    scopes: string[];
    dataClassification: DataClassification;
  };
  /** The IT person who added it to the catalog (who "approved" what it satisfies). */
  createdById?: string | null;
}

export async function insertConnector(spec: ConnectorSpec, db: Tx = prisma) {
  return db.connector.create({
    data: {
      name: spec.name,
      service: spec.service.trim().toLowerCase(),
      ownerTeam: spec.ownerTeam ?? "IT Integration",
      ownerId: spec.ownerId ?? null,
      keyReference: spec.keyReference ?? `https://kv-integration.vault.azure.net/secrets/${spec.service}`,
      keyExpiresAt: spec.keyExpiresAt,
      status: spec.status ?? "APPROVED",
      revokedAt: spec.status === "REVOKED" ? new Date() : null,
      sharing: spec.sharing ?? "ALL",
      ...spec.api,
      createdById: spec.createdById ?? null,
      departments: { create: (spec.departmentIds ?? []).map((departmentId) => ({ departmentId })) },
    },
  });
}

export interface GatewaySpec {
  name: string;
  kind?: GatewayKind;
  status?: GatewayStatus;
  cluster?: string;
  host?: string;
  region?: string;
  adminIds?: string[];
  dataSources?: TDataSource[];
}

export async function insertGateway(spec: GatewaySpec, db: Tx = prisma) {
  return db.gateway.create({
    data: {
      name: spec.name,
      kind: spec.kind ?? "DATA_GATEWAY",
      status: spec.status ?? "ONLINE",
      cluster: spec.cluster ?? `${spec.name}-cluster`,
      host: spec.host ?? `${spec.name}.corp.example`,
      region: spec.region ?? "West Europe",
      dataSources: spec.dataSources ?? [],
      admins: { create: (spec.adminIds ?? []).map((userId) => ({ userId })) },
    },
  });
}

export interface SystemSpec {
  name: string;
  location?: SystemLocation;
  signInMethod: SignInMethod;
  sso?: boolean;
  service?: string;
  credential?: { store: CredentialStore; name: string; owner: string; rotatesAt: Date };
  machineGroup?: string;
  windowsAccount?: string;
  windowsAccountType?: WindowsAccountType;
}

export interface AutomationSpec {
  name: string;
  description?: string;
  kind: AutomationKind;
  runMode?: RunMode;
  runAs?: string | null;
  ownerId: string;
  departmentId: string;
  gatewayId?: string | null;
  /** DESKTOP_FLOW: where it runs and the Windows account it signs in there with. */
  machine?: string | null;
  windowsAccount?: string | null;
  windowsAccountType?: WindowsAccountType | null;
  systems: SystemSpec[];
  createdAt?: Date;
}

/** Creates an automation with its systems and derives its prerequisites, in one transaction. */
export async function insertAutomation(spec: AutomationSpec, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const automation = await tx.automation.create({
      data: {
        name: spec.name,
        description: spec.description ?? "",
        kind: spec.kind,
        runMode: spec.runMode ?? "ATTENDED",
        runAs: spec.runAs ?? null,
        ownerId: spec.ownerId,
        departmentId: spec.departmentId,
        gatewayId: spec.gatewayId ?? null,
        machine: spec.machine ?? null,
        windowsAccount: spec.windowsAccount ?? null,
        windowsAccountType: spec.windowsAccountType ?? null,
        ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
        systems: {
          create: spec.systems.map((system, position) => ({
            position,
            name: system.name,
            location: system.location ?? "CLOUD",
            signInMethod: system.signInMethod,
            sso: system.sso ?? false,
            service: system.service?.trim().toLowerCase() ?? null,
            credentialStore: system.credential?.store ?? null,
            credentialName: system.credential?.name ?? null,
            credentialOwner: system.credential?.owner ?? null,
            credentialRotatesAt: system.credential?.rotatesAt ?? null,
            machineGroup: system.machineGroup ?? null,
            windowsAccount: system.windowsAccount ?? null,
            windowsAccountType: system.windowsAccountType ?? null,
          })),
        },
      },
    });
    await recordAndRederive(tx, now, automation.id, {
      action: "automation.created",
      entityType: "Automation",
      entityId: automation.id,
      after: { name: automation.name, kind: automation.kind, runMode: automation.runMode },
    });
    return automation;
  });
}

export interface RequestSpec {
  automationId: string;
  /** The prerequisite's key, e.g. "SHARED_KEY_CONNECTOR:erp" or "GATEWAY". */
  prerequisiteKey: string;
  type: RequestType;
  requesterId: string;
  justification?: string;
  /** What it names for IT (lib/requests/schemas.ts); none, as requests filed before details. */
  details?: TCreateRequestBody["details"];
  status?: RequestStatus;
  decidedById?: string;
  decisionReason?: string;
  createdAt?: Date;
  decidedAt?: Date;
}

/** Files (and optionally decides) a request for an existing prerequisite, then re-derives. */
export async function insertRequest(spec: RequestSpec, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const prerequisite = await tx.prerequisite.findUniqueOrThrow({
      where: { automationId_key: { automationId: spec.automationId, key: spec.prerequisiteKey } },
      select: { id: true, departmentId: true, systemAccess: { select: { service: true } } },
    });
    const status = spec.status ?? "PENDING";
    const request = await tx.request.create({
      data: {
        type: spec.type,
        status,
        requesterId: spec.requesterId,
        automationId: spec.automationId,
        prerequisiteId: prerequisite.id,
        prerequisiteKey: spec.prerequisiteKey,
        departmentId: prerequisite.departmentId,
        service: prerequisite.systemAccess?.service ?? null,
        justification: spec.justification ?? "Needed for the automation to run.",
        ...(spec.details ? { details: spec.details } : {}),
        decidedById: status === "PENDING" ? null : (spec.decidedById ?? null),
        decidedAt: status === "PENDING" ? null : (spec.decidedAt ?? now),
        decisionReason: spec.decisionReason ?? null,
        ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
      },
    });
    await recordAndRederive(tx, now, spec.automationId, {
      action: "request.created",
      entityType: "Request",
      entityId: request.id,
      after: { type: request.type, status: request.status, prerequisiteKey: spec.prerequisiteKey },
    });
    return request;
  });
}

export interface ReviewSpec {
  automationId: string;
  /** The prerequisite's key; it must be satisfied on the maker's declaration. */
  key: string;
  outcome: "VERIFIED" | "SENT_BACK";
  reason?: string;
  reviewerId: string;
}

/**
 * IT's review of a declared prerequisite, of the declaration it holds now, then re-derived —
 * as the review route records it (lib/prerequisites/server/review-prerequisite.ts).
 */
export async function insertReview(spec: ReviewSpec, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const prerequisite = await tx.prerequisite.findUniqueOrThrow({
      where: { automationId_key: { automationId: spec.automationId, key: spec.key } },
      select: { satisfiedBy: true },
    });
    if (!prerequisite.satisfiedBy)
      throw new Error(`${spec.key} is not satisfied: nothing declared to review.`);
    const review = await tx.prerequisiteReview.create({
      data: {
        automationId: spec.automationId,
        key: spec.key,
        outcome: spec.outcome,
        declaration: prerequisite.satisfiedBy,
        reason: spec.reason ?? null,
        reviewerId: spec.reviewerId,
        createdAt: now,
      },
    });
    await recordAndRederive(tx, now, spec.automationId, {
      action: spec.outcome === "VERIFIED" ? "prerequisite.verified" : "prerequisite.sent_back",
      entityType: "Automation",
      entityId: spec.automationId,
      after: { prerequisite: spec.key, outcome: spec.outcome, declaration: prerequisite.satisfiedBy },
    });
    return review;
  });
}
