import type {
  AutomationKind,
  AutomationStatus,
  CredentialStore,
  GatewayKind,
  GatewayStatus,
  PrerequisiteAction,
  PrerequisiteStatus,
  PrerequisiteType,
  RequestStatus,
  RunMode,
  SignInMethod,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/domain/types";

// What the browser reads from /api/v1/automations, as API.md describes it. Fields API.md
// leaves open are optional here, so the pages render whichever the server sends.

export interface NamedRef {
  id: string;
  name: string;
}

export interface PersonRef extends NamedRef {
  email?: string;
}

export interface CredentialReferenceDto {
  store: CredentialStore;
  name: string;
  owner: string;
  rotatesAt: string;
}

export interface SystemAccessDto {
  id?: string;
  name: string;
  location: SystemLocation;
  signInMethod: SignInMethod;
  sso: boolean;
  service: string | null;
  credentialReference?: CredentialReferenceDto | null;
  machineGroup?: string | null;
  windowsAccount?: string | null;
  windowsAccountType?: WindowsAccountType | null;
}

export interface PrerequisiteDto {
  id: string;
  key?: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  systemName: string | null;
  systemAccessId?: string | null;
  satisfiedBy: string | null;
  reason: string;
  /** The maker's next step; null when SATISFIED or REQUESTED. */
  action?: PrerequisiteAction | null;
  connectorId?: string | null;
  gatewayId?: string | null;
  updatedAt?: string;
}

export type RequestType = "SHARED_KEY_CONNECTOR" | "GATEWAY";

export interface RequestDto {
  id: string;
  type: RequestType;
  status: RequestStatus;
  version: number;
  automationId: string;
  automation?: NamedRef | null;
  prerequisiteId: string | null;
  prerequisiteKey?: string | null;
  service?: string | null;
  justification: string;
  requester?: PersonRef | null;
  createdAt: string;
  decidedAt?: string | null;
  decisionReason?: string | null;
  decidedBy?: PersonRef | null;
}

export interface AuditEventDto {
  id: string | number;
  action: string;
  actorLabel?: string | null;
  actor?: PersonRef | null;
  createdAt: string;
  before?: unknown;
  after?: unknown;
}

export interface AutomationSummary {
  id: string;
  name: string;
  description?: string;
  kind: AutomationKind;
  runMode: RunMode;
  status: AutomationStatus;
  version: number;
  departmentId?: string;
  department?: NamedRef | null;
  ownerId?: string;
  owner?: PersonRef | null;
  /** Prerequisites not yet SATISFIED, when the list includes it. */
  outstandingCount?: number;
  systemCount?: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface AutomationDetail extends AutomationSummary {
  description: string;
  runAs: string | null;
  gatewayId?: string | null;
  gateway?: (NamedRef & { kind?: GatewayKind; status?: GatewayStatus }) | null;
  retiredAt?: string | null;
  systems: SystemAccessDto[];
  prerequisites: PrerequisiteDto[];
  requests?: RequestDto[];
  /** Audit events of this automation, newest first, when the API includes them. */
  history?: AuditEventDto[];
  /** What the caller may do with it now, as the server decides. */
  permissions?: { edit: boolean; retire: boolean };
}

// ---------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------

export interface SystemAccessBody {
  name: string;
  location: SystemLocation;
  signInMethod: SignInMethod;
  sso?: boolean;
  service?: string;
  credentialReference?: { store: CredentialStore; name: string; owner: string; rotatesAt: string };
  machineGroup?: string;
  windowsAccount?: string;
  windowsAccountType?: WindowsAccountType;
}

export interface CreateAutomationBody {
  name: string;
  description: string;
  kind: AutomationKind;
  runMode: RunMode;
  departmentId?: string;
  runAs?: string | null;
  systems: SystemAccessBody[];
}

export type UpdateAutomationBody = Partial<CreateAutomationBody> & { version: number };

export interface AutomationFilters {
  status?: AutomationStatus;
  kind?: AutomationKind;
  q?: string;
  departmentId?: string;
  cursor?: string;
  limit?: number;
}
