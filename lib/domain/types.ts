/**
 * Input and output types of the prerequisite engine.
 *
 * The domain stays free of the generated Prisma client so that it can be imported from the
 * browser and from tests without a database. The literal values below are identical to the
 * enums in `prisma/schema.prisma` (a unit test compares them).
 */

export const AUTOMATION_KINDS = [
  "CLOUD_FLOW",
  "DESKTOP_FLOW",
  "WEBSITE_AUTOMATION",
  "API_INTEGRATION",
] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

export const RUN_MODES = ["ATTENDED", "UNATTENDED"] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const AUTOMATION_STATUSES = ["PENDING", "READY", "BLOCKED", "RETIRED"] as const;
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

export const SYSTEM_LOCATIONS = ["CLOUD", "ON_PREMISES"] as const;
export type SystemLocation = (typeof SYSTEM_LOCATIONS)[number];

export const SIGN_IN_METHODS = ["ENTRA_ID", "USERNAME_PASSWORD", "WINDOWS", "SHARED_KEY"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const CREDENTIAL_STORES = [
  "AZURE_KEY_VAULT",
  "CYBERARK",
  "POWER_AUTOMATE",
  "HASHICORP_VAULT",
  "AWS_SECRETS_MANAGER",
  "OTHER",
] as const;
export type CredentialStore = (typeof CREDENTIAL_STORES)[number];

export const WINDOWS_ACCOUNT_TYPES = ["PERSONAL", "SERVICE"] as const;
export type WindowsAccountType = (typeof WINDOWS_ACCOUNT_TYPES)[number];

export const PREREQUISITE_TYPES = [
  "GATEWAY",
  "ENTRA_CONNECTION",
  "CREDENTIAL",
  "WINDOWS_SIGN_IN",
  "SHARED_KEY_CONNECTOR",
] as const;
export type PrerequisiteType = (typeof PREREQUISITE_TYPES)[number];

export const PREREQUISITE_STATUSES = [
  "OUTSTANDING",
  "REQUESTED",
  "SATISFIED",
  "REJECTED",
  "EXPIRED",
] as const;
export type PrerequisiteStatus = (typeof PREREQUISITE_STATUSES)[number];

export const CONNECTOR_STATUSES = ["APPROVED", "REVOKED", "EXPIRED"] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

export const CONNECTOR_SHARINGS = ["ALL", "DEPARTMENTS"] as const;
export type ConnectorSharing = (typeof CONNECTOR_SHARINGS)[number];

export const GATEWAY_KINDS = ["DATA_GATEWAY", "MACHINE_GROUP"] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

export const GATEWAY_STATUSES = ["ONLINE", "OFFLINE", "DECOMMISSIONED"] as const;
export type GatewayStatus = (typeof GATEWAY_STATUSES)[number];

export const REQUEST_STATUSES = ["PENDING", "APPROVED", "REJECTED", "WITHDRAWN", "CANCELLED"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * How a SATISFIED prerequisite is known: DECLARED by the maker (credential references, Windows
 * accounts, who runs it), APPROVED by IT (shared-key connectors, gateways), or VERIFIED (IT
 * reviewed the maker's declaration and confirmed it).
 */
export const ASSURANCE_BASES = ["DECLARED", "APPROVED", "VERIFIED"] as const;
export type AssuranceBasis = (typeof ASSURANCE_BASES)[number];

export const REVIEW_OUTCOMES = ["VERIFIED", "SENT_BACK"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

/** Where a secret lives — never the secret itself. */
export interface CredentialReference {
  store: CredentialStore;
  /** e.g. "kv-finance/banking-bot" (vault + secret name) */
  name: string;
  owner: string;
  rotatesAt: Date;
  /** When it was last rotated, as its owner recorded it; after a leaver, it must be later than the leave. */
  rotatedAt?: Date | null;
}

export interface SystemAccessInput {
  id: string;
  name: string;
  location: SystemLocation;
  signInMethod: SignInMethod;
  sso: boolean;
  /** SHARED_KEY: the service connectors are matched on, e.g. "sap-erp". */
  service: string | null;
  credential: CredentialReference | null;
  machineGroup: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  /** When the person who knew its credential, or whose personal Windows account it runs under, left. */
  knowerLeftAt?: Date | null;
}

export interface AutomationInput {
  kind: AutomationKind;
  runMode: RunMode;
  /** ATTENDED: the people / Entra group who run it; UNATTENDED: the service identity. */
  runAs: string | null;
  departmentId: string;
  retired: boolean;
  /**
   * DESKTOP_FLOW: the machine or machine group it runs on and the Windows account it runs
   * under (UNATTENDED: a non-personal account) — what its own WINDOWS_SIGN_IN needs.
   */
  machine: string | null;
  windowsAccount: string | null;
  windowsAccountType: WindowsAccountType | null;
  /** DESKTOP_FLOW: when the person whose personal Windows account it runs under left. */
  windowsAccountLeftAt?: Date | null;
  systems: ReadonlyArray<SystemAccessInput>;
}

export interface GatewayInput {
  id: string;
  name: string;
  kind: GatewayKind;
  status: GatewayStatus;
}

export interface ConnectorInput {
  id: string;
  name: string;
  service: string;
  status: ConnectorStatus;
  keyExpiresAt: Date;
  sharing: ConnectorSharing;
  departmentIds: ReadonlyArray<string>;
}

export interface RequestInput {
  prerequisiteKey: string;
  status: RequestStatus;
  decisionReason: string | null;
  createdAt: Date;
}

/**
 * IT's review of a declared prerequisite. It applies only while the prerequisite's declaration
 * (its satisfiedBy) is still `declaration`: declaring something else voids it.
 */
export interface ReviewInput {
  key: string;
  outcome: ReviewOutcome;
  declaration: string;
  /** SENT_BACK: what IT said, for the maker. */
  reason: string | null;
}

export interface EngineInput {
  automation: AutomationInput;
  /** The gateway (or machine group) IT assigned to this automation, if any. */
  gateway: GatewayInput | null;
  /**
   * Catalog connectors; the caller may pass more than the relevant ones — the engine
   * filters by service and sharing itself.
   */
  connectors: ReadonlyArray<ConnectorInput>;
  /** Requests filed for this automation's prerequisites, identified by prerequisite key. */
  requests: ReadonlyArray<RequestInput>;
  /** IT's reviews of this automation's declared prerequisites, identified by prerequisite key. */
  reviews: ReadonlyArray<ReviewInput>;
  now: Date;
}

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

export type PrerequisiteAction =
  | { kind: "REQUEST_CONNECTOR"; service: string; label: string }
  | { kind: "REQUEST_GATEWAY"; label: string }
  | { kind: "EDIT_SYSTEM"; label: string };

export interface DerivedPrerequisite {
  /**
   * Stable identity within the automation: "GATEWAY", "ENTRA_CONNECTION", "WINDOWS_SIGN_IN"
   * (a desktop flow's machine), "CREDENTIAL:<normalised system name>", "WINDOWS_SIGN_IN:<…>",
   * "SHARED_KEY_CONNECTOR:<…>".
   */
  key: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  systemAccessId: string | null;
  systemName: string | null;
  /** What satisfies it, in words; null unless SATISFIED. */
  satisfiedBy: string | null;
  /** How that is known; null unless SATISFIED. */
  basis: AssuranceBasis | null;
  connectorId: string | null;
  gatewayId: string | null;
  /** Plain language: why it is needed and what the maker should do next. */
  reason: string;
  /** What the maker can do about it; null when SATISFIED or REQUESTED. */
  action: PrerequisiteAction | null;
}

export interface Derivation {
  prerequisites: DerivedPrerequisite[];
  status: AutomationStatus;
}
