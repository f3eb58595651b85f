import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { forbidden, notFound } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";
import { refuseSecrets } from "@/lib/secrets/refuse";

/**
 * A comment on a request, by its requester or an IT approver (a manager may read along, not
 * write). The other side is notified: IT's comment goes to the requester, the requester's to
 * the approver working on it. Refused (422) when it looks like a secret, before anything is
 * written: a pasted key must not end up in a comment, an e-mail or the audit trail.
 */
export async function addComment({ caller, id, body }: { caller: Caller; id: string; body: string }) {
  if (!isUuid(id)) throw notFound("Request");
  refuseSecrets({ body });
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const request = await tx.request.findFirst({
      where: { AND: [{ id }, requestScope(caller)] },
      select: {
        id: true,
        requesterId: true,
        assigneeId: true,
        automationId: true,
        automation: { select: { name: true } },
      },
    });
    if (!request) throw notFound("Request");
    const isRequester = request.requesterId === caller.id;
    if (!isRequester && !can(caller, "request:decide")) {
      throw forbidden("Only the requester and IT approvers can comment on a request.");
    }
    const comment = await tx.requestComment.create({
      data: { requestId: id, authorId: caller.id, body },
      select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
    });
    await recordAudit(tx, {
      actor,
      action: "request.commented",
      entityType: "Request",
      entityId: id,
      after: { commentId: comment.id, length: body.length },
    });
    const recipient = isRequester ? request.assigneeId : request.requesterId;
    if (recipient && recipient !== caller.id) {
      await notify(tx, [
        {
          userId: recipient,
          kind: "request.commented",
          title: `${caller.name} commented on the request for “${request.automation.name}”`,
          body: body.length > 500 ? `${body.slice(0, 500)}…` : body,
          link: isRequester ? `/queue/${id}` : `/automations/${request.automationId}`,
        },
      ]);
    }
    return comment;
  });
}
