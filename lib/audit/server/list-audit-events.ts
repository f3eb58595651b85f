import "server-only";
import { auditWindow, type TAuditFilters, type TAuditListQuery } from "@/lib/audit/schemas";
import type { Caller } from "@/lib/auth/server/caller";
import { auditScope } from "@/lib/auth/server/scope";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { badRequest } from "@/lib/http/errors";
import { maskJson } from "@/lib/secrets/mask";

// Reading the audit trail (IT_APPROVER, ADMIN: the route checks `audit:read`; the trail is
// company-wide, so there is no narrower scope to put in the where clause). Newest first by id
// — the order events were written — keyset-paginated on the id (the primary key), so deep
// pages and the CSV export cost what the first page does. Not on createdAt: one bulk
// re-derivation writes thousands of events with the same timestamp, and a (createdAt, id)
// keyset without an index on both would rescan those ties for every page.

export const auditSelect = {
  id: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  createdAt: true,
} satisfies Prisma.AuditEventSelect;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>;

export function auditWhere(filters: TAuditFilters): Prisma.AuditEventWhereInput {
  const window = auditWindow(filters);
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(window.gte || window.lt ? { createdAt: window } : {}),
  };
}

/** Rows after the one with id `afterId` (exclusive) in the trail's order: newest first. */
export function auditAfter(afterId: bigint | null): Prisma.AuditEventWhereInput {
  return afterId === null ? {} : { id: { lt: afterId } };
}

export const AUDIT_ORDER = [{ id: "desc" }] satisfies Prisma.AuditEventOrderByWithRelationInput[];

/**
 * Ids are bigints; JSON has no such number, so they travel as strings. A value recorded
 * before the secret rules existed that fails them (a password typed as a reference) is shown
 * masked; the stored event is never rewritten.
 */
export function toAuditView(row: AuditRow) {
  return { ...row, id: row.id.toString(), before: maskJson(row.before), after: maskJson(row.after) };
}

export async function listAuditEvents({ caller, query }: { caller: Caller; query: TAuditListQuery }) {
  const rows = await prisma.auditEvent.findMany({
    where: {
      AND: [
        auditScope(caller),
        auditWhere(query),
        auditAfter(query.cursor ? decodeAuditCursor(query.cursor) : null),
      ],
    },
    orderBy: AUDIT_ORDER,
    take: query.limit + 1,
    select: auditSelect,
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toAuditView),
    nextCursor: more && last ? Buffer.from(`audit|${last.id}`, "utf8").toString("base64url") : null,
  };
}

function decodeAuditCursor(cursor: string): bigint {
  const match = /^audit\|(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1]) {
    throw badRequest("Invalid query parameters.", {
      cursor: "Not a cursor from this API; start from the first page.",
    });
  }
  return BigInt(match[1]);
}
