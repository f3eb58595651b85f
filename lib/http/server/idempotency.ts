import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { badRequest, conflict, unprocessable } from "@/lib/http/errors";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_TTL_HOURS, ZIdempotencyKey } from "@/lib/http/idempotency";
import { log } from "@/lib/log";

// Idempotency keys in PostgreSQL (decision 020). Insert first: a row "in progress" (no status)
// is claimed by a unique (user, route, key) insert before the operation runs, so two copies of
// one request sent at once cannot both run: the second finds the row and is answered 409. The
// first answer is stored when it is a success; a refused or failed request removes its row
// (it wrote nothing, so a retry may run again).

export type IdempotencyClaim = { kind: "run"; id: string } | { kind: "replay"; status: number; body: string };

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

interface Stored {
  id: string;
  requestHash: string;
  status: number | null;
  body: string | null;
  expired: boolean;
}

/** Claims the key for this request, or gives the first answer to replay. */
export async function claimIdempotencyKey(input: {
  userId: string;
  route: string;
  key: string;
  requestHash: string;
}): Promise<IdempotencyClaim> {
  const { userId, route, key } = input;
  // Twice at most: a key found expired is removed and claimed anew.
  for (let attempt = 0; attempt < 2; attempt++) {
    const [claimed] = await prisma.$queryRaw<{ id: string }[]>`
      insert into idempotency_keys ("userId", route, key, "requestHash", "expiresAt")
      values (${userId}::uuid, ${route}, ${key}, ${input.requestHash},
              now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}::int))
      on conflict ("userId", route, key) do nothing
      returning id::text as id`;
    if (claimed) return { kind: "run", id: claimed.id };
    const [stored] = await prisma.$queryRaw<Stored[]>`
      select id::text as id, "requestHash" as "requestHash", status, body, "expiresAt" <= now() as expired
        from idempotency_keys where "userId" = ${userId}::uuid and route = ${route} and key = ${key}`;
    if (!stored) continue;
    if (stored.expired) {
      await prisma.$executeRaw`delete from idempotency_keys where id = ${stored.id}::uuid and "expiresAt" <= now()`;
      continue;
    }
    if (stored.requestHash !== input.requestHash) {
      throw unprocessable(
        `This ${IDEMPOTENCY_HEADER} was sent before with another request body; send a new key for a new request.`,
        { [IDEMPOTENCY_HEADER]: "Already used with another request body." },
      );
    }
    if (stored.status === null || stored.body === null) {
      throw conflict(
        `A request with this ${IDEMPOTENCY_HEADER} is still in progress (or its answer was lost); retry in a moment, or look the record up.`,
      );
    }
    return { kind: "replay", status: stored.status, body: stored.body };
  }
  throw conflict(`A request with this ${IDEMPOTENCY_HEADER} is still in progress; retry in a moment.`);
}

/** Keeps the first (successful) answer for the key's retries. */
export async function storeIdempotentAnswer(id: string, status: number, body: string): Promise<void> {
  try {
    await prisma.$executeRaw`update idempotency_keys set status = ${status}, body = ${body} where id = ${id}::uuid`;
  } catch (error) {
    // The operation has committed: its answer goes out. A retry is answered 409 until the key
    // expires, never with a second record.
    log().error(
      { err: error instanceof Error ? error.message : String(error) },
      "idempotency key: answer not stored",
    );
  }
}

/** Frees the key of a request that was refused or failed: it wrote nothing, a retry may run. */
export async function releaseIdempotencyKey(id: string): Promise<void> {
  try {
    await prisma.$executeRaw`delete from idempotency_keys where id = ${id}::uuid and status is null`;
  } catch (error) {
    log().warn(
      { err: error instanceof Error ? error.message : String(error) },
      "idempotency key: not released",
    );
  }
}

/** Removes keys past their 24 hours; part of the daily key-expiry job. */
export async function deleteExpiredIdempotencyKeys(): Promise<number> {
  return prisma.$executeRaw`delete from idempotency_keys where "expiresAt" <= now()`;
}
