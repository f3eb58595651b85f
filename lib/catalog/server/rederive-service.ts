import "server-only";
import type { AuditActor } from "@/lib/audit/server/record-audit";
import { automationsUsingService } from "@/lib/catalog/server/dependents";
import type { Tx } from "@/lib/db";
import { notifyOwners, statusChangeMessage } from "@/lib/notifications/server/notify";
import { type RederiveResult, rederiveAutomations } from "@/lib/prerequisites/server/rederive";

/**
 * After a change to what satisfies a service's shared-key prerequisites (a connector added,
 * approved, renewed, re-shared, expired): every automation that signs in to the service
 * re-derives, set-based, in the caller's transaction, and the owners of those whose status
 * changed get one notification each. `skipOwnersOf` leaves out an automation whose owner is
 * told otherwise (the requester, by the decision itself).
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
): Promise<RederiveResult> {
  const ids = await automationsUsingService(tx, service);
  const result = await rederiveAutomations(tx, [...ids, ...(options.include ?? [])], {
    actor: options.actor,
    cause: options.cause,
    now: options.now,
  });
  await notifyOwners(
    tx,
    result.statusChanges.filter((change) => change.automationId !== options.skipOwnersOf),
    statusChangeMessage(options.cause, options.message),
  );
  return result;
}
