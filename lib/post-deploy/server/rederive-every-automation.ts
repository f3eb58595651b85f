import "server-only";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { pool } from "@/lib/db";
import { notifyOwners, statusChangeMessage } from "@/lib/notifications/server/notify";
import { rederiveAutomations, type StatusChange } from "@/lib/prerequisites/server/rederive";
import { inPgTransaction } from "@/lib/transaction";

// A post-deploy step: re-derives every automation once after a release that changed the
// rules, in batches (each its own short transaction, so the app keeps working meanwhile), then
// writes one audit record for the whole run and tells each owner whose automations changed
// status, once. Safe to run again: a re-derivation that finds nothing to change writes nothing.

export const BATCH_SIZE = 500;

export interface RederiveEveryResult {
  automations: number;
  batches: number;
  changedPrerequisites: number;
  statusChanges: number;
  notifiedOwners: number;
}

export async function rederiveEveryAutomation(options: {
  step: string;
  cause: string;
  /** Told to owners whose automations changed status. */
  ownerMessage: string;
  batchSize?: number;
  now?: Date;
  log?: (line: string) => void;
}): Promise<RederiveEveryResult> {
  const actor = SYSTEM_ACTOR(`post-deploy ${options.step}`);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const result: RederiveEveryResult = {
    automations: 0,
    batches: 0,
    changedPrerequisites: 0,
    statusChanges: 0,
    notifiedOwners: 0,
  };
  const changes: StatusChange[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    // Keyset over the primary key: each batch is one index range, whatever came before.
    const { rows } = await pool().query<{ id: string }>(
      `select id from automations where id > $1::uuid order by id limit $2`,
      [after, batchSize],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const ids = rows.map((row) => row.id);
    const batch = await inPgTransaction((tx) =>
      rederiveAutomations(tx, ids, { actor, cause: options.cause, now: options.now }),
    );
    result.automations += batch.automations;
    result.changedPrerequisites += batch.changedPrerequisites;
    result.statusChanges += batch.statusChanges.length;
    result.batches += 1;
    changes.push(...batch.statusChanges);
    options.log?.(`  re-derived ${result.automations} automations`);
  }
  await inPgTransaction(async (tx) => {
    result.notifiedOwners = await notifyOwners(
      tx,
      changes,
      statusChangeMessage("automation.rederived", options.ownerMessage),
    );
    await recordAudit(tx, {
      actor,
      action: "post_deploy.completed",
      entityType: "PostDeployStep",
      entityId: options.step,
      after: { cause: options.cause, ...result },
    });
  });
  return result;
}
