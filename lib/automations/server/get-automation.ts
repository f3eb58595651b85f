import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { assertAutomationId } from "@/lib/automations/server/automation-writes";
import { loadAutomationPage } from "@/lib/automations/server/detail-sql";
import { toHistory } from "@/lib/automations/server/history";
import { toAutomationDetail } from "@/lib/automations/server/views";
import { notFound } from "@/lib/http/errors";
import type { Transaction } from "@/lib/transaction";

/**
 * The automation as the API answers it, or null outside the caller's scope. The one read of
 * an automation: pages read it on their own, writes inside their transaction (`tx`). The
 * history comes from the same statement, after its scope check, so it never leaks.
 */
export async function readAutomation(
  caller: Caller,
  id: string,
  options: { tx?: Transaction; now?: Date } = {},
) {
  const page = await loadAutomationPage(caller, id, options.tx);
  if (!page) return null;
  const detail = toAutomationDetail(page.row, page.connectors, caller, options.now ?? new Date());
  return { ...detail, history: toHistory(page.history, detail) };
}

export type AutomationView = NonNullable<Awaited<ReturnType<typeof readAutomation>>>;

/** One automation in the caller's scope; outside it the answer is the same 404 as for none. */
export async function getAutomation({ caller, id, now }: { caller: Caller; id: string; now?: Date }) {
  assertAutomationId(id);
  const automation = await readAutomation(caller, id, { now });
  if (!automation) throw notFound("Automation");
  return automation;
}
