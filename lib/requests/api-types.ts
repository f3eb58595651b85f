import type { NamedRef, PersonRef, RequestDto } from "@/lib/automations/api-types";
import type { ConnectorDto } from "@/lib/catalog/hooks";
import type {
  AutomationKind,
  AutomationStatus,
  GatewayKind,
  PrerequisiteStatus,
  PrerequisiteType,
  RunMode,
} from "@/lib/domain/types";

// What IT's pages read from /api/v1/requests (the queue, a request's page) and the decision
// body they send, as the API contract for issue #5 describes them.

/** A request as the queue lists it: the maker's fields plus age and assignee. */
export interface QueueItem extends RequestDto {
  departmentId: string;
  connectorId?: string | null;
  gatewayId?: string | null;
  updatedAt?: string;
  /** Whole days since it was filed, computed by the server. */
  ageDays: number;
  assignee: NamedRef | null;
}

export interface RequestComment {
  id: string;
  body: string;
  author: NamedRef | null;
  createdAt: string;
}

export interface RequestHistoryEvent {
  id: string | number;
  action: string;
  actorLabel: string | null;
  createdAt: string;
}

export interface RequestDetail extends Omit<QueueItem, "automation"> {
  automation: {
    id: string;
    name: string;
    status: AutomationStatus;
    kind: AutomationKind;
    runMode: RunMode;
    department: NamedRef | null;
    owner: PersonRef | null;
  };
  prerequisite: {
    id: string;
    key: string;
    type: PrerequisiteType;
    status: PrerequisiteStatus;
    reason: string;
    systemName: string | null;
  } | null;
  requesterOtherRequests: QueueItem[];
  comments: RequestComment[];
  history: RequestHistoryEvent[];
  suggestedConnectors: ConnectorDto[];
  /** What the caller may do with it now, as the server decides. */
  permissions: { decide: boolean; assign: boolean; withdraw: boolean; comment: boolean };
}

export type Decision = "APPROVE" | "REJECT";

export type SharedWith = "ALL" | string[];

export interface NewConnectorBody {
  name: string;
  ownerTeam: string;
  keyReference: string;
  /** ISO date (YYYY-MM-DD) or time. */
  keyExpiresAt: string;
  sharedWith: SharedWith;
}

export interface NewGatewayBody {
  name: string;
  kind?: GatewayKind;
  cluster: string;
  host: string;
  region: string;
}

export interface DecisionBody {
  decision: Decision;
  reason: string;
  version: number;
  connector?: { connectorId: string } | NewConnectorBody;
  gatewayId?: string;
  gateway?: NewGatewayBody;
}

export const QUEUE_SORTS = ["oldest", "newest"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
