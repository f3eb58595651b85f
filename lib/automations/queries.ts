import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { type HistoryEvent, loadAutomationPage } from "@/lib/automations/detail-sql";
import { assertAutomationId } from "@/lib/automations/helpers";
import { type AutomationPageRow, automationPageSql } from "@/lib/automations/list-sql";
import type { TAutomationListQuery } from "@/lib/automations/schemas";
import { type AutomationDetail, toAutomationDetail } from "@/lib/automations/views";
import { queryPrepared } from "@/lib/db";
import { encodeCursor } from "@/lib/http/cursor";
import { notFound } from "@/lib/http/errors";
import { JsonText } from "@/lib/http/json-text";

/**
 * The automations the caller may see (scope in the where clause), newest first, filtered,
 * one keyset page at a time, as the API's JSON.
 */
export async function listAutomations({ caller, query }: { caller: Caller; query: TAutomationListQuery }) {
  // One prepared statement sent with pg itself: every list view runs it, and through Prisma
  // (a findMany, then a second statement for the counts) the server spent more CPU than
  // Postgres. Each combination of filters is its own statement, planned once per connection.
  const { text, values } = automationPageSql(caller, query);
  const { rows } = await queryPrepared<AutomationPageRow>(text, values);
  const page = rows[0]!;
  const nextCursor =
    page.more && page.cursorAt && page.cursorId ? encodeCursor(page.cursorAt, page.cursorId) : null;
  return new JsonText(`{"items":${page.items},"nextCursor":${JSON.stringify(nextCursor)}}`);
}

/** One automation in the caller's scope; outside it the answer is the same 404 as for none. */
export async function getAutomation({
  caller,
  id,
  now = new Date(),
}: {
  caller: Caller;
  id: string;
  now?: Date;
}): Promise<AutomationDetail & { history: HistoryEvent[] }> {
  assertAutomationId(id);
  // The history is read in the same statement, after the scope check in its where clause,
  // so it never leaks a foreign record.
  const page = await loadAutomationPage(caller, id);
  if (!page) throw notFound("Automation");
  return { ...toAutomationDetail(page.row, page.connectors, caller, now), history: page.history };
}
