import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { badRequest, conflict, unprocessable } from "@/lib/http/errors";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_TTL_HOURS, ZIdempotencyKey } from "@/lib/http/idempotency";
import { log } from "@/lib/log";
import { statements, type Transaction } from "@/lib/transaction";

// Idempotency keys in PostgreSQL (decision 020).
//
// Before the operation runs, a key already stored answers for it: its first answer replayed,
// 422 when it came with another body, 409 while its first request has no answer yet. Otherwise
// the operation runs with the key pending, and the key is inserted, "in progress", in the
// transaction of the change it guards: the first audit event the operation records claims it
// (every write records one, in its own transaction). The key and the record are committed
// together or not at all:
//   - a request refused or failed (a 503 half-way) leaves no key, and its retry runs afresh;
//   - two copies at once: the second's insert waits on the unique (user, route, key) until the
//     first commits, finds it taken and is refused 409, its transaction rolled back;
//   - a process that dies after the commit leaves the key in progress: retries are 409 until it
//     expires, never a second record.
// The answer is stored on the row once the operation has answered.

interface Pending {
  userId: string;
  route: string;
  key: string;
  requestHash: string;
  /** Set once a transaction of the operation has inserted the key. */
  claimedId?: string;
}

const pending = new AsyncLocalStorage<Pending>();

export type IdempotentLookup = { kind: "run" } | { kind: "replay"; status: number; body: string };

/** The header's key, or null when none was sent; 400 naming the header when it is malformed. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const raw = headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  const result = ZIdempotencyKey.safeParse(raw);
  if (result.success) return result.data;
  const problem = result.error.issues[0]?.message ?? "Invalid.";
  throw badRequest(`Invalid ${IDEMPOTENCY_HEADER} header: ${problem}`, { [IDEMPOTENCY_HEADER]: problem });
}

/** SHA-256 of the body as parsed (before validation), in hex. */
export function requestHash(body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(body ?? null))
    .digest("hex");
}

const inProgress = () =>
  conflict(
    `A request with this ${IDEMPOTENCY_HEADER} is still in progress (or its answer was lost); retry in a moment, or look the record up.`,
  );

interface Stored {
  id: string;
  requestHash: string;
  status: number | null;
  body: string | null;
  expired: boolean;
}

/** What a key already stored says about this request: run it, or replay the first answer. */
export async function lookUpIdempotencyKey(input: Omit<Pending, "claimedId">): Promise<IdempotentLookup> {
  const [stored] = await prisma.$queryRaw<Stored[]>`
    select id::text as id, "requestHash" as "requestHash", status, body, "expiresAt" <= now() as expired
      from idempotency_keys
     where "userId" = ${input.userId}::uuid and route = ${input.route} and key = ${input.key}`;
  if (!stored) return { kind: "run" };
  if (stored.expired) {
    await prisma.$executeRaw`delete from idempotency_keys where id = ${stored.id}::uuid and "expiresAt" <= now()`;
    return { kind: "run" };
  }
  if (stored.requestHash !== input.requestHash) {
    throw unprocessable(
      `This ${IDEMPOTENCY_HEADER} was sent before with another request body; send a new key for a new request.`,
      { [IDEMPOTENCY_HEADER]: "Already used with another request body." },
    );
  }
  if (stored.status === null || stored.body === null) throw inProgress();
  return { kind: "replay", status: stored.status, body: stored.body };
}

/** Runs the operation with the key pending: its first audited transaction records the key. */
export function withIdempotencyKey<T>(key: Omit<Pending, "claimedId">, work: () => Promise<T>) {
  const context: Pending = { ...key };
  return { context, run: () => pending.run(context, work) };
}

/**
 * Records the pending key, if any, in the transaction `tx` (recordAudit calls this). 409 when
 * another copy of the request has recorded it first: the transaction, and its change, roll back.
 */
export async function claimPendingIdempotencyKey(tx: Transaction): Promise<void> {
  const current = pending.getStore();
  if (!current || current.claimedId) return;
  const [claimed] = await statements(tx).rows<{ id: string }>(
    `insert into idempotency_keys ("userId", route, key, "requestHash", "expiresAt")
     values ($1::uuid, $2, $3, $4, now() + make_interval(hours => $5::int))
     on conflict ("userId", route, key) do nothing
     returning id::text as id`,
    [current.userId, current.route, current.key, current.requestHash, IDEMPOTENCY_TTL_HOURS],
  );
  if (!claimed) throw inProgress();
  current.claimedId = claimed.id;
}

/**
 * Keeps the operation's (successful) answer for the key's retries. When no transaction of the
 * operation recorded the key (or the one that did rolled back), it is recorded now, with it.
 */
export async function storeIdempotentAnswer(context: Pending, status: number, body: string): Promise<void> {
  try {
    const updated = context.claimedId
      ? await prisma.$executeRaw`
          update idempotency_keys set status = ${status}, body = ${body} where id = ${context.claimedId}::uuid`
      : 0;
    if (updated > 0) return;
    await prisma.$executeRaw`
      insert into idempotency_keys ("userId", route, key, "requestHash", status, body, "expiresAt")
      values (${context.userId}::uuid, ${context.route}, ${context.key}, ${context.requestHash}, ${status}, ${body},
              now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}::int))
      on conflict ("userId", route, key) do nothing`;
  } catch (error) {
    // The operation has committed: its answer goes out. A retry is answered 409 until the key
    // expires, never with a second record.
    log().error(
      { err: error instanceof Error ? error.message : String(error) },
      "idempotency key: answer not stored",
    );
  }
}

/** Removes keys past their 24 hours; part of the daily key-expiry job. */
export async function deleteExpiredIdempotencyKeys(): Promise<number> {
  return prisma.$executeRaw`delete from idempotency_keys where "expiresAt" <= now()`;
}
