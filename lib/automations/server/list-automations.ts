import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { TAutomationListQuery } from "@/lib/automations/schemas";
import { type AutomationPageRow, automationPageSql } from "@/lib/automations/server/list-sql";
import { queryPrepared } from "@/lib/db";
import { encodeCursor } from "@/lib/http/cursor";
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
