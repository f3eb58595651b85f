import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import { prisma, queryPrepared, type Tx } from "@/lib/db";
import { isUuid, toPage } from "@/lib/http/cursor";
import { AppError, conflict, forbidden, notFound } from "@/lib/http/errors";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import type { TCreateRequestBody, TRequestListQuery } from "@/lib/requests/schemas";
import { type RequestListRow, requestPageSql, toRequestListItem } from "@/lib/requests/server/list-sql";
import { type RequestView, requestSelect, toRequestView } from "@/lib/requests/server/views";
import { refuseSecrets } from "@/lib/secrets/refuse";

// Makers file requests for the prerequisites only IT can satisfy (a shared-key connector, a
// gateway) and may withdraw them while pending. Every write is one transaction with its
// audit event and the automation's re-derivation.
//
// LOCK ORDER: the automation row first (FOR UPDATE, or the conditional UPDATE of it), then
// its requests — the order retiring and editing an automation take, and re-derivation's own
// lock on the automation. Taking them the other way round could deadlock against a retirement.

const REQUESTABLE = new Set(["OUTSTANDING", "REJECTED", "EXPIRED"]);

interface LockedAutomation {
  id: string;
  name: string;
  status: string;
  departmentId: string;
}

interface FoundPrerequisite {
  id: string;
  key: string;
  type: string;
  status: string;
  service: string | null;
}

export async function createRequest({
  caller,
  input,
}: {
  caller: Caller;
  input: TCreateRequestBody;
}): Promise<RequestView> {
  refuseSecrets(input);
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    // The automation row is locked first, as every write to an automation and its requests
    // does (see LOCK ORDER above): two requests filed at once for one prerequisite are then
    // checked one after the other, and only one can be PENDING.
    const [automation] = await tx.$queryRaw<LockedAutomation[]>`
      select id, name, status::text as status, "departmentId" from automations
       where id = ${input.automationId}::uuid and "ownerId" = ${caller.id}::uuid
         for update`;
    if (!automation) throw notFound("Automation");
    if (automation.status === "RETIRED") {
      throw conflict("This automation is retired; nothing can be requested for it.");
    }
    const [prerequisite] = await tx.$queryRaw<FoundPrerequisite[]>`
      select p.id, p.key, p.type::text as type, p.status::text as status, s.service
        from prerequisites p left join system_accesses s on s.id = p."systemAccessId"
       where p.id = ${input.prerequisiteId}::uuid and p."automationId" = ${automation.id}::uuid`;
    if (!prerequisite) throw notFound("Prerequisite");
    if (prerequisite.type !== input.type) {
      throw new AppError(
        "UNPROCESSABLE",
        `This prerequisite is a ${prerequisite.type}, not a ${input.type}.`,
        {
          type: `Must be ${prerequisite.type} for this prerequisite.`,
        },
      );
    }
    const pending = await tx.request.findFirst({
      where: { automationId: automation.id, prerequisiteKey: prerequisite.key, status: "PENDING" },
      select: requestSelect,
    });
    if (pending) {
      throw conflict("A request for this prerequisite is already pending.", {
        current: toRequestView(pending),
      });
    }
    if (!REQUESTABLE.has(prerequisite.status)) {
      throw conflict(
        `This prerequisite is ${prerequisite.status}; only OUTSTANDING, REJECTED or EXPIRED ones can be requested.`,
        { current: { id: prerequisite.id, status: prerequisite.status } },
      );
    }
    if (prerequisite.type === "SHARED_KEY_CONNECTOR" && !prerequisite.service) {
      throw new AppError(
        "UNPROCESSABLE",
        "Record the service its key is for before requesting a connector.",
        {
          prerequisiteId: "The system has no service recorded.",
        },
      );
    }

    const { id } = await tx.request.create({
      data: {
        type: input.type,
        requesterId: caller.id,
        automationId: automation.id,
        prerequisiteId: prerequisite.id,
        prerequisiteKey: prerequisite.key,
        departmentId: automation.departmentId,
        service: prerequisite.type === "SHARED_KEY_CONNECTOR" ? prerequisite.service : null,
        justification: input.justification,
        details: input.details,
      },
      select: { id: true },
    });
    await notifyApprovers(tx, caller, {
      id,
      type: input.type,
      service: prerequisite.service,
      automation,
      details: input.details,
    });
    await recordAudit(tx, {
      actor,
      action: "request.created",
      entityType: "Request",
      entityId: id,
      after: {
        type: input.type,
        status: "PENDING",
        automationId: automation.id,
        prerequisiteKey: prerequisite.key,
        service: prerequisite.service,
        details: input.details,
      },
    });
    await rederiveAutomations(tx, [automation.id], { actor, cause: "request.created" });
    return toRequestView(await tx.request.findUniqueOrThrow({ where: { id }, select: requestSelect }));
  });
}

/** One in-app notification (and e-mail, delivered later) per active IT approver but the requester. */
async function notifyApprovers(
  tx: Tx,
  caller: Caller,
  request: {
    id: string;
    type: string;
    service: string | null;
    automation: { name: string };
    details: TCreateRequestBody["details"];
  },
) {
  const approvers = await tx.user.findMany({
    where: { active: true, id: { not: caller.id }, roles: { some: { role: "IT_APPROVER" } } },
    select: { id: true },
  });
  const what =
    request.type === "GATEWAY" ? "access to a gateway" : `a shared-key connector for “${request.service}”`;
  await notify(
    tx,
    approvers.map((approver) => ({
      userId: approver.id,
      kind: "request.created",
      title: request.type === "GATEWAY" ? "New gateway request" : `New connector request: ${request.service}`,
      body: `${caller.name} asks for ${what} for the automation “${request.automation.name}”: ${detailsSummary(request.details)}.`,
      link: `/queue/${request.id}`,
    })),
  );
}

/** One line of what a request names, for IT's notification. */
function detailsSummary(details: TCreateRequestBody["details"]): string {
  if ("vendor" in details) {
    return `${details.vendor} at ${details.baseUrl} (${details.authScheme}, ${details.dataClassification}), scopes ${details.scopes.join(", ")}`;
  }
  return `${details.type} data source ${details.server} / ${details.database} (${details.environment})`;
}

/**
 * Requests the caller may see (own, managed departments, or all for IT), filtered, one keyset
 * page at a time. Newest first, except IT's queue (PENDING, listed by an approver): oldest
 * first, so the longest wait comes first.
 */
export async function listRequests({ caller, query }: { caller: Caller; query: TRequestListQuery }) {
  // One prepared statement sent with pg itself, as the automations list: IT's queue is read
  // all day, and through Prisma's relations the server spent more CPU on it than Postgres.
  const { text, values } = requestPageSql(caller, query, new Date());
  const { rows } = await queryPrepared<RequestListRow>(text, values);
  return toPage(rows, query.limit, (row) => row.createdAt, toRequestListItem);
}

/**
 * The requester takes back a PENDING request. The write is conditional on PENDING (and on
 * `version` when given), so a withdrawal racing IT's decision loses cleanly with a 409.
 */
export async function withdrawRequest({
  caller,
  id,
  version,
}: {
  caller: Caller;
  id: string;
  version?: number;
}): Promise<RequestView> {
  if (!isUuid(id)) throw notFound("Request");
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const visible = { AND: [{ id }, requestScope(caller)] };
    const current = await tx.request.findFirst({ where: visible, select: requestSelect });
    if (!current) throw notFound("Request");
    if (current.requester.id !== caller.id)
      throw forbidden("Only the person who filed a request can withdraw it.");
    await tx.$queryRaw`select id from automations where id = ${current.automationId}::uuid for update`;

    const { count } = await tx.request.updateMany({
      where: { id, requesterId: caller.id, status: "PENDING", ...(version === undefined ? {} : { version }) },
      data: { status: "WITHDRAWN", version: { increment: 1 } },
    });
    if (count === 0) {
      const now = toRequestView(
        (await tx.request.findFirst({ where: visible, select: requestSelect })) ?? current,
      );
      throw conflict(
        now.status === "PENDING"
          ? `This request changed meanwhile (it is now at version ${now.version}). Review it and try again.`
          : `This request is ${now.status} and can no longer be withdrawn.`,
        { current: now },
      );
    }
    await recordAudit(tx, {
      actor,
      action: "request.withdrawn",
      entityType: "Request",
      entityId: id,
      before: { status: "PENDING", version: current.version },
      after: { status: "WITHDRAWN", version: current.version + 1 },
    });
    await rederiveAutomations(tx, [current.automationId], { actor, cause: "request.withdrawn" });
    return toRequestView(await tx.request.findUniqueOrThrow({ where: { id }, select: requestSelect }));
  });
}
