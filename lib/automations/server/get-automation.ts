import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { assertAutomationId } from "@/lib/automations/server/automation-writes";
import { type HistoryEvent, loadAutomationPage } from "@/lib/automations/server/detail-sql";
import { type AutomationDetail, toAutomationDetail } from "@/lib/automations/server/views";
import { notFound } from "@/lib/http/errors";

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
