import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { VersionedChange } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { conflict, notFound, unprocessable } from "@/lib/http/errors";
import { type RequestView, requestSelect, toRequestView } from "@/lib/requests/server/views";

/**
 * An IT approver takes a pending request ("assign to self"), so colleagues see it is being
 * worked on. Conditional on PENDING and the version read, like every write to a request.
 */
export async function assignRequest({ caller, id, version }: VersionedChange): Promise<RequestView> {
  if (!isUuid(id)) throw notFound("Request");
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const visible = { AND: [{ id }, requestScope(caller)] };
    const current = await tx.request.findFirst({
      where: visible,
      select: { ...requestSelect, requesterId: true, assigneeId: true },
    });
    if (!current) throw notFound("Request");
    if (current.requesterId === caller.id) {
      throw unprocessable("You filed this request; another IT approver must take it.", {
        version: "Nobody works on their own request.",
      });
    }
    const { count } = await tx.request.updateMany({
      where: { id, status: "PENDING", version },
      data: { assigneeId: caller.id, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = toRequestView(
        (await tx.request.findFirst({ where: visible, select: requestSelect })) ?? current,
      );
      throw conflict(
        now.status === "PENDING"
          ? `This request changed meanwhile (it is now at version ${now.version}${now.assignee ? `, assigned to ${now.assignee.name}` : ""}). Review it and try again.`
          : `This request is ${now.status}; only pending requests can be assigned.`,
        { current: now },
      );
    }
    await recordAudit(tx, {
      actor,
      action: "request.assigned",
      entityType: "Request",
      entityId: id,
      before: { assigneeId: current.assigneeId, version },
      after: { assigneeId: caller.id, version: version + 1 },
    });
    return toRequestView(await tx.request.findUniqueOrThrow({ where: { id }, select: requestSelect }));
  });
}
