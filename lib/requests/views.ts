import type { Prisma } from "@/lib/generated/prisma/client";

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
  decisionReason: true,
  decidedAt: true,
  connectorId: true,
  gatewayId: true,
  createdAt: true,
  updatedAt: true,
  automation: { select: { id: true, name: true } },
  requester: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.RequestSelect;

export type RequestRow = Prisma.RequestGetPayload<{ select: typeof requestSelect }>;

export function toRequestView(row: RequestRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    version: row.version,
    automationId: row.automationId,
    automation: row.automation,
    prerequisiteId: row.prerequisiteId,
    prerequisiteKey: row.prerequisiteKey,
    departmentId: row.departmentId,
    service: row.service,
    justification: row.justification,
    requester: row.requester,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionReason: row.decisionReason,
    connectorId: row.connectorId,
    gatewayId: row.gatewayId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type RequestView = ReturnType<typeof toRequestView>;
