import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import { type HistorySource, historyLines } from "@/lib/automations/history";
import { prerequisiteTitle } from "@/lib/automations/labels";
import { connectorSelect, toConnectorView } from "@/lib/catalog/server/views";
import { prisma } from "@/lib/db";
import { lapseOf } from "@/lib/domain/lapse";
import { isUuid } from "@/lib/http/cursor";
import { notFound } from "@/lib/http/errors";
import { type RequestView, requestSelect, toRequestView } from "@/lib/requests/server/views";
import { maskIfSecret } from "@/lib/secrets/mask";

// A request's page (GET /api/v1/requests/{id}): what IT needs to decide it — the automation,
// the prerequisite, the justification, the requester's other requests, the conversation and
// the history — and what the caller may do with it now. Visible to the requester, IT
// approvers and managers of its department; anyone else gets the 404 an unknown id gets.

const OTHER_REQUESTS = 20;

export async function getRequestDetail({ caller, id }: { caller: Caller; id: string }) {
  if (!isUuid(id)) throw notFound("Request");
  const row = await prisma.request.findFirst({
    where: { AND: [{ id }, requestScope(caller)] },
    select: {
      ...requestSelect,
      requesterId: true,
      assigneeId: true,
      comments: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
      },
    },
  });
  if (!row) throw notFound("Request");
  const { comments, requesterId, assigneeId, ...requestRow } = row;
  const request = toRequestView(requestRow);

  const [automation, prerequisite, others, history, suggested] = await Promise.all([
    loadAutomation(request.automationId),
    loadPrerequisite(request),
    prisma.request.findMany({
      where: { AND: [{ requesterId, id: { not: id } }, requestScope(caller)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: OTHER_REQUESTS,
      select: requestSelect,
    }),
    prisma.auditEvent.findMany({
      where: { entityType: "Request", entityId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        action: true,
        actorLabel: true,
        createdAt: true,
        before: true,
        after: true,
        actor: { select: { name: true } },
      },
    }),
    suggestConnectors(request),
  ]);

  const now = new Date();
  const pending = request.status === "PENDING";
  const decider = can(caller, "request:decide") && requesterId !== caller.id;
  // The systems are read for the history's sentences; the answer's automation has none.
  const { systems: _systems, ...automationAnswer } = automation;
  return {
    ...request,
    automation: automationAnswer,
    prerequisite,
    requesterOtherRequests: others.map(toRequestView),
    // Written before the secret rules existed, a comment that fails them is shown masked.
    comments: comments.map((comment) => ({ ...comment, body: maskIfSecret(comment.body) })),
    history: await requestHistory(request, automation, prerequisite, history),
    suggestedConnectors: suggested.map((connector) => toConnectorView(connector, caller, now)),
    permissions: {
      decide: pending && decider,
      assign: pending && decider && assigneeId !== caller.id,
      withdraw: pending && requesterId === caller.id,
      comment: requesterId === caller.id || can(caller, "request:decide"),
    },
  };
}

function loadAutomation(id: string) {
  return prisma.automation.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      kind: true,
      runMode: true,
      department: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true, email: true } },
      systems: { select: { name: true, location: true }, orderBy: { position: "asc" } },
    },
  });
}

/**
 * The request's history in plain sentences: its events, with the gateway or connector an
 * approval put in place named, and the automation's on-premises systems that a gateway reaches.
 */
async function requestHistory(
  request: RequestView,
  automation: Awaited<ReturnType<typeof loadAutomation>>,
  prerequisite: Awaited<ReturnType<typeof loadPrerequisite>>,
  events: Array<{
    id: bigint;
    action: string;
    actorLabel: string;
    createdAt: Date;
    before: unknown;
    after: unknown;
    actor: { name: string } | null;
  }>,
) {
  const [gateway, connector] = await Promise.all([
    request.gatewayId
      ? prisma.gateway.findUnique({ where: { id: request.gatewayId }, select: { name: true } })
      : null,
    request.connectorId
      ? prisma.connector.findUnique({ where: { id: request.connectorId }, select: { name: true } })
      : null,
  ]);
  const titles = new Map(prerequisite ? [[prerequisite.key, prerequisiteTitle(prerequisite)]] : []);
  const onPremisesSystems = automation.systems
    .filter((system) => system.location === "ON_PREMISES")
    .map((system) => maskIfSecret(system.name));
  const sources = events.map(
    (event): HistorySource => ({
      id: event.id.toString(),
      action: event.action,
      actorLabel: event.actorLabel,
      actorName: event.actor?.name ?? null,
      createdAt: event.createdAt,
      before: event.before,
      after: event.after,
      request: { type: request.type, service: request.service },
      gatewayName: event.action === "request.approved" ? maskIfSecret(gateway?.name ?? null) : null,
      connectorName: event.action === "request.approved" ? maskIfSecret(connector?.name ?? null) : null,
    }),
  );
  return historyLines(sources, { titles, onPremisesSystems });
}

/**
 * The prerequisite the request is for. Editing an automation's systems may derive it anew
 * (a new row, the same key), so the key finds it when the remembered id no longer does.
 */
async function loadPrerequisite(request: RequestView) {
  const keys = [
    ...(request.prerequisiteId ? [{ id: request.prerequisiteId }] : []),
    ...(request.prerequisiteKey
      ? [{ automationId: request.automationId, key: request.prerequisiteKey }]
      : []),
  ];
  if (keys.length === 0) return null;
  const row = await prisma.prerequisite.findFirst({
    where: { OR: keys },
    select: {
      id: true,
      key: true,
      type: true,
      status: true,
      reason: true,
      systemAccess: { select: { name: true } },
      gateway: { select: { status: true } },
      connector: { select: { status: true } },
    },
  });
  if (!row) return null;
  const { systemAccess, gateway, connector, ...rest } = row;
  const lapse = lapseOf({
    type: rest.type,
    status: rest.status,
    gatewayStatus: gateway?.status ?? null,
    connectorStatus: connector?.status ?? null,
  });
  return { ...rest, lapse, systemName: systemAccess?.name ?? null };
}

/** For a connector request: the catalog's connectors of that service, usable ones first. */
async function suggestConnectors(request: RequestView) {
  if (request.type !== "SHARED_KEY_CONNECTOR" || !request.service) return [];
  return prisma.connector.findMany({
    where: { service: request.service },
    orderBy: [{ status: "asc" }, { keyExpiresAt: "desc" }, { id: "asc" }],
    take: 20,
    select: connectorSelect,
  });
}
