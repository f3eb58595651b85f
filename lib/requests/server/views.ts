import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestDetails } from "@/lib/requests/contract";
import { maskIfSecret } from "@/lib/secrets/mask";

// The one shape of a request in API answers (POST/GET /requests, an automation's detail).
// Plain select + mapping, no I/O of its own.

export const requestSelect = {
  id: true,
  type: true,
  status: true,
  version: true,
  automationId: true,
  prerequisiteId: true,
  prerequisiteKey: true,
  departmentId: true,
  service: true,
  justification: true,
  details: true,
  decisionReason: true,
  decidedAt: true,
  connectorId: true,
  gatewayId: true,
  createdAt: true,
  updatedAt: true,
  automation: { select: { id: true, name: true } },
  requester: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { id: true, name: true, email: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.RequestSelect;

const DAY_MS = 86_400_000;

/**
 * Whole days the request has been (or was) open: until now while PENDING, else until it was
 * decided, withdrawn or cancelled. The request list computes the same in SQL
 * (lib/requests/server/list-sql.ts ageDaysSql).
 */
export function ageInDays(
  row: Pick<RequestRow, "status" | "createdAt" | "decidedAt" | "updatedAt">,
  now: Date,
) {
  const end = row.status === "PENDING" ? now : (row.decidedAt ?? row.updatedAt);
  return Math.max(0, Math.floor((end.getTime() - row.createdAt.getTime()) / DAY_MS));
}

export type RequestRow = Prisma.RequestGetPayload<{ select: typeof requestSelect }>;

/**
 * A request's columns with its automation and people, the dates as Prisma reads them (`Date`)
 * or as the list's SQL writes them (ISO text).
 */
export type RequestFields<Instant> = Omit<RequestRow, "details" | "decidedAt" | "createdAt" | "updatedAt"> & {
  details: Prisma.JsonValue | null;
  decidedAt: Instant | null;
  createdAt: Instant;
  updatedAt: Instant;
};

/** Free text written before the secret rules existed is shown masked (lib/secrets/mask.ts). */
export function requestView<Instant>(row: RequestFields<Instant>, ageDays: number) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    version: row.version,
    automationId: row.automationId,
    automation: { ...row.automation, name: maskIfSecret(row.automation.name) },
    prerequisiteId: row.prerequisiteId,
    prerequisiteKey: row.prerequisiteKey,
    departmentId: row.departmentId,
    service: row.service,
    justification: maskIfSecret(row.justification),
    details: requestDetails(row.details),
    requester: row.requester,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionReason: maskIfSecret(row.decisionReason),
    connectorId: row.connectorId,
    gatewayId: row.gatewayId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ageDays,
    assignee: row.assignee,
  };
}

export function toRequestView(row: RequestRow) {
  return requestView(row, ageInDays(row, new Date()));
}

export type RequestView = ReturnType<typeof toRequestView>;

/**
 * The stored details as the contract types them. They were validated for the request's type
 * when it was filed (lib/requests/schemas.ts); requests filed before details existed have none.
 */
export function requestDetails(value: Prisma.JsonValue | null | undefined): RequestDetails {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as RequestDetails) : null;
}
