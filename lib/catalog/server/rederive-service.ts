import "server-only";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import { automationsUsingService } from "@/lib/catalog/server/dependents";
import type { Tx } from "@/lib/db";
import { notifyOwners, statusChangeMessage } from "@/lib/notifications/server/notify";
import { type RederiveSummary, rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { rederiveServiceSlice } from "@/lib/prerequisites/server/rederive-slice";

/**
 * After a change to what satisfies a service's shared-key prerequisites (a connector added,
 * approved, renewed, re-shared, expired): the shared-key prerequisites of the service are
 * re-derived for every automation that signs in to it, set-based, in the caller's transaction
 * (rederiveServiceSlice: nothing else of theirs can have changed), and the owners of those whose
 * status changed get one notification each. `include` names automations whose own facts changed
 * too (a request decided): those re-derive whole. `skipOwnersOf` leaves out an automation whose
 * owner is told otherwise (the requester, by the decision itself).
 */
export async function rederiveService(
  tx: Tx,
  service: string,
  options: {
    actor: AuditActor;
    now: Date;
    cause: string;
    /** What happened, in a sentence for the owners' notification. */
    message: string;
    include?: readonly string[];
    skipOwnersOf?: string;
  },
): Promise<RederiveSummary> {
  const include = new Set(options.include ?? []);
  const ids = (await automationsUsingService(tx, service)).filter((id) => !include.has(id));
  const how = { actor: options.actor, cause: options.cause, now: options.now };
  const slice = await rederiveServiceSlice(tx, [service], ids, how);
  const whole = await rederiveAutomations(tx, [...include], how);
  const result: RederiveSummary = {
    automations: slice.automations + whole.automations,
    changedPrerequisites: slice.changedPrerequisites + whole.changedPrerequisites,
    statusChanges: [...slice.statusChanges, ...whole.statusChanges],
  };
  await notifyOwners(
    tx,
    result.statusChanges.filter((change) => change.automationId !== options.skipOwnersOf),
    statusChangeMessage(options.cause, options.message),
  );
  return result;
}
