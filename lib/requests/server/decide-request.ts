import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller, RecordChange } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import { automationsUsingService } from "@/lib/catalog/server/dependents";
import { rederiveService } from "@/lib/catalog/server/rederive-service";
import { prisma, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/cursor";
import { AppError, conflict, notFound, unprocessable } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import type { TDecisionBody } from "@/lib/requests/schemas";
import {
  type ApprovalPlan,
  applyApproval,
  type DecidedRequest,
  lockApprovalTarget,
  planApproval,
} from "@/lib/requests/server/approve-request";
import { type RequestView, requestSelect, toRequestView } from "@/lib/requests/server/views";
import { refuseSecrets } from "@/lib/secrets/refuse";

// IT's decision on a request: approve (putting the connector or gateway in place) or reject,
// always with a reason the requester is told. One transaction: the decision, the catalog
// change, the re-derivation of every automation it affects, the notifications, the audit.
//
// RACE-SAFE: the decision is a conditional UPDATE … WHERE status = 'PENDING' AND version = $v.
// Of two approvers deciding at once, the database lets exactly one row update happen; the
// other finds 0 rows updated and answers 409 with the request as it now is.
//
// LOCK ORDER: the catalog row the approval builds on (connector FOR UPDATE, gateway FOR
// SHARE, or FOR NO KEY UPDATE when the approval adds the request's data source to it: decision
// 014), then the automation rows in id order, then the request row — the order of
// revokeConnector / updateGateway (catalog row, then automations) and of lib/requests
// (automation, then request). For a connector approval the automations are every one that
// signs in to the service, locked up front in id order: re-derivation locks them anyway, and
// taking the request's own automation first and the rest later could deadlock with a
// revocation that locks them all in id order.

const SET_BASED = { maxWait: 10_000, timeout: 60_000 };

export async function decideRequest({
  caller,
  id,
  input,
}: RecordChange<TDecisionBody>): Promise<RequestView> {
  if (!isUuid(id)) throw notFound("Request");
  refuseSecrets(input);
  const actor = callerActor(caller);
  const now = new Date();

  const decided = prisma.$transaction(async (tx) => {
    const visible = { AND: [{ id }, requestScope(caller)] };
    const found = await tx.request.findFirst({
      where: visible,
      select: {
        ...requestSelect,
        requesterId: true,
        automation: { select: { id: true, name: true, kind: true } },
      },
    });
    if (!found) throw notFound("Request");
    if (found.requesterId === caller.id) {
      throw unprocessable("You filed this request; another IT approver must decide it.", {
        decision: "Nobody decides their own request.",
      });
    }
    // A fast answer for the common case only; the conditional update below decides races.
    if (found.status !== "PENDING" || found.version !== input.version) throw decisionConflict(found);
    const request: DecidedRequest = found;
    const plan = input.decision === "APPROVE" ? planApproval(request, input) : null;

    if (plan) await lockApprovalTarget(tx, plan, { automationKind: found.automation.kind, now });
    await lockAutomations(tx, request, plan);
    await claimDecision(tx, { id, caller, input, now, visible });
    const applied = plan ? await applyApproval(tx, plan, request, { actor, callerId: caller.id, now }) : null;
    if (applied) {
      await tx.request.update({
        where: { id },
        data: { connectorId: applied.connectorId, gatewayId: applied.gatewayId },
      });
    }
    await auditDecision(tx, { id, actor, caller, input, applied });
    await rederiveAfterDecision(tx, request, plan, { actor, now, label: applied?.label });
    await notifyRequester(tx, found, { caller, input, label: applied?.label });
    return toRequestView(await tx.request.findUniqueOrThrow({ where: { id }, select: requestSelect }));
  }, SET_BASED);
  // The one unique name an approval can create: a gateway registered meanwhile by someone else.
  return decided.catch((error: unknown) => {
    if ((error as { code?: string }).code !== "P2002") throw error;
    throw new AppError(
      "CONFLICT",
      "A gateway with this name was registered meanwhile; pick it by gatewayId.",
      {
        "gateway.name": "Already in the catalog.",
      },
    );
  });
}

/**
 * The race-safe step: a conditional UPDATE that only a PENDING request at the version read can
 * pass. Zero rows updated means someone else decided (or withdrew, or edited) first: 409.
 */
async function claimDecision(
  tx: Tx,
  context: { id: string; caller: Caller; input: TDecisionBody; now: Date; visible: Prisma.RequestWhereInput },
): Promise<void> {
  const { id, caller, input, now } = context;
  const { count } = await tx.request.updateMany({
    where: { id, status: "PENDING", version: input.version },
    data: {
      status: input.decision === "APPROVE" ? "APPROVED" : "REJECTED",
      decidedById: caller.id,
      decidedAt: now,
      decisionReason: input.reason,
      version: { increment: 1 },
    },
  });
  if (count === 0) {
    throw decisionConflict(
      await tx.request.findFirstOrThrow({ where: context.visible, select: requestSelect }),
    );
  }
}

async function auditDecision(
  tx: Tx,
  context: {
    id: string;
    actor: AuditActor;
    caller: Caller;
    input: TDecisionBody;
    applied: { connectorId: string | null; gatewayId: string | null } | null;
  },
): Promise<void> {
  const { input, applied } = context;
  await recordAudit(tx, {
    actor: context.actor,
    action: input.decision === "APPROVE" ? "request.approved" : "request.rejected",
    entityType: "Request",
    entityId: context.id,
    before: { status: "PENDING", version: input.version },
    after: {
      status: input.decision === "APPROVE" ? "APPROVED" : "REJECTED",
      version: input.version + 1,
      reason: input.reason,
      decidedById: context.caller.id,
      ...(applied ? { connectorId: applied.connectorId, gatewayId: applied.gatewayId } : {}),
    },
  });
}

/** The request's automation, and for a connector approval every automation of the service. */
async function lockAutomations(tx: Tx, request: DecidedRequest, plan: ApprovalPlan | null): Promise<void> {
  const serviceWide = plan?.kind === "LINK_CONNECTOR" || plan?.kind === "NEW_CONNECTOR";
  const ids = serviceWide && request.service ? await automationsUsingService(tx, request.service) : [];
  await tx.$queryRaw`
    select id from automations where id = any(${[...ids, request.automationId]}::uuid[])
     order by id for update`;
}

/**
 * A connector approval can satisfy automations across the company: every automation of the
 * service re-derives, and owners other than the requester hear that theirs became ready. A
 * gateway or a rejection concerns the request's automation only.
 */
async function rederiveAfterDecision(
  tx: Tx,
  request: DecidedRequest,
  plan: ApprovalPlan | null,
  context: { actor: AuditActor; now: Date; label?: string },
): Promise<void> {
  const cause = plan ? "request.approved" : "request.rejected";
  if ((plan?.kind === "LINK_CONNECTOR" || plan?.kind === "NEW_CONNECTOR") && request.service) {
    await rederiveService(tx, request.service, {
      actor: context.actor,
      now: context.now,
      cause,
      message: `IT approved ${context.label ?? "a connector"} for “${request.service}”.`,
      include: [request.automationId],
      skipOwnersOf: request.automationId,
    });
    return;
  }
  await rederiveAutomations(tx, [request.automationId], { actor: context.actor, cause, now: context.now });
}

async function notifyRequester(
  tx: Tx,
  request: DecidedRequest & { requesterId: string; automation: { name: string } },
  context: { caller: Caller; input: TDecisionBody; label?: string },
): Promise<void> {
  const approved = context.input.decision === "APPROVE";
  const what = request.type === "GATEWAY" ? "gateway request" : `connector request for “${request.service}”`;
  const put = context.label ? ` IT put ${context.label} in place.` : "";
  await notify(tx, [
    {
      userId: request.requesterId,
      kind: approved ? "request.approved" : "request.rejected",
      title: `Your ${what} was ${approved ? "approved" : "rejected"}`,
      body: `${context.caller.name} ${approved ? "approved" : "rejected"} it for “${request.automation.name}”: ${context.input.reason}${put}`,
      link: `/automations/${request.automationId}`,
    },
  ]);
}

/** 409 with the request as it is now, saying who got there first. */
function decisionConflict(current: Parameters<typeof toRequestView>[0]) {
  const view = toRequestView(current);
  const at = view.decidedAt ? ` at ${view.decidedAt.toISOString()}` : "";
  const message = (() => {
    switch (view.status) {
      case "APPROVED":
      case "REJECTED":
        return `Already ${view.status.toLowerCase()} by ${view.decidedBy?.name ?? "another approver"}${at}.`;
      case "WITHDRAWN":
        return `The requester withdrew this request${view.updatedAt ? ` at ${view.updatedAt.toISOString()}` : ""}; there is nothing to decide.`;
      case "CANCELLED":
        return `This request was cancelled${at}: ${view.decisionReason ?? "its automation was retired"}.`;
      default:
        return `This request changed meanwhile (it is now at version ${view.version}). Review it and decide again.`;
    }
  })();
  return conflict(message, { current: view });
}
