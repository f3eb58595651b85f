import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { automationStatus, derivePrerequisites, normaliseKey } from "@/lib/domain/prerequisites";
import {
  ASSURANCE_BASES,
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  type AutomationKind,
  CONNECTOR_SHARINGS,
  CONNECTOR_STATUSES,
  type ConnectorInput,
  CREDENTIAL_STORES,
  type Derivation,
  type DerivedPrerequisite,
  type EngineInput,
  GATEWAY_KINDS,
  GATEWAY_STATUSES,
  type GatewayInput,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  type PrerequisiteStatus,
  type PrerequisiteType,
  REQUEST_STATUSES,
  REVIEW_OUTCOMES,
  type RequestInput,
  type ReviewInput,
  RUN_MODES,
  type RunMode,
  SIGN_IN_METHODS,
  type SignInMethod,
  SYSTEM_LOCATIONS,
  type SystemAccessInput,
  type SystemLocation,
  WINDOWS_ACCOUNT_TYPES,
  type WindowsAccountType,
} from "@/lib/domain/types";

const NOW = new Date("2026-06-15T12:00:00Z");
const FUTURE = new Date("2027-01-31T00:00:00Z");
const PAST = new Date("2026-01-31T00:00:00Z");
const DEPT = "dept-finance";
const OTHER_DEPT = "dept-hr";

// ---------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------

function sys(
  fields: Partial<SystemAccessInput> & Pick<SystemAccessInput, "name" | "signInMethod">,
): SystemAccessInput {
  return {
    id: `sys-${normaliseKey(fields.name).replace(/\s+/g, "-")}`,
    location: "CLOUD",
    sso: false,
    service: null,
    credential: null,
    machineGroup: null,
    windowsAccount: null,
    windowsAccountType: null,
    ...fields,
  };
}

interface Scenario {
  kind?: AutomationKind;
  runMode?: RunMode;
  runAs?: string | null;
  retired?: boolean;
  machine?: string | null;
  windowsAccount?: string | null;
  windowsAccountType?: WindowsAccountType | null;
  systems: SystemAccessInput[];
  gateway?: GatewayInput | null;
  connectors?: ConnectorInput[];
  requests?: RequestInput[];
  reviews?: ReviewInput[];
}

function engineInput(s: Scenario): EngineInput {
  return {
    automation: {
      kind: s.kind ?? "CLOUD_FLOW",
      runMode: s.runMode ?? "ATTENDED",
      runAs: s.runAs ?? null,
      departmentId: DEPT,
      retired: s.retired ?? false,
      machine: s.machine ?? null,
      windowsAccount: s.windowsAccount ?? null,
      windowsAccountType: s.windowsAccountType ?? null,
      systems: s.systems,
    },
    gateway: s.gateway ?? null,
    connectors: s.connectors ?? [],
    requests: s.requests ?? [],
    reviews: s.reviews ?? [],
    now: NOW,
  };
}

const derive = (s: Scenario) => derivePrerequisites(engineInput(s));

function connector(fields: Partial<ConnectorInput> = {}): ConnectorInput {
  return {
    id: "con-sap",
    name: "SAP ERP",
    service: "sap-erp",
    status: "APPROVED",
    keyExpiresAt: FUTURE,
    sharing: "ALL",
    departmentIds: [],
    ...fields,
  };
}

function gateway(fields: Partial<GatewayInput> = {}): GatewayInput {
  return { id: "gw-1", name: "gw-eu-1", kind: "DATA_GATEWAY", status: "ONLINE", ...fields };
}

function request(fields: Partial<RequestInput> & Pick<RequestInput, "status">): RequestInput {
  return {
    prerequisiteKey: "SHARED_KEY_CONNECTOR:erp",
    decisionReason: null,
    createdAt: new Date("2026-05-01T00:00:00Z"),
    ...fields,
  };
}

function only(d: Derivation, key: string): DerivedPrerequisite {
  const found = d.prerequisites.filter((p) => p.key === key);
  expect(found, `exactly one prerequisite with key ${key}`).toHaveLength(1);
  return found[0]!;
}

const TYPE_CODE: Record<PrerequisiteType, string> = {
  GATEWAY: "GW",
  ENTRA_CONNECTION: "ENTRA",
  CREDENTIAL: "CRED",
  WINDOWS_SIGN_IN: "WIN",
  SHARED_KEY_CONNECTOR: "KEY",
};
const STATUS_CODE: Record<PrerequisiteStatus, string> = {
  OUTSTANDING: "OUT",
  REQUESTED: "REQ",
  SATISFIED: "SAT",
  REJECTED: "REJ",
  EXPIRED: "EXP",
};

/** "GW:OUT KEY:SAT | PENDING" — types and statuses in output order, then the automation status. */
function summary(d: Derivation): string {
  const body = d.prerequisites.map((p) => `${TYPE_CODE[p.type]}:${STATUS_CODE[p.status]}`).join(" ") || "-";
  return `${body} | ${d.status}`;
}

function sentenceCount(text: string): number {
  return text.match(/[.!?](?=\s|$)/g)?.length ?? 0;
}

/** Invariants every prerequisite in every case must keep. */
function expectWellFormed(p: DerivedPrerequisite) {
  expect(p.reason.trim()).not.toBe("");
  expect(sentenceCount(p.reason), p.reason).toBeGreaterThanOrEqual(1);
  expect(sentenceCount(p.reason), p.reason).toBeLessThanOrEqual(3);
  expect(p.satisfiedBy !== null, `satisfiedBy iff SATISFIED (${p.key})`).toBe(p.status === "SATISFIED");
  expect(p.basis !== null, `basis iff SATISFIED (${p.key})`).toBe(p.status === "SATISFIED");
  expect(p.action === null, `action null iff SATISFIED/REQUESTED (${p.key})`).toBe(
    p.status === "SATISFIED" || p.status === "REQUESTED",
  );
  if (p.systemName !== null) expect(p.reason).toContain(p.systemName);
}

// ---------------------------------------------------------------------------------------
// The 128 single-system cases: kind × sign-in method × location × run mode × SSO
// ---------------------------------------------------------------------------------------

/*
 * Each case is derived with three fixtures of the same single system "Target" (service "sap-erp"):
 *  - bare:     nothing recorded, no gateway, no connectors, no requests, runAs null;
 *  - complete: runAs declared, a valid credential reference, machine group + PERSONAL Windows
 *              account (on the system and on the automation), an online MACHINE_GROUP assigned
 *              (fits desktop flows only), an approved connector for sap-erp shared with ALL;
 *  - lapsed:   runAs blank, the credential's rotation date passed, machine group + SERVICE
 *              account (on the system and on the automation), an OFFLINE DATA_GATEWAY assigned,
 *              a REVOKED connector for sap-erp.
 * Expected values: "TYPE:STATUS … | AUTOMATION STATUS" (GW GATEWAY, ENTRA ENTRA_CONNECTION,
 * CRED CREDENTIAL, WIN WINDOWS_SIGN_IN, KEY SHARED_KEY_CONNECTOR; OUT OUTSTANDING, SAT
 * SATISFIED, EXP EXPIRED; "-" none). Every desktop flow has its own WIN right after GW (the
 * machine it runs on), whatever its system signs in with.
 */
type Row = readonly [AutomationKind, SignInMethod, SystemLocation, RunMode, boolean, string, string, string];

// biome-ignore format: one case per line keeps the table reviewable
const CASES: ReadonlyArray<Row> = [
  ["CLOUD_FLOW", "ENTRA_ID", "CLOUD", "ATTENDED", false, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["CLOUD_FLOW", "ENTRA_ID", "CLOUD", "ATTENDED", true, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["CLOUD_FLOW", "ENTRA_ID", "CLOUD", "UNATTENDED", false, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["CLOUD_FLOW", "ENTRA_ID", "CLOUD", "UNATTENDED", true, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["CLOUD_FLOW", "ENTRA_ID", "ON_PREMISES", "ATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["CLOUD_FLOW", "ENTRA_ID", "ON_PREMISES", "ATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["CLOUD_FLOW", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["CLOUD_FLOW", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", false, "CRED:OUT | PENDING", "CRED:SAT | READY", "CRED:EXP | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", true, "- | READY", "- | READY", "- | READY"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", false, "CRED:OUT | PENDING", "CRED:SAT | READY", "CRED:EXP | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", true, "- | READY", "- | READY", "- | READY"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["CLOUD_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["CLOUD_FLOW", "WINDOWS", "CLOUD", "ATTENDED", false, "WIN:OUT | PENDING", "WIN:SAT | READY", "WIN:SAT | READY"],
  ["CLOUD_FLOW", "WINDOWS", "CLOUD", "ATTENDED", true, "WIN:OUT | PENDING", "WIN:SAT | READY", "WIN:SAT | READY"],
  ["CLOUD_FLOW", "WINDOWS", "CLOUD", "UNATTENDED", false, "WIN:OUT | PENDING", "WIN:OUT | PENDING", "WIN:SAT | READY"],
  ["CLOUD_FLOW", "WINDOWS", "CLOUD", "UNATTENDED", true, "WIN:OUT | PENDING", "WIN:OUT | PENDING", "WIN:SAT | READY"],
  ["CLOUD_FLOW", "WINDOWS", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["CLOUD_FLOW", "WINDOWS", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["CLOUD_FLOW", "WINDOWS", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["CLOUD_FLOW", "WINDOWS", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "CLOUD", "ATTENDED", false, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "CLOUD", "ATTENDED", true, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "CLOUD", "UNATTENDED", false, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "CLOUD", "UNATTENDED", true, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "ON_PREMISES", "ATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "ON_PREMISES", "ATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["CLOUD_FLOW", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "CLOUD", "ATTENDED", false, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:SAT ENTRA:SAT | READY", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "CLOUD", "ATTENDED", true, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:SAT ENTRA:SAT | READY", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "CLOUD", "UNATTENDED", false, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:OUT ENTRA:SAT | PENDING", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "CLOUD", "UNATTENDED", true, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:OUT ENTRA:SAT | PENDING", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:SAT ENTRA:SAT | READY", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:SAT ENTRA:SAT | READY", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:OUT ENTRA:SAT | PENDING", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT ENTRA:OUT | PENDING", "GW:SAT WIN:OUT ENTRA:SAT | PENDING", "GW:EXP WIN:SAT ENTRA:OUT | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", false, "GW:OUT WIN:OUT CRED:OUT | PENDING", "GW:SAT WIN:SAT CRED:SAT | READY", "GW:EXP WIN:SAT CRED:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT | READY", "GW:EXP WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", false, "GW:OUT WIN:OUT CRED:OUT | PENDING", "GW:SAT WIN:OUT CRED:SAT | PENDING", "GW:EXP WIN:SAT CRED:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT CRED:OUT | PENDING", "GW:SAT WIN:SAT CRED:SAT | READY", "GW:EXP WIN:SAT CRED:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT | READY", "GW:EXP WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT CRED:OUT | PENDING", "GW:SAT WIN:OUT CRED:SAT | PENDING", "GW:EXP WIN:SAT CRED:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "CLOUD", "ATTENDED", false, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT WIN:SAT | READY", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "CLOUD", "ATTENDED", true, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT WIN:SAT | READY", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "CLOUD", "UNATTENDED", false, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "CLOUD", "UNATTENDED", true, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT WIN:SAT | READY", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:SAT WIN:SAT | READY", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "WINDOWS", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT WIN:OUT | PENDING", "GW:SAT WIN:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT WIN:SAT | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "CLOUD", "ATTENDED", false, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:SAT KEY:SAT | READY", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "CLOUD", "ATTENDED", true, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:SAT KEY:SAT | READY", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "CLOUD", "UNATTENDED", false, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:OUT KEY:SAT | PENDING", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "CLOUD", "UNATTENDED", true, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:OUT KEY:SAT | PENDING", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:SAT KEY:SAT | READY", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:SAT KEY:SAT | READY", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:OUT KEY:SAT | PENDING", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["DESKTOP_FLOW", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT KEY:OUT | PENDING", "GW:SAT WIN:OUT KEY:SAT | PENDING", "GW:EXP WIN:SAT KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "CLOUD", "ATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "CLOUD", "ATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "CLOUD", "UNATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "CLOUD", "UNATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "ON_PREMISES", "ATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "ON_PREMISES", "ATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "CLOUD", "ATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "CLOUD", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "CLOUD", "UNATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "CLOUD", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "WINDOWS", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "CLOUD", "ATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "CLOUD", "ATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "CLOUD", "UNATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "CLOUD", "UNATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "ON_PREMISES", "ATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "ON_PREMISES", "ATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["WEBSITE_AUTOMATION", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "ENTRA_ID", "CLOUD", "ATTENDED", false, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["API_INTEGRATION", "ENTRA_ID", "CLOUD", "ATTENDED", true, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["API_INTEGRATION", "ENTRA_ID", "CLOUD", "UNATTENDED", false, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["API_INTEGRATION", "ENTRA_ID", "CLOUD", "UNATTENDED", true, "ENTRA:OUT | PENDING", "ENTRA:SAT | READY", "ENTRA:OUT | PENDING"],
  ["API_INTEGRATION", "ENTRA_ID", "ON_PREMISES", "ATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["API_INTEGRATION", "ENTRA_ID", "ON_PREMISES", "ATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["API_INTEGRATION", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", false, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["API_INTEGRATION", "ENTRA_ID", "ON_PREMISES", "UNATTENDED", true, "GW:OUT ENTRA:OUT | PENDING", "GW:OUT ENTRA:SAT | PENDING", "GW:EXP ENTRA:OUT | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", false, "CRED:OUT | PENDING", "CRED:SAT | READY", "CRED:EXP | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "CLOUD", "ATTENDED", true, "- | READY", "- | READY", "- | READY"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", false, "CRED:OUT | PENDING", "CRED:SAT | READY", "CRED:EXP | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "CLOUD", "UNATTENDED", true, "- | READY", "- | READY", "- | READY"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "ON_PREMISES", "ATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", false, "GW:OUT CRED:OUT | PENDING", "GW:OUT CRED:SAT | PENDING", "GW:EXP CRED:EXP | BLOCKED"],
  ["API_INTEGRATION", "USERNAME_PASSWORD", "ON_PREMISES", "UNATTENDED", true, "GW:OUT | PENDING", "GW:OUT | PENDING", "GW:EXP | BLOCKED"],
  ["API_INTEGRATION", "WINDOWS", "CLOUD", "ATTENDED", false, "WIN:OUT | PENDING", "WIN:SAT | READY", "WIN:SAT | READY"],
  ["API_INTEGRATION", "WINDOWS", "CLOUD", "ATTENDED", true, "WIN:OUT | PENDING", "WIN:SAT | READY", "WIN:SAT | READY"],
  ["API_INTEGRATION", "WINDOWS", "CLOUD", "UNATTENDED", false, "WIN:OUT | PENDING", "WIN:OUT | PENDING", "WIN:SAT | READY"],
  ["API_INTEGRATION", "WINDOWS", "CLOUD", "UNATTENDED", true, "WIN:OUT | PENDING", "WIN:OUT | PENDING", "WIN:SAT | READY"],
  ["API_INTEGRATION", "WINDOWS", "ON_PREMISES", "ATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["API_INTEGRATION", "WINDOWS", "ON_PREMISES", "ATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:SAT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["API_INTEGRATION", "WINDOWS", "ON_PREMISES", "UNATTENDED", false, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["API_INTEGRATION", "WINDOWS", "ON_PREMISES", "UNATTENDED", true, "GW:OUT WIN:OUT | PENDING", "GW:OUT WIN:OUT | PENDING", "GW:EXP WIN:SAT | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "CLOUD", "ATTENDED", false, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "CLOUD", "ATTENDED", true, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "CLOUD", "UNATTENDED", false, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "CLOUD", "UNATTENDED", true, "KEY:OUT | PENDING", "KEY:SAT | READY", "KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "ON_PREMISES", "ATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "ON_PREMISES", "ATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", false, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
  ["API_INTEGRATION", "SHARED_KEY", "ON_PREMISES", "UNATTENDED", true, "GW:OUT KEY:OUT | PENDING", "GW:OUT KEY:SAT | PENDING", "GW:EXP KEY:EXP | BLOCKED"],
];

function fixture(which: "bare" | "complete" | "lapsed", row: Row): Scenario {
  const [kind, signInMethod, location, runMode, sso] = row;
  const base = { name: "Target", signInMethod, location, sso, service: "sap-erp" } as const;
  if (which === "bare") return { kind, runMode, systems: [sys(base)] };
  if (which === "complete") {
    return {
      kind,
      runMode,
      runAs: runMode === "ATTENDED" ? "Finance clerks" : "svc-expenses",
      machine: kind === "DESKTOP_FLOW" ? "mg-finance" : null,
      windowsAccount: kind === "DESKTOP_FLOW" ? "jdoe" : null,
      windowsAccountType: kind === "DESKTOP_FLOW" ? "PERSONAL" : null,
      systems: [
        sys({
          ...base,
          credential: {
            store: "AZURE_KEY_VAULT",
            name: "kv-finance/target",
            owner: "Finance IT",
            rotatesAt: FUTURE,
          },
          machineGroup: "mg-finance",
          windowsAccount: "jdoe",
          windowsAccountType: "PERSONAL",
        }),
      ],
      gateway: gateway({ kind: "MACHINE_GROUP", name: "mg-finance" }),
      connectors: [connector()],
    };
  }
  return {
    kind,
    runMode,
    runAs: "   ",
    machine: kind === "DESKTOP_FLOW" ? "mg-finance" : null,
    windowsAccount: kind === "DESKTOP_FLOW" ? "svc-target" : null,
    windowsAccountType: kind === "DESKTOP_FLOW" ? "SERVICE" : null,
    systems: [
      sys({
        ...base,
        credential: { store: "CYBERARK", name: "safe/target", owner: "Finance IT", rotatesAt: PAST },
        machineGroup: "mg-finance",
        windowsAccount: "svc-target",
        windowsAccountType: "SERVICE",
      }),
    ],
    gateway: gateway({ status: "OFFLINE" }),
    connectors: [connector({ status: "REVOKED" })],
  };
}

describe("single-system automations: kind × sign-in method × location × run mode × SSO", () => {
  it("the table lists each of the 128 combinations exactly once", () => {
    const seen = new Set(CASES.map((row) => row.slice(0, 5).join("/")));
    expect(CASES).toHaveLength(128);
    expect(seen.size).toBe(
      AUTOMATION_KINDS.length * SIGN_IN_METHODS.length * SYSTEM_LOCATIONS.length * RUN_MODES.length * 2,
    );
  });

  it.each(CASES)("%s · %s · %s · %s · sso=%s", (...row) => {
    const [, , , , , bare, complete, lapsed] = row;
    const actual = {
      bare: derive(fixture("bare", row)),
      complete: derive(fixture("complete", row)),
      lapsed: derive(fixture("lapsed", row)),
    };
    expect({
      bare: summary(actual.bare),
      complete: summary(actual.complete),
      lapsed: summary(actual.lapsed),
    }).toEqual({ bare, complete, lapsed });
    for (const d of Object.values(actual)) d.prerequisites.forEach(expectWellFormed);
  });
});

// ---------------------------------------------------------------------------------------
// Focused cases
// ---------------------------------------------------------------------------------------

/** The seed's expense reporting example. */
const onlineBanking = sys({ name: "Online banking", signInMethod: "USERNAME_PASSWORD" });
const sharePoint = sys({ name: "SharePoint", signInMethod: "ENTRA_ID" });
const erp = sys({ name: "ERP", signInMethod: "SHARED_KEY", location: "ON_PREMISES", service: "sap-erp" });
const expenseReporting: Scenario = {
  kind: "CLOUD_FLOW",
  runMode: "ATTENDED",
  runAs: null,
  systems: [onlineBanking, sharePoint, erp],
};

describe("the expense reporting example", () => {
  it("has four outstanding prerequisites, in order, and is PENDING", () => {
    const d = derive(expenseReporting);
    expect(d.status).toBe("PENDING");
    expect(d.prerequisites.map((p) => [p.key, p.type, p.status])).toEqual([
      ["GATEWAY", "GATEWAY", "OUTSTANDING"],
      ["ENTRA_CONNECTION", "ENTRA_CONNECTION", "OUTSTANDING"],
      ["CREDENTIAL:online banking", "CREDENTIAL", "OUTSTANDING"],
      ["SHARED_KEY_CONNECTOR:erp", "SHARED_KEY_CONNECTOR", "OUTSTANDING"],
    ]);
    d.prerequisites.forEach(expectWellFormed);
  });

  it("explains each one in the seed's words and offers the next step", () => {
    const d = derive(expenseReporting);
    const gw = only(d, "GATEWAY");
    expect(gw.reason).toContain("“ERP” is on premises");
    expect(gw.reason).toContain("on-premises data gateway is required");
    expect(gw.action).toEqual({ kind: "REQUEST_GATEWAY", label: "Request access to a gateway" });
    expect([gw.systemAccessId, gw.systemName]).toEqual([null, null]);

    const entra = only(d, "ENTRA_CONNECTION");
    expect(entra.reason).toContain("“SharePoint”");
    expect(entra.reason).toContain("runs on behalf of the user who's running it");
    expect(entra.reason).toContain("each person who runs it needs their own connection");
    expect(entra.action).toEqual({ kind: "EDIT_SYSTEM", label: "Declare who runs it" });

    const cred = only(d, "CREDENTIAL:online banking");
    expect(cred.systemAccessId).toBe(onlineBanking.id);
    expect(cred.systemName).toBe("Online banking");
    expect(cred.reason).toContain("separate system with its own username and password");
    // The reader never saw the guidance's example, so the reason does not refer to it.
    expect(cred.reason).not.toContain("example");
    expect(cred.reason).toContain("apart from Microsoft 365 and Microsoft Entra ID");
    expect(cred.reason).toContain("never the password itself");
    expect(cred.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record the credential reference" });

    const key = only(d, "SHARED_KEY_CONNECTOR:erp");
    expect(key.systemAccessId).toBe(erp.id);
    expect(key.reason).toContain("IT provides and sets up");
    expect(key.reason).toContain("system-to-system");
    expect(key.reason).toContain("sap-erp");
    expect(key.action).toEqual({
      kind: "REQUEST_CONNECTOR",
      service: "sap-erp",
      label: "Request a connector for sap-erp",
    });
  });

  it("is READY once everything is in place, and says what satisfies each", () => {
    const d = derive({
      ...expenseReporting,
      runAs: "Finance clerks",
      systems: [
        {
          ...onlineBanking,
          credential: {
            store: "AZURE_KEY_VAULT",
            name: "kv-finance/banking-bot",
            owner: "Finance IT",
            rotatesAt: FUTURE,
          },
        },
        sharePoint,
        erp,
      ],
      gateway: gateway(),
      connectors: [connector()],
    });
    expect(d.status).toBe("READY");
    expect(d.prerequisites.map((p) => [p.key, p.status, p.satisfiedBy])).toEqual([
      ["GATEWAY", "SATISFIED", "Gateway “gw-eu-1” (online)"],
      ["ENTRA_CONNECTION", "SATISFIED", "Run by “Finance clerks”, each with their own connection"],
      [
        "CREDENTIAL:online banking",
        "SATISFIED",
        "Azure Key Vault: kv-finance/banking-bot, owner Finance IT, rotates 2027-01-31",
      ],
      ["SHARED_KEY_CONNECTOR:erp", "SATISFIED", "Connector “SAP ERP” (shared with all departments)"],
    ]);
    expect(only(d, "GATEWAY").gatewayId).toBe("gw-1");
    expect(only(d, "SHARED_KEY_CONNECTOR:erp").connectorId).toBe("con-sap");
    d.prerequisites.forEach(expectWellFormed);
  });
});

describe("requests", () => {
  const erpOnly: Scenario = { kind: "API_INTEGRATION", systems: [sys({ ...erp, location: "CLOUD" })] };
  const keyStatus = (requests: RequestInput[], extra: Partial<Scenario> = {}) =>
    only(derive({ ...erpOnly, requests, ...extra }), "SHARED_KEY_CONNECTOR:erp");

  it("a rejected request makes it REJECTED and the automation BLOCKED, with IT's reason", () => {
    const d = derive({
      ...erpOnly,
      requests: [request({ status: "REJECTED", decisionReason: "Use the shared SAP connector instead" })],
    });
    expect(d.status).toBe("BLOCKED");
    const p = only(d, "SHARED_KEY_CONNECTOR:erp");
    expect(p.status).toBe("REJECTED");
    expect(p.reason).toContain("IT rejected the request: “Use the shared SAP connector instead”.");
    expect(p.action).toEqual({
      kind: "REQUEST_CONNECTOR",
      service: "sap-erp",
      label: "Request a connector for sap-erp",
    });
    expectWellFormed(p);
  });

  it("a rejection without a reason still says it was rejected", () => {
    expect(keyStatus([request({ status: "REJECTED" })]).reason).toContain("without giving a reason");
  });

  it.each<[string, RequestInput[], PrerequisiteStatus]>([
    ["no requests", [], "OUTSTANDING"],
    ["pending", [request({ status: "PENDING" })], "REQUESTED"],
    ["approved but no connector yet", [request({ status: "APPROVED" })], "OUTSTANDING"],
    ["withdrawn", [request({ status: "WITHDRAWN" })], "OUTSTANDING"],
    ["cancelled", [request({ status: "CANCELLED" })], "OUTSTANDING"],
    [
      "rejected, then a new pending one",
      [
        request({ status: "REJECTED", createdAt: PAST }),
        request({ status: "PENDING", createdAt: new Date("2026-03-01T00:00:00Z") }),
      ],
      "REQUESTED",
    ],
    [
      "an older pending one still counts even when the latest is rejected",
      [request({ status: "PENDING", createdAt: PAST }), request({ status: "REJECTED", createdAt: NOW })],
      "REQUESTED",
    ],
    [
      "rejected, then withdrawn later",
      [request({ status: "REJECTED", createdAt: PAST }), request({ status: "WITHDRAWN", createdAt: NOW })],
      "OUTSTANDING",
    ],
    [
      "withdrawn, then rejected later (input order reversed)",
      [request({ status: "REJECTED", createdAt: NOW }), request({ status: "WITHDRAWN", createdAt: PAST })],
      "REJECTED",
    ],
    [
      "same createdAt: the later one in input order wins",
      [request({ status: "WITHDRAWN", createdAt: NOW }), request({ status: "REJECTED", createdAt: NOW })],
      "REJECTED",
    ],
    [
      "same createdAt, reversed",
      [request({ status: "REJECTED", createdAt: NOW }), request({ status: "WITHDRAWN", createdAt: NOW })],
      "OUTSTANDING",
    ],
    [
      "requests for another prerequisite are ignored",
      [request({ status: "PENDING", prerequisiteKey: "SHARED_KEY_CONNECTOR:crm" })],
      "OUTSTANDING",
    ],
  ])("%s → %s", (_name, requests, expected) => {
    const p = keyStatus(requests);
    expect(p.status).toBe(expected);
    expectWellFormed(p);
  });

  it("a satisfying connector wins over a pending or rejected request", () => {
    expect(keyStatus([request({ status: "PENDING" })], { connectors: [connector()] }).status).toBe(
      "SATISFIED",
    );
    expect(keyStatus([request({ status: "REJECTED" })], { connectors: [connector()] }).status).toBe(
      "SATISFIED",
    );
  });

  it("a pending request wins over a revoked connector; a rejection wins over it too", () => {
    const revoked = [connector({ status: "REVOKED" })];
    expect(keyStatus([request({ status: "PENDING" })], { connectors: revoked }).status).toBe("REQUESTED");
    expect(keyStatus([request({ status: "REJECTED" })], { connectors: revoked }).status).toBe("REJECTED");
    expect(keyStatus([request({ status: "WITHDRAWN" })], { connectors: revoked }).status).toBe("EXPIRED");
  });

  it("credentials, Windows sign-in and Entra connections ignore requests", () => {
    const d = derive({
      ...expenseReporting,
      requests: [
        request({ status: "PENDING", prerequisiteKey: "CREDENTIAL:online banking" }),
        request({ status: "REJECTED", prerequisiteKey: "ENTRA_CONNECTION" }),
      ],
    });
    expect(only(d, "CREDENTIAL:online banking").status).toBe("OUTSTANDING");
    expect(only(d, "ENTRA_CONNECTION").status).toBe("OUTSTANDING");
  });
});

describe("shared-key connectors", () => {
  const erpCloud = sys({ ...erp, location: "CLOUD" });
  const keyFor = (connectors: ConnectorInput[], systems: SystemAccessInput[] = [erpCloud]) =>
    derive({ kind: "API_INTEGRATION", systems, connectors });

  it("a revoked connector makes it EXPIRED and the automation BLOCKED", () => {
    const d = keyFor([connector({ status: "REVOKED" })]);
    const p = only(d, "SHARED_KEY_CONNECTOR:erp");
    expect([p.status, d.status]).toEqual(["EXPIRED", "BLOCKED"]);
    expect(p.reason).toContain("Connector “SAP ERP” was revoked.");
    expect(p.connectorId).toBe("con-sap");
    expect(p.action).toEqual({
      kind: "REQUEST_CONNECTOR",
      service: "sap-erp",
      label: "Request a connector for sap-erp",
    });
    expectWellFormed(p);
  });

  it.each<[string, Partial<ConnectorInput>]>([
    ["status EXPIRED", { status: "EXPIRED" }],
    ["approved, key expired", { keyExpiresAt: PAST }],
    ["approved, key expires exactly now", { keyExpiresAt: NOW }],
  ])("a lapsed connector (%s) makes it EXPIRED", (_name, fields) => {
    const p = only(keyFor([connector(fields)]), "SHARED_KEY_CONNECTOR:erp");
    expect(p.status).toBe("EXPIRED");
    expect(p.reason).toContain("expired");
  });

  it("a connector shared with another department does not apply", () => {
    const elsewhere = { sharing: "DEPARTMENTS", departmentIds: [OTHER_DEPT] } as const;
    const d = keyFor([connector(elsewhere), connector({ ...elsewhere, id: "con-2", status: "REVOKED" })]);
    const p = only(d, "SHARED_KEY_CONNECTOR:erp");
    expect(p.status).toBe("OUTSTANDING");
    expect(p.connectorId).toBeNull();
    expect(d.status).toBe("PENDING");
  });

  it("a connector shared with the automation's department applies", () => {
    const p = only(
      keyFor([connector({ sharing: "DEPARTMENTS", departmentIds: [OTHER_DEPT, DEPT] })]),
      "SHARED_KEY_CONNECTOR:erp",
    );
    expect(p.status).toBe("SATISFIED");
    expect(p.satisfiedBy).toBe("Connector “SAP ERP” (shared with the automation's department)");
  });

  it("departmentIds are ignored when the connector is shared with ALL", () => {
    const p = only(
      keyFor([connector({ sharing: "ALL", departmentIds: [OTHER_DEPT] })]),
      "SHARED_KEY_CONNECTOR:erp",
    );
    expect(p.status).toBe("SATISFIED");
  });

  it("connectors for other services do not apply", () => {
    expect(only(keyFor([connector({ service: "workday" })]), "SHARED_KEY_CONNECTOR:erp").status).toBe(
      "OUTSTANDING",
    );
  });

  it("services are compared trimmed and lower-case", () => {
    const p = only(
      keyFor([connector({ service: "  SAP-ERP " })], [sys({ ...erpCloud, service: "Sap-Erp  " })]),
      "SHARED_KEY_CONNECTOR:erp",
    );
    expect(p.status).toBe("SATISFIED");
    const q = only(keyFor([], [sys({ ...erpCloud, service: " SAP-ERP " })]), "SHARED_KEY_CONNECTOR:erp");
    expect(q.action).toEqual({
      kind: "REQUEST_CONNECTOR",
      service: "sap-erp",
      label: "Request a connector for sap-erp",
    });
  });

  it("picks the latest key expiry, ties by id ascending, whatever the input order", () => {
    const a = connector({ id: "b", name: "B", keyExpiresAt: new Date("2027-06-01T00:00:00Z") });
    const b = connector({ id: "a", name: "A", keyExpiresAt: new Date("2027-06-01T00:00:00Z") });
    const c = connector({ id: "0", name: "Older", keyExpiresAt: FUTURE });
    const d = connector({
      id: "z",
      name: "Revoked later",
      status: "REVOKED",
      keyExpiresAt: new Date("2030-01-01"),
    });
    for (const order of [
      [a, b, c, d],
      [d, c, b, a],
      [c, a, d, b],
    ]) {
      expect(only(keyFor(order), "SHARED_KEY_CONNECTOR:erp").connectorId).toBe("a");
    }
  });

  it("one approved connector satisfies every system with that service at once", () => {
    const systems = [
      sys({ name: "ERP finance", signInMethod: "SHARED_KEY", service: "sap-erp" }),
      sys({ name: "ERP logistics", signInMethod: "SHARED_KEY", service: "SAP-ERP" }),
      sys({ name: "CRM", signInMethod: "SHARED_KEY", service: "dynamics-crm" }),
    ];
    const d = keyFor([connector()], systems);
    expect(d.prerequisites.map((p) => [p.key, p.status, p.connectorId])).toEqual([
      ["SHARED_KEY_CONNECTOR:erp finance", "SATISFIED", "con-sap"],
      ["SHARED_KEY_CONNECTOR:erp logistics", "SATISFIED", "con-sap"],
      ["SHARED_KEY_CONNECTOR:crm", "OUTSTANDING", null],
    ]);
  });

  it("a SHARED_KEY system without a service asks for the service, not a connector", () => {
    for (const service of [null, "   "]) {
      const p = only(keyFor([connector()], [sys({ ...erpCloud, service })]), "SHARED_KEY_CONNECTOR:erp");
      expect(p.status).toBe("OUTSTANDING");
      expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record the service its key is for" });
      expectWellFormed(p);
    }
  });
});

describe("gateways", () => {
  const onPrem = sys({ name: "File share", signInMethod: "WINDOWS", location: "ON_PREMISES" });
  const gw = (g: GatewayInput | null, extra: Partial<Scenario> = {}) =>
    derive({ kind: "CLOUD_FLOW", systems: [onPrem], gateway: g, ...extra }).prerequisites.find(
      (p) => p.type === "GATEWAY",
    );

  it.each<[string, GatewayInput["status"], string]>([
    ["offline", "OFFLINE", "offline"],
    ["decommissioned", "DECOMMISSIONED", "decommissioned"],
  ])("an assigned %s gateway makes it EXPIRED and names it", (_name, status, word) => {
    const d = derive({ kind: "CLOUD_FLOW", systems: [onPrem], gateway: gateway({ status }) });
    const p = only(d, "GATEWAY");
    expect(p.status).toBe("EXPIRED");
    expect(d.status).toBe("BLOCKED");
    expect(p.reason).toContain(`The assigned gateway “gw-eu-1” is ${word}.`);
    expect(p.gatewayId).toBe("gw-1");
    expect(p.action).toEqual({ kind: "REQUEST_GATEWAY", label: "Request access to a gateway" });
    expectWellFormed(p);
  });

  it("a pending request wins over an offline gateway; a rejection too", () => {
    const offline = gateway({ status: "OFFLINE" });
    const req = (status: RequestInput["status"]) => [request({ status, prerequisiteKey: "GATEWAY" })];
    expect(gw(offline, { requests: req("PENDING") })?.status).toBe("REQUESTED");
    expect(gw(offline, { requests: req("REJECTED") })?.status).toBe("REJECTED");
    expect(gw(offline, { requests: req("CANCELLED") })?.status).toBe("EXPIRED");
  });

  it("an online gateway wins over any request", () => {
    expect(
      gw(gateway(), { requests: [request({ status: "REJECTED", prerequisiteKey: "GATEWAY" })] })?.status,
    ).toBe("SATISFIED");
  });

  it("a machine group serves desktop flows only", () => {
    const mg = gateway({ kind: "MACHINE_GROUP", name: "mg-finance", id: "mg-1" });
    const desktop = derive({ kind: "DESKTOP_FLOW", systems: [], gateway: mg });
    expect(only(desktop, "GATEWAY")).toMatchObject({
      status: "SATISFIED",
      satisfiedBy: "Machine group “mg-finance” (online)",
      gatewayId: "mg-1",
    });
    for (const kind of ["CLOUD_FLOW", "WEBSITE_AUTOMATION", "API_INTEGRATION"] as const) {
      const p = only(derive({ kind, systems: [onPrem], gateway: mg }), "GATEWAY");
      expect(p.status).toBe("OUTSTANDING");
      expect(p.gatewayId).toBeNull();
      expect(p.reason).toContain("only desktop flows can use a machine group");
    }
  });

  it("a data gateway serves every kind", () => {
    for (const kind of AUTOMATION_KINDS) {
      expect(only(derive({ kind, systems: [onPrem], gateway: gateway() }), "GATEWAY").status).toBe(
        "SATISFIED",
      );
    }
  });

  it("desktop flows and website automation need one even with only cloud systems", () => {
    const cloud = [sys({ name: "SharePoint", signInMethod: "ENTRA_ID" })];
    expect(derive({ kind: "DESKTOP_FLOW", systems: cloud }).prerequisites[0]?.reason).toContain(
      "Desktop flows need",
    );
    expect(derive({ kind: "WEBSITE_AUTOMATION", systems: cloud }).prerequisites[0]?.reason).toContain(
      "browser extensions",
    );
    expect(derive({ kind: "CLOUD_FLOW", systems: cloud }).prerequisites.map((p) => p.type)).toEqual([
      "ENTRA_CONNECTION",
    ]);
  });

  it("an assigned gateway that is not needed creates no prerequisite", () => {
    expect(gw(gateway(), { systems: [sys({ name: "CRM", signInMethod: "ENTRA_ID" })] })).toBeUndefined();
  });

  it("names every on-premises system", () => {
    const d = derive({
      systems: [
        onPrem,
        sys({ name: "ERP", signInMethod: "SHARED_KEY", location: "ON_PREMISES", service: "sap" }),
      ],
    });
    expect(only(d, "GATEWAY").reason).toContain("“File share” and “ERP” are on premises");
  });
});

describe("credentials", () => {
  const bank = (credential: SystemAccessInput["credential"], extra: Partial<SystemAccessInput> = {}) =>
    derive({ systems: [{ ...onlineBanking, credential, ...extra }] });
  const ref = (rotatesAt: Date) =>
    ({ store: "CYBERARK", name: "safe-finance/banking", owner: "Finance IT", rotatesAt }) as const;

  it("an expired rotation date makes it EXPIRED and the automation BLOCKED", () => {
    const d = bank(ref(PAST));
    const p = only(d, "CREDENTIAL:online banking");
    expect([p.status, d.status]).toEqual(["EXPIRED", "BLOCKED"]);
    expect(p.reason).toContain("rotation date passed");
    expect(p.reason).toContain("2026-01-31");
    expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record the new rotation date" });
    expectWellFormed(p);
  });

  it("a rotation date of exactly now counts as passed", () => {
    expect(only(bank(ref(NOW)), "CREDENTIAL:online banking").status).toBe("EXPIRED");
  });

  it("a recorded reference rotating later satisfies it", () => {
    const p = only(bank(ref(FUTURE)), "CREDENTIAL:online banking");
    expect(p.status).toBe("SATISFIED");
    expect(p.satisfiedBy).toBe("CyberArk: safe-finance/banking, owner Finance IT, rotates 2027-01-31");
  });

  it("a blank reference name counts as not recorded", () => {
    expect(only(bank({ ...ref(FUTURE), name: "  " }), "CREDENTIAL:online banking").status).toBe(
      "OUTSTANDING",
    );
  });

  it("an SSO system needs no credential", () => {
    expect(bank(null, { sso: true }).prerequisites).toEqual([]);
  });
});

describe("Windows sign-in", () => {
  const win = (runMode: RunMode, fields: Partial<SystemAccessInput>) =>
    only(
      derive({
        kind: "DESKTOP_FLOW",
        runMode,
        systems: [sys({ name: "PC App", signInMethod: "WINDOWS", ...fields })],
      }),
      "WINDOWS_SIGN_IN:pc app",
    );
  const recorded = { machineGroup: "mg-finance", windowsAccount: "jdoe" };

  it("an unattended flow with a personal account stays OUTSTANDING and says why", () => {
    const p = win("UNATTENDED", { ...recorded, windowsAccountType: "PERSONAL" });
    expect(p.status).toBe("OUTSTANDING");
    expect(p.reason).toContain("non-personal");
    expect(p.reason).toContain("“jdoe”");
    expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record a non-personal Windows account" });
    expectWellFormed(p);
  });

  it.each<[RunMode, Partial<SystemAccessInput>, PrerequisiteStatus]>([
    ["UNATTENDED", { ...recorded, windowsAccountType: null }, "OUTSTANDING"],
    ["UNATTENDED", { ...recorded, windowsAccountType: "SERVICE" }, "SATISFIED"],
    ["ATTENDED", { ...recorded, windowsAccountType: "PERSONAL" }, "SATISFIED"],
    ["ATTENDED", { ...recorded, windowsAccountType: null }, "SATISFIED"],
    ["ATTENDED", { windowsAccount: "jdoe" }, "OUTSTANDING"],
    ["ATTENDED", { machineGroup: "mg-finance" }, "OUTSTANDING"],
    ["ATTENDED", { machineGroup: " ", windowsAccount: "jdoe" }, "OUTSTANDING"],
    ["UNATTENDED", { machineGroup: "mg-finance", windowsAccountType: "SERVICE" }, "OUTSTANDING"],
  ])("%s %j → %s", (runMode, fields, expected) => {
    const p = win(runMode, fields);
    expect(p.status).toBe(expected);
    expectWellFormed(p);
  });

  it("says which account on which machine group satisfies it", () => {
    expect(
      win("UNATTENDED", { ...recorded, windowsAccount: "svc-pc", windowsAccountType: "SERVICE" }).satisfiedBy,
    ).toBe("Windows account “svc-pc” (service account) on machine group “mg-finance”");
  });
});

describe("Entra ID connection", () => {
  const entraSystems = [sharePoint, sys({ name: "Outlook", signInMethod: "ENTRA_ID" })];

  it("is one per automation, however many Entra systems", () => {
    const d = derive({ systems: entraSystems });
    expect(d.prerequisites.map((p) => p.key)).toEqual(["ENTRA_CONNECTION"]);
    expect(d.prerequisites[0]?.reason).toContain("“SharePoint” and “Outlook” sign in with Microsoft 365");
  });

  it("unattended: asks for a named service identity", () => {
    const p = only(derive({ runMode: "UNATTENDED", systems: entraSystems }), "ENTRA_CONNECTION");
    expect(p.status).toBe("OUTSTANDING");
    expect(p.reason).toContain("service identity");
    expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Declare the service identity it runs as" });
    expectWellFormed(p);
  });

  it("unattended with a service identity is satisfied", () => {
    const p = only(
      derive({ runMode: "UNATTENDED", runAs: "svc-expenses", systems: entraSystems }),
      "ENTRA_CONNECTION",
    );
    expect(p).toMatchObject({
      status: "SATISFIED",
      satisfiedBy: "Service identity “svc-expenses”",
      action: null,
    });
  });

  it("a blank runAs counts as not declared", () => {
    expect(only(derive({ runAs: " \t ", systems: entraSystems }), "ENTRA_CONNECTION").status).toBe(
      "OUTSTANDING",
    );
  });
});

describe("a desktop flow's own Windows sign-in", () => {
  const cloudOnly = [sys({ name: "SharePoint", signInMethod: "ENTRA_ID" })];
  const desktop = (fields: Partial<Scenario> = {}) =>
    derive({ kind: "DESKTOP_FLOW", runAs: "Finance clerks", systems: cloudOnly, ...fields });
  const recorded = { machine: "PC-FIN-042", windowsAccount: "CORP\\svc-ap-bot" };

  it("every desktop flow needs one, whatever its systems declare; other kinds never", () => {
    for (const systems of [[], cloudOnly, [onlineBanking], [erp]]) {
      const p = only(desktop({ systems }), "WINDOWS_SIGN_IN");
      expect([p.type, p.status, p.systemAccessId, p.systemName]).toEqual([
        "WINDOWS_SIGN_IN",
        "OUTSTANDING",
        null,
        null,
      ]);
      expect(p.reason).toContain("runs on a Windows machine");
      expect(p.reason).toContain("separate from Microsoft 365 and Microsoft Entra ID");
      expect(p.action).toEqual({
        kind: "EDIT_SYSTEM",
        label: "Record where it runs and the Windows account",
      });
      expectWellFormed(p);
    }
    for (const kind of ["CLOUD_FLOW", "WEBSITE_AUTOMATION", "API_INTEGRATION"] as const) {
      const d = derive({ kind, systems: cloudOnly, ...recorded });
      expect(d.prerequisites.some((p) => p.key === "WINDOWS_SIGN_IN")).toBe(false);
    }
  });

  it("comes right after the gateway, and a WINDOWS system keeps its own", () => {
    const d = desktop({
      ...recorded,
      systems: [sys({ name: "PC App", signInMethod: "WINDOWS" }), ...cloudOnly],
    });
    expect(d.prerequisites.map((p) => [p.key, p.status])).toEqual([
      ["GATEWAY", "OUTSTANDING"],
      ["WINDOWS_SIGN_IN", "SATISFIED"],
      ["ENTRA_CONNECTION", "SATISFIED"],
      ["WINDOWS_SIGN_IN:pc app", "OUTSTANDING"],
    ]);
  });

  it("a machine group assigned as its gateway connects it but does not sign it in", () => {
    const mg = gateway({ kind: "MACHINE_GROUP", name: "mg-finance", id: "mg-1" });
    const d = desktop({ gateway: mg });
    expect(only(d, "GATEWAY").status).toBe("SATISFIED");
    const p = only(d, "WINDOWS_SIGN_IN");
    expect(p.status).toBe("OUTSTANDING");
    expect(p.gatewayId).toBeNull();
    expect(p.reason).toContain("Machine group “mg-finance” connects it to Power Automate");
    expect(d.status).toBe("PENDING");
    expectWellFormed(p);
  });

  it.each<[RunMode, Partial<Scenario>, PrerequisiteStatus]>([
    ["ATTENDED", { ...recorded }, "SATISFIED"],
    ["ATTENDED", { ...recorded, windowsAccountType: "PERSONAL" }, "SATISFIED"],
    ["UNATTENDED", { ...recorded, windowsAccountType: "SERVICE" }, "SATISFIED"],
    ["UNATTENDED", { ...recorded, windowsAccountType: "PERSONAL" }, "OUTSTANDING"],
    ["UNATTENDED", { ...recorded, windowsAccountType: null }, "OUTSTANDING"],
    ["ATTENDED", { machine: "PC-FIN-042" }, "OUTSTANDING"],
    ["ATTENDED", { windowsAccount: "jdoe" }, "OUTSTANDING"],
    ["ATTENDED", { machine: "  ", windowsAccount: "jdoe" }, "OUTSTANDING"],
  ])("%s %j → %s (as a WINDOWS system treats account types)", (runMode, fields, expected) => {
    const p = only(desktop({ runMode, runAs: "svc-ap", ...fields }), "WINDOWS_SIGN_IN");
    expect(p.status).toBe(expected);
    expectWellFormed(p);
  });

  it("an unattended flow with a personal account says why and asks for a non-personal one", () => {
    const p = only(
      desktop({
        runMode: "UNATTENDED",
        machine: "PC-FIN-042",
        windowsAccount: "maya",
        windowsAccountType: "PERSONAL",
      }),
      "WINDOWS_SIGN_IN",
    );
    expect(p.reason).toContain("non-personal");
    expect(p.reason).toContain("“maya”");
    expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record a non-personal Windows account" });
  });

  it("says which account on which machine satisfies it, declared by the maker", () => {
    const p = only(desktop({ ...recorded, windowsAccountType: "SERVICE" }), "WINDOWS_SIGN_IN");
    expect(p.satisfiedBy).toBe("Windows account “CORP\\svc-ap-bot” (service account) on “PC-FIN-042”");
    expect(p.basis).toBe("DECLARED");
  });

  it("a system named like the key cannot take it", () => {
    const d = desktop({ ...recorded, systems: [sys({ name: "", signInMethod: "WINDOWS" })] });
    expect(d.prerequisites.map((p) => p.key)).toEqual(["GATEWAY", "WINDOWS_SIGN_IN", "WINDOWS_SIGN_IN:"]);
  });
});

describe("how each SATISFIED is known (basis) and IT's reviews", () => {
  const credential = {
    store: "AZURE_KEY_VAULT",
    name: "kv-finance/banking-bot",
    owner: "Finance IT",
    rotatesAt: FUTURE,
  } as const;
  const declaredEverything: Scenario = {
    kind: "DESKTOP_FLOW",
    runAs: "Finance clerks",
    machine: "PC-FIN-042",
    windowsAccount: "jdoe",
    systems: [
      { ...onlineBanking, credential },
      sharePoint,
      sys({ name: "PC App", signInMethod: "WINDOWS", machineGroup: "mg-finance", windowsAccount: "jdoe" }),
      sys({ ...erp, location: "CLOUD" }),
    ],
    gateway: gateway({ kind: "MACHINE_GROUP", name: "mg-finance" }),
    connectors: [connector()],
  };
  const bankKey = "CREDENTIAL:online banking";
  const bankDeclaration = "Azure Key Vault: kv-finance/banking-bot, owner Finance IT, rotates 2027-01-31";
  const review = (fields: Partial<ReviewInput> = {}): ReviewInput => ({
    key: bankKey,
    outcome: "VERIFIED",
    declaration: bankDeclaration,
    reason: null,
    ...fields,
  });

  it("what the maker declares is DECLARED; what IT provides is APPROVED", () => {
    const d = derive(declaredEverything);
    expect(d.status).toBe("READY");
    expect(d.prerequisites.map((p) => [p.key, p.basis])).toEqual([
      ["GATEWAY", "APPROVED"],
      ["WINDOWS_SIGN_IN", "DECLARED"],
      ["ENTRA_CONNECTION", "DECLARED"],
      [bankKey, "DECLARED"],
      ["WINDOWS_SIGN_IN:pc app", "DECLARED"],
      ["SHARED_KEY_CONNECTOR:erp", "APPROVED"],
    ]);
  });

  it("IT's confirmation of exactly this declaration makes it VERIFIED, and changes nothing else", () => {
    const plain = derive(declaredEverything);
    const verified = derive({ ...declaredEverything, reviews: [review()] });
    expect(only(verified, bankKey)).toEqual({ ...only(plain, bankKey), basis: "VERIFIED" });
    expect(verified.prerequisites.filter((p) => p.key !== bankKey)).toEqual(
      plain.prerequisites.filter((p) => p.key !== bankKey),
    );
    expect(verified.status).toBe("READY");
  });

  it("a declaration IT sent back is OUTSTANDING with IT's words, until the maker declares something else", () => {
    const sentBack = review({ outcome: "SENT_BACK", reason: "No such secret in kv-finance" });
    const d = derive({ ...declaredEverything, reviews: [sentBack] });
    const p = only(d, bankKey);
    expect([p.status, p.satisfiedBy, p.basis, d.status]).toEqual(["OUTSTANDING", null, null, "PENDING"]);
    expect(p.reason).toContain("IT reviewed what was declared");
    expect(p.reason).toContain("“No such secret in kv-finance”");
    expect(p.reason).toContain(bankDeclaration);
    expect(p.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record the credential reference" });
    expectWellFormed(p);

    // A new declaration (another secret) voids the review: declared again, not verified either.
    const redeclared = derive({
      ...declaredEverything,
      systems: [
        { ...onlineBanking, credential: { ...credential, name: "kv-finance/banking-bot-2" } },
        sharePoint,
      ],
      reviews: [sentBack, review({ key: "ENTRA_CONNECTION", declaration: "something else" })],
    });
    expect(only(redeclared, bankKey)).toMatchObject({ status: "SATISFIED", basis: "DECLARED" });
    expect(only(redeclared, "ENTRA_CONNECTION").basis).toBe("DECLARED");
  });

  it.each<[string, Partial<Scenario>, string, string]>([
    ["who runs it", {}, "ENTRA_CONNECTION", "Run by “Finance clerks”, each with their own connection"],
    ["the desktop flow's machine", {}, "WINDOWS_SIGN_IN", "Windows account “jdoe” on “PC-FIN-042”"],
    [
      "a WINDOWS system",
      {},
      "WINDOWS_SIGN_IN:pc app",
      "Windows account “jdoe” on machine group “mg-finance”",
    ],
  ])("every declared kind can be sent back: %s", (_name, extra, key, declaration) => {
    const base = { ...declaredEverything, ...extra };
    expect(only(derive(base), key).satisfiedBy).toBe(declaration);
    const p = only(
      derive({ ...base, reviews: [{ key, outcome: "SENT_BACK", declaration, reason: "Not ours" }] }),
      key,
    );
    expect(p.status).toBe("OUTSTANDING");
    expect(p.reason).toContain("“Not ours”");
    expect(p.action?.kind).toBe("EDIT_SYSTEM");
    expectWellFormed(p);
    expect(
      only(derive({ ...base, reviews: [{ key, outcome: "VERIFIED", declaration, reason: null }] }), key)
        .basis,
    ).toBe("VERIFIED");
  });

  it("reviews never touch what IT approved, nor what is not satisfied", () => {
    const d = derive(declaredEverything);
    const reviews: ReviewInput[] = d.prerequisites.map((p) => ({
      key: p.key,
      outcome: "SENT_BACK",
      declaration: p.satisfiedBy ?? "",
      reason: "No",
    }));
    const after = derive({ ...declaredEverything, reviews });
    expect(only(after, "GATEWAY")).toEqual(only(d, "GATEWAY"));
    expect(only(after, "SHARED_KEY_CONNECTOR:erp")).toEqual(only(d, "SHARED_KEY_CONNECTOR:erp"));
    const expired = derive({
      systems: [{ ...onlineBanking, credential: { ...credential, rotatesAt: PAST } }],
      reviews: [review({ outcome: "SENT_BACK", reason: "No" })],
    });
    expect(only(expired, bankKey).status).toBe("EXPIRED");
  });

  it("a sent-back reason without words still says so", () => {
    const p = only(derive({ ...declaredEverything, reviews: [review({ outcome: "SENT_BACK" })] }), bankKey);
    expect(p.reason).toContain("sent it back without giving a reason");
  });
});

describe("automation status, keys and purity", () => {
  it("a retired automation is RETIRED, and its prerequisites are still derived", () => {
    const live = derive(expenseReporting);
    const retired = derive({ ...expenseReporting, retired: true });
    expect(retired.status).toBe("RETIRED");
    expect(retired.prerequisites).toEqual(live.prerequisites);
  });

  it("an automation with nothing to set up is READY", () => {
    expect(derive({ kind: "API_INTEGRATION", systems: [] })).toEqual({ prerequisites: [], status: "READY" });
  });

  it.each<[PrerequisiteStatus[], boolean, string]>([
    [[], false, "READY"],
    [[], true, "RETIRED"],
    [["SATISFIED", "SATISFIED"], false, "READY"],
    [["SATISFIED", "OUTSTANDING"], false, "PENDING"],
    [["REQUESTED", "SATISFIED"], false, "PENDING"],
    [["OUTSTANDING", "REJECTED"], false, "BLOCKED"],
    [["REQUESTED", "EXPIRED"], false, "BLOCKED"],
    [["EXPIRED"], true, "RETIRED"],
  ])("automationStatus(%j, retired=%s) = %s", (statuses, retired, expected) => {
    expect(
      automationStatus(
        statuses.map((status) => ({ status })),
        retired,
      ),
    ).toBe(expected);
  });

  it("normaliseKey trims and lower-cases", () => {
    expect(normaliseKey("  Online Banking ")).toBe("online banking");
  });

  it("systems whose names normalise alike still get unique keys, in input order", () => {
    const d = derive({
      systems: [
        sys({ name: "ERP", signInMethod: "SHARED_KEY", service: "sap" }),
        sys({ name: " erp ", signInMethod: "SHARED_KEY", service: "sap", id: "sys-2" }),
        sys({ name: "erp#2", signInMethod: "SHARED_KEY", service: "sap", id: "sys-3" }),
        sys({ name: "ERP", signInMethod: "USERNAME_PASSWORD", id: "sys-4" }),
      ],
    });
    expect(d.prerequisites.map((p) => [p.key, p.systemAccessId])).toEqual([
      ["SHARED_KEY_CONNECTOR:erp", "sys-erp"],
      ["SHARED_KEY_CONNECTOR:erp#2", "sys-2"],
      ["SHARED_KEY_CONNECTOR:erp#2#2", "sys-3"],
      ["CREDENTIAL:erp", "sys-4"],
    ]);
  });

  it("never mutates its input (deeply frozen) and gives equal output twice", () => {
    const input = engineInput({
      ...expenseReporting,
      gateway: gateway({ status: "OFFLINE" }),
      connectors: [connector({ status: "REVOKED" }), connector({ id: "x", service: "other" })],
      requests: [request({ status: "REJECTED", decisionReason: "no" })],
    });
    const before = structuredClone(input);
    deepFreeze(input);
    const first = derivePrerequisites(input);
    expect(derivePrerequisites(input)).toEqual(first);
    expect(input).toEqual(before);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("the domain's enums match prisma/schema.prisma", () => {
  const schema = readFileSync(fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url)), "utf8");
  const prismaEnum = (name: string) => {
    const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
    expect(body, `enum ${name} in schema.prisma`).toBeDefined();
    return (body ?? "")
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
  };
  it.each<[string, ReadonlyArray<string>]>([
    ["AutomationKind", AUTOMATION_KINDS],
    ["RunMode", RUN_MODES],
    ["AutomationStatus", AUTOMATION_STATUSES],
    ["SystemLocation", SYSTEM_LOCATIONS],
    ["SignInMethod", SIGN_IN_METHODS],
    ["CredentialStore", CREDENTIAL_STORES],
    ["WindowsAccountType", WINDOWS_ACCOUNT_TYPES],
    ["AssuranceBasis", ASSURANCE_BASES],
    ["ReviewOutcome", REVIEW_OUTCOMES],
    ["PrerequisiteType", PREREQUISITE_TYPES],
    ["PrerequisiteStatus", PREREQUISITE_STATUSES],
    ["ConnectorStatus", CONNECTOR_STATUSES],
    ["ConnectorSharing", CONNECTOR_SHARINGS],
    ["GatewayKind", GATEWAY_KINDS],
    ["GatewayStatus", GATEWAY_STATUSES],
    ["RequestStatus", REQUEST_STATUSES],
  ])("%s", (name, values) => {
    expect([...values]).toEqual(prismaEnum(name));
  });
});

describe("what a leaver knew", () => {
  const LEFT = new Date("2026-06-01T09:00:00Z");
  const credential = {
    store: "AZURE_KEY_VAULT" as const,
    name: "kv-finance/banking-bot",
    owner: "mia@corp.example",
    rotatesAt: FUTURE,
  };
  const find = (s: Scenario, type: string) => derive(s).prerequisites.find((p) => p.type === type)!;

  it("a credential is outstanding until a rotation after the leave is recorded", () => {
    const banking = (rotatedAt: Date | null) =>
      sys({
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: { ...credential, rotatedAt },
        knowerLeftAt: LEFT,
      });
    for (const rotatedAt of [null, PAST, LEFT]) {
      const p = find({ systems: [banking(rotatedAt)] }, "CREDENTIAL");
      expect(p.status).toBe("OUTSTANDING");
      expect(p.reason).toContain("The person who knew this has left: rotate it and name a new owner.");
    }
    expect(find({ systems: [banking(new Date("2026-06-02T00:00:00Z"))] }, "CREDENTIAL").status).toBe(
      "SATISFIED",
    );
  });

  it("a Windows system or a desktop flow under a leaver's personal account is outstanding; a service account is not", () => {
    const windows = (type: "PERSONAL" | "SERVICE") =>
      sys({
        name: "File share",
        signInMethod: "WINDOWS",
        location: "ON_PREMISES",
        machineGroup: "MG-1",
        windowsAccount: "CORP\\mia",
        windowsAccountType: type,
        knowerLeftAt: LEFT,
      });
    expect(find({ systems: [windows("PERSONAL")] }, "WINDOWS_SIGN_IN").status).toBe("OUTSTANDING");
    expect(find({ systems: [windows("SERVICE")] }, "WINDOWS_SIGN_IN").status).toBe("SATISFIED");
    const desktop = derivePrerequisites({
      ...engineInput({
        kind: "DESKTOP_FLOW",
        machine: "PC-7",
        windowsAccount: "CORP\\mia",
        windowsAccountType: "PERSONAL",
        systems: [],
      }),
      automation: {
        ...engineInput({ kind: "DESKTOP_FLOW", machine: "PC-7", windowsAccount: "CORP\\mia", systems: [] })
          .automation,
        windowsAccountType: "PERSONAL",
        windowsAccountLeftAt: LEFT,
      },
    }).prerequisites.find((p) => p.type === "WINDOWS_SIGN_IN")!;
    expect(desktop.status).toBe("OUTSTANDING");
    expect(desktop.reason).toContain("personal account of someone who has left");
  });
});
