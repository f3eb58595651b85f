import "server-only";
import { type AuditActor, recordAudit, recordAuditMany } from "@/lib/audit/server/record-audit";
import type { Tx } from "@/lib/db";
import { notify } from "@/lib/notifications/server/notify";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { statements } from "@/lib/transaction";

// A person leaves: the one place that says what that means, whoever decided it (an ADMIN on
// the people page, or the identity provider over SCIM with active:false or a delete). It runs
// in the caller's transaction, so the leave, its consequences and their audit events commit
// together. Reactivating the person later gives none of it back.

/** Why the person was deactivated, kept in the audit event. */
export type LeaveCause = "ADMIN" | "SCIM_INACTIVE" | "SCIM_DELETE";

export interface LeaveResult {
  /** False when the person was already inactive: nothing was changed or recorded. */
  changed: boolean;
  tokensRevoked: number;
  /** Automations flagged as having lost their owner (ownerMissing LEFT). */
  automationsOrphaned: number;
  requestsCancelled: number;
  /** Credentials they knew and personal Windows accounts of theirs, put back to OUTSTANDING. */
  secretsReopened: number;
  /** Connectors they owned (not revoked) and gateways they administered: flagged for IT. */
  connectorsFlagged: number;
  gatewaysFlagged: number;
}

const NOTHING: LeaveResult = {
  changed: false,
  tokensRevoked: 0,
  automationsOrphaned: 0,
  requestsCancelled: 0,
  secretsReopened: 0,
  connectorsFlagged: 0,
  gatewaysFlagged: 0,
};

export const LEAVER_REQUEST_REASON =
  "Cancelled: the person who asked for this has left. The automation's new owner can ask again.";

export class LastAdminError extends Error {
  constructor() {
    super("At least one active ADMIN must remain. Make someone else ADMIN first.");
    this.name = "LastAdminError";
  }
}

/**
 * Deactivates a person:
 * - their sessions end and their API tokens are revoked for good;
 * - each automation they own (not retired) is flagged ownerMissing LEFT, since now: it joins the
 *   list of automations without an active owner, for a manager to reassign;
 * - every credential they own (a USERNAME_PASSWORD system's credentialOwner) and every Windows
 *   system or desktop flow under their personal account is marked as known by a leaver, and the
 *   engine puts its prerequisite back to OUTSTANDING until a rotation after today is recorded
 *   (or another account is);
 * - their pending requests are cancelled (the prerequisites they were for are derived again) and
 *   their line manager and the managers of those automations' departments are told.
 * Decisions they made stay, attributed to them. Refused (LastAdminError) when it would leave no
 * active ADMIN.
 */
export async function deactivatePerson(
  tx: Tx,
  input: { userId: string; actor: AuditActor; cause: LeaveCause; at?: Date },
): Promise<LeaveResult> {
  const at = input.at ?? new Date();
  const { userId, actor } = input;
  // Conditional on still being active: two leaves of the same person record one event.
  const { count } = await tx.user.updateMany({
    where: { id: userId, active: true },
    data: { active: false, sessionsRevokedAt: at },
  });
  if (count === 0) return NOTHING;
  const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } });
  if (admins === 0) throw new LastAdminError();
  const tokensRevoked = (
    await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } })
  ).count;

  const orphaned = await tx.automation.updateManyAndReturn({
    where: { ownerId: userId, status: { not: "RETIRED" }, ownerMissing: null },
    data: { ownerMissing: "LEFT", ownerMissingSince: at },
    select: { id: true, name: true, departmentId: true },
  });
  const cancelled = await tx.request.updateManyAndReturn({
    where: { requesterId: userId, status: "PENDING" },
    data: {
      status: "CANCELLED",
      decisionReason: LEAVER_REQUEST_REASON,
      decidedAt: at,
      version: { increment: 1 },
    },
    select: { id: true, version: true, automationId: true, departmentId: true },
  });

  const known = await markWhatTheyKnew(tx, userId, at);
  const catalog = await catalogTheyLookedAfter(tx, userId);

  const counts = {
    tokensRevoked,
    automationsOrphaned: orphaned.length,
    requestsCancelled: cancelled.length,
    secretsReopened: known.count,
    connectorsFlagged: catalog.connectors.length,
    gatewaysFlagged: catalog.gateways.length,
  };
  await recordAudit(tx, {
    actor,
    action: "user.deactivated",
    entityType: "User",
    entityId: userId,
    before: { active: true },
    after: { active: false, cause: input.cause, sessionsEnded: true, ...counts },
  });
  await recordAuditMany(tx, [
    ...orphaned.map((automation) => ({
      actor,
      action: "automation.owner_left",
      entityType: "Automation",
      entityId: automation.id,
      before: { ownerMissing: null },
      after: { ownerMissing: "LEFT", ownerMissingSince: at, ownerId: userId },
    })),
    ...cancelled.map((request) => ({
      actor,
      action: "request.cancelled",
      entityType: "Request",
      entityId: request.id,
      before: { status: "PENDING", version: request.version - 1 },
      after: { status: "CANCELLED", version: request.version, reason: LEAVER_REQUEST_REASON, leaver: true },
    })),
  ]);
  const rederive = [...cancelled.map((request) => request.automationId), ...known.automationIds];
  if (rederive.length > 0)
    await rederiveAutomations(tx, rederive, { actor, cause: "user.deactivated", now: at });
  if (orphaned.length > 0 || cancelled.length > 0 || known.count > 0)
    await tellManagers(tx, userId, orphaned, cancelled.length, known.count);
  if (catalog.connectors.length > 0 || catalog.gateways.length > 0) await tellIt(tx, userId, catalog);
  return { changed: true, ...counts };
}

/**
 * Records a person made active again (by an ADMIN or by SCIM): they may sign in again; the
 * tokens, sessions and ownership the leave took stay revoked.
 */
export async function recordReactivation(tx: Tx, actor: AuditActor, userId: string): Promise<void> {
  await recordAudit(tx, {
    actor,
    action: "user.reactivated",
    entityType: "User",
    entityId: userId,
    before: { active: false },
    after: { active: true },
  });
}

/**
 * Marks what the leaver knew: credentials whose recorded owner is their e-mail (or SCIM userName),
 * and Windows accounts that are theirs — not a service account, and named by their e-mail, userName
 * or the e-mail's local part, with or without a DOMAIN\ prefix. Automations not retired only.
 */
async function markWhatTheyKnew(
  tx: Tx,
  userId: string,
  at: Date,
): Promise<{ count: number; automationIds: string[] }> {
  const person = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, scimUserName: true },
  });
  const names = [person.email, person.scimUserName]
    .filter((name): name is string => !!name)
    .map((n) => n.toLowerCase());
  const accounts = [...new Set([...names, person.email.split("@")[0]!.toLowerCase()])];
  const sql = statements(tx);
  const systems = await sql.rows<{ automationId: string }>(
    `update system_accesses s set "knowerLeftAt" = $1
       from automations a
      where s."automationId" = a.id and a.status <> 'RETIRED' and s."knowerLeftAt" is null
        and ((s."signInMethod" = 'USERNAME_PASSWORD' and lower(s."credentialOwner") = any($2::text[]))
          or (s."signInMethod" = 'WINDOWS' and s."windowsAccountType" is distinct from 'SERVICE'
              and lower(regexp_replace(s."windowsAccount", '^.*\\\\', '')) = any($3::text[])))
      returning s."automationId"::text as "automationId"`,
    [at, names, accounts],
  );
  const desktops = await sql.rows<{ id: string }>(
    `update automations set "windowsAccountLeftAt" = $1
      where kind = 'DESKTOP_FLOW' and status <> 'RETIRED' and "windowsAccountLeftAt" is null
        and "windowsAccountType" is distinct from 'SERVICE'
        and lower(regexp_replace("windowsAccount", '^.*\\\\', '')) = any($2::text[])
      returning id::text as id`,
    [at, accounts],
  );
  return {
    count: systems.length + desktops.length,
    automationIds: [...systems.map((row) => row.automationId), ...desktops.map((row) => row.id)],
  };
}

/** One notice to each active manager concerned: the leaver's line manager and their departments' managers. */
async function tellManagers(
  tx: Tx,
  userId: string,
  orphaned: { departmentId: string }[],
  requestsCancelled: number,
  secretsReopened: number,
): Promise<void> {
  const leaver = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, departmentId: true, lineManagerId: true },
  });
  const departmentIds = [
    ...new Set([
      ...orphaned.map((row) => row.departmentId),
      ...(leaver.departmentId ? [leaver.departmentId] : []),
    ]),
  ];
  const managers = await tx.user.findMany({
    where: {
      active: true,
      id: { not: userId },
      OR: [
        ...(leaver.lineManagerId ? [{ id: leaver.lineManagerId }] : []),
        { managedDepartments: { some: { departmentId: { in: departmentIds } } } },
      ],
    },
    select: { id: true },
  });
  const parts = [
    orphaned.length > 0
      ? `${orphaned.length} automation${orphaned.length === 1 ? "" : "s"} they owned need${orphaned.length === 1 ? "s" : ""} a new owner`
      : null,
    requestsCancelled > 0
      ? `${requestsCancelled} pending request${requestsCancelled === 1 ? " was" : "s were"} cancelled`
      : null,
    secretsReopened > 0
      ? `${secretsReopened} credential${secretsReopened === 1 ? " or Windows account they knew needs" : "s or Windows accounts they knew need"} rotating`
      : null,
  ];
  await noticeOfLeaving(tx, managers, {
    kind: "user.left",
    leaver: leaver.name,
    parts,
    link: "/automations",
  });
}

/** "<leaver> has left", and what of theirs needs someone (the parts that apply), to each recipient. */
async function noticeOfLeaving(
  tx: Tx,
  recipients: { id: string }[],
  notice: { kind: string; leaver: string; parts: (string | null)[]; link: string },
): Promise<void> {
  await notify(
    tx,
    recipients.map((recipient) => ({
      userId: recipient.id,
      kind: notice.kind,
      title: `${notice.leaver} has left`,
      body: `${notice.parts.filter(Boolean).join("; ")}.`,
      link: notice.link,
    })),
  );
}

interface CatalogLookedAfter {
  connectors: { id: string; name: string }[];
  gateways: { id: string; name: string }[];
}

/**
 * Connectors (not revoked) whose owner — the owner team's contact, reminded before the key
 * expires — they were, and gateways they administered. The flags themselves are derived on
 * read (the connector's `ownerLeft`, the gateway's `adminsLeft`), so they clear as soon as IT
 * names someone else; this only finds what to tell IT about.
 */
async function catalogTheyLookedAfter(tx: Tx, userId: string): Promise<CatalogLookedAfter> {
  const [connectors, gateways] = await Promise.all([
    tx.connector.findMany({
      where: { ownerId: userId, status: { not: "REVOKED" } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    tx.gateway.findMany({
      where: { admins: { some: { userId } } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return { connectors, gateways };
}

/** One notice to each active IT approver: what in the catalog needs another contact or admin. */
async function tellIt(tx: Tx, userId: string, catalog: CatalogLookedAfter): Promise<void> {
  const leaver = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  const approvers = await tx.user.findMany({
    where: { active: true, id: { not: userId }, roles: { some: { role: "IT_APPROVER" } } },
    select: { id: true },
  });
  const names = (items: { name: string }[]) =>
    items.length <= 5
      ? items.map((item) => item.name).join(", ")
      : `${items
          .slice(0, 5)
          .map((item) => item.name)
          .join(", ")} and ${items.length - 5} more`;
  const parts = [
    catalog.connectors.length > 0
      ? `they owned connector${catalog.connectors.length === 1 ? "" : "s"} ${names(catalog.connectors)}: name a new owner`
      : null,
    catalog.gateways.length > 0
      ? `they administered gateway${catalog.gateways.length === 1 ? "" : "s"} ${names(catalog.gateways)}: name another admin and remove them`
      : null,
  ];
  await noticeOfLeaving(tx, approvers, {
    kind: "user.left.catalog",
    leaver: leaver.name,
    parts,
    link:
      catalog.connectors.length > 0
        ? "/catalog/connectors?ownerLeft=true"
        : "/catalog/gateways?adminLeft=true",
  });
}
