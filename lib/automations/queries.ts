import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { automationScope } from "@/lib/auth/scope";
import { assertAutomationId } from "@/lib/automations/helpers";
import type { TAutomationListQuery } from "@/lib/automations/schemas";
import {
  type AutomationDetail,
  automationSummarySelect,
  loadAutomationDetail,
  loadSummaryExtras,
  toAutomationSummary,
} from "@/lib/automations/views";
import { pool, prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeTimeCursor, toPage } from "@/lib/http/cursor";
import { notFound } from "@/lib/http/errors";

/**
 * The automations the caller may see (scope in the where clause), newest first, filtered,
 * one keyset page at a time.
 */
export async function listAutomations({ caller, query }: { caller: Caller; query: TAutomationListQuery }) {
  const filters: Prisma.AutomationWhereInput[] = [automationScope(caller)];
  if (query.status) filters.push({ status: query.status });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.departmentId) filters.push({ departmentId: query.departmentId });
  if (query.q) {
    filters.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { description: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.cursor) {
    const after = decodeTimeCursor(query.cursor);
    // The redundant `lte` bound is what the index can seek to; the OR alone is only a filter,
    // and a deep page would then read every row above it.
    filters.push({
      createdAt: { lte: after.createdAt },
      OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
    });
  }
  const rows = await prisma.automation.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: automationSummarySelect,
  });
  const extras = await loadSummaryExtras(rows.slice(0, query.limit));
  return toPage(
    rows,
    query.limit,
    (row) => row.createdAt.toISOString(),
    (row) => toAutomationSummary(row, extras.get(row.id)!),
  );
}

/** One automation in the caller's scope; outside it the answer is the same 404 as for none. */
export async function getAutomation({
  caller,
  id,
}: {
  caller: Caller;
  id: string;
}): Promise<AutomationDetail & { history: HistoryEvent[] }> {
  assertAutomationId(id);
  const detail = await loadAutomationDetail(prisma, { AND: [{ id }, automationScope(caller)] }, caller);
  if (!detail) throw notFound("Automation");
  return {
    ...detail,
    history: await loadHistory(
      id,
      detail.requests.map((request) => request.id),
    ),
  };
}

const HISTORY_LIMIT = 100;

interface HistoryEvent {
  id: string;
  action: string;
  actorLabel: string;
  createdAt: Date;
}

/**
 * The automation's timeline from the audit trail: its own events and those of its requests,
 * newest first. Read only after the scope check above, so it never leaks a foreign record.
 */
async function loadHistory(automationId: string, requestIds: string[]): Promise<HistoryEvent[]> {
  // With pg itself: every automation page load runs it, and through Prisma the query costs
  // more CPU than the database work (BENCHMARKS.md).
  const { rows } = await pool().query<HistoryEvent>(
    `select id::text as id, action, "actorLabel", "createdAt" from audit_events
      where ("entityType" = 'Automation' and "entityId" = $1)
         or ("entityType" = 'Request' and "entityId" = any($2::text[]))
      order by "createdAt" desc, id desc
      limit $3`,
    [automationId, requestIds, HISTORY_LIMIT],
  );
  return rows;
}
