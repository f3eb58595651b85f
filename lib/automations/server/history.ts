import "server-only";
import { type HistorySource, historyLines } from "@/lib/automations/history";
import { prerequisiteTitle } from "@/lib/automations/labels";
import type { AutomationDetail } from "@/lib/automations/server/views";
import { maskIfSecret } from "@/lib/secrets/mask";

/**
 * The history as the API answers it: plain sentences, told with the prerequisites' and
 * systems' names as the automation has them now (masked like the rest of its page).
 */
export function toHistory(
  events: ReadonlyArray<HistorySource>,
  automation: Pick<AutomationDetail, "prerequisites" | "systems">,
) {
  const titles = new Map(automation.prerequisites.map((p) => [p.key, prerequisiteTitle(p)]));
  const onPremisesSystems = automation.systems
    .filter((system) => system.location === "ON_PREMISES")
    .map((system) => system.name);
  const named = events.map((event) => ({
    ...event,
    gatewayName: maskIfSecret(event.gatewayName),
    connectorName: maskIfSecret(event.connectorName),
  }));
  return historyLines(named, { titles, onPremisesSystems });
}
