import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import {
  configuredTransport,
  describeMailError,
  isConnectionError,
  type MailTransport,
  type OutgoingMail,
} from "@/lib/jobs/server/mail";
import { log } from "@/lib/log";
import { reportOutboxPending } from "@/lib/metrics";
import { maskIfSecret } from "@/lib/secrets/mask";

// Delivers the e-mail side of notifications (the outbox rows written with each change).
//
// Rows are claimed with FOR UPDATE SKIP LOCKED, so several app instances (or an instance and
// the CLI) never send the same mail twice at once. A failure leaves the row PENDING with
// attempts + 1 and the error; it is retried after a back-off counted from its creation
// (there is no "next attempt" column: the schedule below needs none), and marked FAILED after
// MAX_ATTEMPTS. A crash after sending but before the commit sends that mail again on the next
// run: delivery is at least once, which beats losing a decision's e-mail.

export const MAX_ATTEMPTS = 8;
/** Seconds after creation before attempt n + 1 may run (index n = attempts so far). */
export const BACKOFF_SECONDS = [0, 60, 300, 900, 3_600, 10_800, 21_600, 43_200];
const BATCH = 20;

interface OutboxRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  email: string;
  active: boolean;
}

export interface OutboxResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

export async function deliverOutbox({
  now = new Date(),
  transport,
}: {
  now?: Date;
  /** Defaults to SMTP_URL's; null (or no SMTP_URL) means e-mail is off. */
  transport?: MailTransport | null;
} = {}): Promise<OutboxResult> {
  const mailer = transport === undefined ? configuredTransport() : transport;
  if (!mailer) return { sent: 0, retrying: 0, failed: 0, skipped: await skipAll() };

  const total: OutboxResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const attempted: string[] = [];
  for (;;) {
    const batch = await prisma.$transaction((tx) => deliverBatch(tx, mailer, now, attempted), {
      maxWait: 10_000,
      timeout: 5 * 60_000,
    });
    total.sent += batch.result.sent;
    total.retrying += batch.result.retrying;
    total.failed += batch.result.failed;
    total.skipped += batch.result.skipped;
    // An unreachable server fails everything after it too: stop and let the back-off work.
    if (batch.claimed < BATCH || batch.serverDown) {
      reportOutboxPending(await prisma.notification.count({ where: { emailStatus: "PENDING" } }));
      return total;
    }
  }
}

/** Without SMTP the in-app notification is all there is: the e-mail is marked SKIPPED. */
async function skipAll(): Promise<number> {
  return prisma.notification
    .updateMany({
      where: { emailStatus: "PENDING" },
      data: { emailStatus: "SKIPPED" },
    })
    .then((result) => result.count);
}

async function deliverBatch(tx: Tx, mailer: MailTransport, now: Date, attempted: string[]) {
  // Each row at most once per run: a failed row whose back-off has passed (the clock of a
  // long outage) must wait for the next run, not be retried in a loop.
  const rows = await tx.$queryRaw<OutboxRow[]>`
    select n.id, n.title, n.body, n.link, u.email, u.active
      from notifications n join users u on u.id = n."userId"
     where n."emailStatus" = 'PENDING'
       and n."createdAt" + make_interval(secs => (${BACKOFF_SECONDS}::int[])[least(n.attempts, ${MAX_ATTEMPTS - 1}) + 1]) <= ${now}::timestamptz
       and n.id <> all(${attempted}::uuid[])
     order by n."createdAt", n.id
     limit ${BATCH}
     for update of n skip locked`;
  attempted.push(...rows.map((row) => row.id));

  const sent: string[] = [];
  const failures: Array<{ id: string; error: string }> = [];
  const skipped = rows.filter((row) => !row.active).map((row) => row.id);
  let serverDown: string | null = null;
  for (const row of rows.filter((r) => r.active)) {
    if (serverDown) {
      failures.push({ id: row.id, error: serverDown });
      continue;
    }
    try {
      await mailer.sendMail({ from: env().MAIL_FROM, ...toMail(row) });
      sent.push(row.id);
    } catch (error) {
      const message = describeMailError(error);
      failures.push({ id: row.id, error: message });
      if (isConnectionError(error)) serverDown = message;
    }
  }
  await markSent(tx, sent, now);
  const outcome = await markFailed(tx, failures);
  await tx.notification.updateMany({ where: { id: { in: skipped } }, data: { emailStatus: "SKIPPED" } });
  if (serverDown) log().warn({ err: serverDown }, "outbox: mail server unreachable; will retry");
  return {
    claimed: rows.length,
    serverDown: serverDown !== null,
    result: { sent: sent.length, ...outcome, skipped: skipped.length },
  };
}

function toMail(row: OutboxRow): OutgoingMail {
  const link = row.link ? `\n\nOpen in Preflight: ${new URL(row.link, env().APP_URL).toString()}` : "";
  // A text quoting something written before the secret rules existed goes out masked.
  return {
    to: row.email,
    subject: `[Preflight] ${maskIfSecret(row.title)}`,
    text: `${maskIfSecret(row.body)}${link}\n\n— Preflight. You get this e-mail because of your role in the automations or requests it concerns.`,
  };
}

async function markSent(tx: Tx, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.notification.updateMany({
    where: { id: { in: ids } },
    data: { emailStatus: "SENT", sentAt: now, attempts: { increment: 1 }, lastError: null },
  });
}

async function markFailed(tx: Tx, failures: Array<{ id: string; error: string }>) {
  if (failures.length === 0) return { retrying: 0, failed: 0 };
  const rows = await tx.$queryRaw<Array<{ status: string }>>`
    update notifications n
       set attempts = n.attempts + 1, "lastError" = f.error,
           "emailStatus" = case when n.attempts + 1 >= ${MAX_ATTEMPTS} then 'FAILED' else 'PENDING' end::"DeliveryStatus"
      from unnest(${failures.map((f) => f.id)}::uuid[], ${failures.map((f) => f.error)}::text[]) as f(id, error)
     where n.id = f.id
    returning n."emailStatus"::text as status`;
  const failed = rows.filter((row) => row.status === "FAILED").length;
  return { retrying: rows.length - failed, failed };
}
