import "server-only";
import type { StatusChange } from "@/lib/prerequisites/server/rederive";
import { statements, type Transaction } from "@/lib/transaction";

// The outbox: a notification row is the in-app message and its pending e-mail at once. It is
// written with the transaction of the change that causes it, so a change and its message
// commit or roll back together; lib/jobs/server/outbox.ts delivers the e-mail later, with retries.

export interface NotificationRow {
  userId: string;
  /** What happened, e.g. "request.approved"; the bell groups and icons by it. */
  kind: string;
  title: string;
  body: string;
  /** A path inside Preflight ("/queue/<id>"), never an outside address. */
  link?: string | null;
  /** Sends at most once: a second row with the same key is silently skipped. */
  dedupeKey?: string | null;
}

/**
 * Writes notifications in the caller's transaction; returns how many were new. One INSERT …
 * SELECT FROM unnest whatever the number: Prisma's createMany spends seconds building the
 * statement for the thousands of owners a company-wide connector reaches, and splits it.
 */
export async function notify(tx: Transaction, rows: readonly NotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return statements(tx).run(
    `insert into notifications ("userId", kind, title, body, link, "dedupeKey")
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     on conflict ("dedupeKey") do nothing`,
    [
      rows.map((row) => row.userId),
      rows.map((row) => row.kind),
      rows.map((row) => row.title),
      rows.map((row) => row.body),
      rows.map((row) => row.link ?? null),
      rows.map((row) => row.dedupeKey ?? null),
    ],
  );
}

/**
 * One notification per owner whose automations changed status, however many of them did:
 * a connector shared with the whole company must not send one person a thousand messages.
 */
export async function notifyOwners(
  tx: Transaction,
  changes: readonly StatusChange[],
  message: (changes: StatusChange[]) => Omit<NotificationRow, "userId">,
): Promise<number> {
  const byOwner = new Map<string, StatusChange[]>();
  for (const change of changes) {
    const list = byOwner.get(change.ownerId);
    if (list) list.push(change);
    else byOwner.set(change.ownerId, [change]);
  }
  return notify(
    tx,
    [...byOwner].map(([userId, owned]) => ({ userId, ...message(owned) })),
  );
}

/** "“Vendor sync”" or "3 of your automations", for notification texts. */
export function describeAutomations(changes: readonly StatusChange[]): string {
  const [first] = changes;
  if (changes.length === 1 && first) return `“${first.name}”`;
  return `${changes.length} of your automations`;
}

/** The page that shows them: the automation itself, or the list filtered by the new status. */
export function automationsLink(changes: readonly StatusChange[]): string {
  const [first] = changes;
  if (changes.length === 1 && first) return `/automations/${first.automationId}`;
  return `/automations?status=${first?.after ?? ""}`;
}

const STATUS_WORDS: Record<string, { one: string; many: string }> = {
  READY: { one: "is ready to run", many: "are ready to run" },
  BLOCKED: { one: "is blocked", many: "are blocked" },
  PENDING: { one: "is waiting for prerequisites", many: "are waiting for prerequisites" },
};

/**
 * The message for owners whose automations changed status because of a catalog change or a
 * decision: `cause` says what happened ("Gateway “gw-1” went OFFLINE.").
 */
export function statusChangeMessage(kind: string, cause: string) {
  return (changes: StatusChange[]): Omit<NotificationRow, "userId"> => {
    const statuses = new Set(changes.map((change) => change.after));
    const [only] = statuses;
    const words = statuses.size === 1 && only ? STATUS_WORDS[only] : undefined;
    const subject = describeAutomations(changes);
    const title = words
      ? `${subject} ${changes.length === 1 ? words.one : words.many}`
      : `${subject} changed status`;
    const names = changes.slice(0, 5).map((change) => `“${change.name}” (${change.after})`);
    const more = changes.length > 5 ? ` and ${changes.length - 5} more` : "";
    return {
      kind,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      body: changes.length === 1 ? cause : `${cause} Affected: ${names.join(", ")}${more}.`,
      link: automationsLink(changes),
    };
  };
}
