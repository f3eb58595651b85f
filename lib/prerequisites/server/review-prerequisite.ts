import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { prerequisiteTitle } from "@/lib/automations/labels";
import { assertAutomationId } from "@/lib/automations/server/automation-writes";
import { type AutomationView, readAutomation } from "@/lib/automations/server/get-automation";
import { prisma } from "@/lib/db";
import { isUuid } from "@/lib/http/cursor";
import { conflict, notFound, unprocessable } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";
import type { TReviewPrerequisiteBody } from "@/lib/prerequisites/schemas";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { refuseSecrets } from "@/lib/secrets/refuse";

// IT's review of what a maker declared (a credential reference, a Windows account, who runs
// it): VERIFIED — IT confirmed it — or SENT_BACK with a reason, which makes the prerequisite
// OUTSTANDING again until the maker declares something else. The review is kept by the
// prerequisite's key with the declaration it reviewed, so re-derivation applies it for as long
// as that declaration stands (lib/domain: `declared`). One transaction: the review, its audit
// event, the re-derivation and the owner's notification.
//
// RACE-SAFE: the automation row is locked first (the lock order of every automation write),
// then the prerequisite is read; two reviewers at once review one after the other, and the
// second sees the first's outcome.

const ACTION = { VERIFIED: "prerequisite.verified", SENT_BACK: "prerequisite.sent_back" } as const;

export async function reviewPrerequisite({
  caller,
  automationId,
  prerequisiteId,
  input,
}: {
  caller: Caller;
  automationId: string;
  prerequisiteId: string;
  input: TReviewPrerequisiteBody;
}): Promise<AutomationView> {
  assertAutomationId(automationId);
  if (!isUuid(prerequisiteId)) throw notFound("Prerequisite");
  refuseSecrets(input);
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const current = await readAutomation(caller, automationId, { tx });
    if (!current) throw notFound("Automation");
    await tx.$queryRaw`select id from automations where id = ${automationId}::uuid for update`;
    const prerequisite = await tx.prerequisite.findFirst({
      where: { id: prerequisiteId, automationId },
      select: {
        id: true,
        key: true,
        type: true,
        status: true,
        basis: true,
        satisfiedBy: true,
        systemAccessId: true,
      },
    });
    if (!prerequisite) throw notFound("Prerequisite");
    if (current.ownerId === caller.id) {
      throw unprocessable("You own this automation; another IT approver must review what it declares.", {
        outcome: "Nobody reviews their own declarations.",
      });
    }
    if (current.status === "RETIRED") {
      throw conflict("This automation is retired; its declarations are no longer reviewed.", { current });
    }
    const declaration = prerequisite.satisfiedBy;
    const reviewable =
      prerequisite.status === "SATISFIED" &&
      declaration !== null &&
      (prerequisite.basis === "DECLARED" ||
        (prerequisite.basis === "VERIFIED" && input.outcome === "SENT_BACK"));
    if (!reviewable) throw notReviewable(prerequisite, input, current);
    if (input.declaration !== undefined && input.declaration !== declaration) {
      throw conflict(
        "The maker declared something else since you looked: review the declaration as it is now.",
        { current },
      );
    }

    const now = new Date();
    const review = {
      outcome: input.outcome,
      declaration,
      reason: input.reason ?? null,
      reviewerId: caller.id,
    };
    await tx.prerequisiteReview.upsert({
      where: { automationId_key: { automationId, key: prerequisite.key } },
      create: { automationId, key: prerequisite.key, ...review, createdAt: now },
      update: { ...review, createdAt: now },
    });
    await recordAudit(tx, {
      actor,
      action: ACTION[input.outcome],
      entityType: "Automation",
      entityId: automationId,
      before: { prerequisite: prerequisite.key, status: prerequisite.status, basis: prerequisite.basis },
      after: {
        prerequisite: prerequisite.key,
        outcome: input.outcome,
        declaration,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    await rederiveAutomations(tx, [automationId], { actor, cause: ACTION[input.outcome], now });

    const systemName = current.systems.find((s) => s.id === prerequisite.systemAccessId)?.name ?? null;
    const what = prerequisiteTitle({ type: prerequisite.type, systemName });
    await notify(tx, [
      {
        userId: current.ownerId,
        kind: ACTION[input.outcome],
        title:
          input.outcome === "VERIFIED"
            ? `IT verified the ${lowerFirst(what)} of “${current.name}”`
            : `IT sent back the ${lowerFirst(what)} of “${current.name}”`,
        body:
          input.outcome === "VERIFIED"
            ? `${caller.name} confirmed what you declared: ${declaration}.`
            : `${caller.name} sent back what you declared (${declaration}): “${input.reason}”. Declare something else that addresses it.`,
        link: `/automations/${automationId}`,
      },
    ]);
    return (await readAutomation(caller, automationId, { tx }))!;
  });
}

function notReviewable(
  prerequisite: { status: string; basis: string | null },
  input: TReviewPrerequisiteBody,
  current: AutomationView,
) {
  if (prerequisite.status !== "SATISFIED") {
    return conflict("Only a satisfied declaration can be reviewed; this prerequisite is not satisfied now.", {
      current,
    });
  }
  if (prerequisite.basis === "APPROVED") {
    return conflict(
      "IT approved this one (a connector or a gateway); only what a maker declares is reviewed.",
      {
        current,
      },
    );
  }
  return conflict(
    input.outcome === "VERIFIED"
      ? "IT has verified this declaration already."
      : "This cannot be reviewed now.",
    { current },
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
