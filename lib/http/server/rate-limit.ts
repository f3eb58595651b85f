import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/server/client-address";
import { log } from "@/lib/log";

// Counters live in Postgres (table rate_limits, created by the migrations) so that every
// instance behind the load balancer counts together. High limits (API and SCIM tokens) are
// counted locally and written in batches, so a request does not write a row
// (docs/decisions/008-rate-limits-and-jobs-in-postgres.md); sign-in stays exact.

export type RateLimitKind = "signin" | "token" | "scim";

const DURATION_SECONDS = 60;
/** A limit is written to Postgres every `limit / BATCH_DIVISOR` requests (at least every one). */
const BATCH_DIVISOR = 50;
/** Local windows kept before the expired ones are dropped. */
const MAX_LOCAL_KEYS = 10_000;

interface LocalWindow {
  /** When this window ends (ms since the epoch): Postgres's answer once it has been asked. */
  resetAt: number;
  /** The count Postgres last returned, every instance included. */
  known: number;
  /** Let through here since then, not yet written. */
  pending: number;
  /** Let through here and being written now. */
  writing: number;
}

/**
 * One limit: Postgres holds the count every instance shares; each instance lets a request
 * through on its own count (the last shared count plus what it let through since) and adds its
 * count to Postgres every `batch` requests, in one statement. The request that writes waits for
 * the answer and is refused when the shared count is over the limit. So one instance lets at
 * most `points` through per window, and N instances at most `points + N × (batch − 1)`.
 */
export class BatchedRateLimit {
  private readonly windows = new Map<string, LocalWindow>();

  constructor(
    private readonly store: RateLimiterPostgres,
    readonly points: number,
    readonly batch: number,
  ) {}

  /** Counts one request. Returns the seconds to wait when the limit is reached, or null. */
  async consume(key: string, now = Date.now()): Promise<number | null> {
    if (this.batch <= 1) return this.write(key, 1, undefined, now);
    const window = this.window(key, now);
    if (window.known + window.writing + window.pending >= this.points) {
      return secondsUntil(window.resetAt, now);
    }
    window.pending += 1;
    if (window.pending < this.batch) return null;
    const count = window.pending;
    window.pending = 0;
    window.writing += count;
    try {
      return await this.write(key, count, window, now);
    } finally {
      window.writing -= count;
    }
  }

  /** Drops what this instance counted (after the rate_limits table was emptied: tests). */
  forget(): void {
    this.windows.clear();
  }

  private async write(key: string, count: number, window: LocalWindow | undefined, now: number) {
    try {
      const answer = await this.store.consume(key, count);
      if (window) this.learn(window, answer, now);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      if (window)
        Object.assign(window, { known: rejection.consumedPoints, resetAt: now + rejection.msBeforeNext });
      return secondsUntil(now + rejection.msBeforeNext, now);
    }
  }

  /** Postgres's count: answers to concurrent writes may arrive out of order, so the largest. */
  private learn(window: LocalWindow, answer: RateLimiterRes, now: number): void {
    window.known = Math.max(window.known, answer.consumedPoints);
    window.resetAt = now + answer.msBeforeNext;
  }

  private window(key: string, now: number): LocalWindow {
    const existing = this.windows.get(key);
    if (existing && now < existing.resetAt) return existing;
    if (this.windows.size >= MAX_LOCAL_KEYS) {
      for (const [other, window] of this.windows) if (now >= window.resetAt) this.windows.delete(other);
    }
    const fresh = { resetAt: now + DURATION_SECONDS * 1000, known: 0, pending: 0, writing: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** A limit counted in rate_limits under `keyPrefix`: `points` per minute, written every `batch`. */
export function postgresRateLimit(keyPrefix: string, points: number, batch: number): BatchedRateLimit {
  const store = new RateLimiterPostgres({
    storeClient: pool(),
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix,
    points,
    duration: DURATION_SECONDS,
  });
  return new BatchedRateLimit(store, points, batch);
}

const globalForLimits = globalThis as unknown as {
  preflightRateLimits?: Map<RateLimitKind, BatchedRateLimit>;
};

function limiter(kind: RateLimitKind): BatchedRateLimit {
  globalForLimits.preflightRateLimits ??= new Map();
  let existing = globalForLimits.preflightRateLimits.get(kind);
  if (!existing) {
    const config = env();
    const points = {
      signin: config.AUTH_SIGNIN_RATE_LIMIT,
      token: config.API_TOKEN_RATE_LIMIT,
      scim: config.SCIM_RATE_LIMIT,
    }[kind];
    // Sign-in limits are small and guard against guessing: every attempt is written.
    const batch = kind === "signin" ? 1 : Math.max(1, Math.floor(points / BATCH_DIVISOR));
    existing = postgresRateLimit(kind, points, batch);
    globalForLimits.preflightRateLimits.set(kind, existing);
  }
  return existing;
}

/** Forgets every local count, as when rate_limits is emptied (test/support/db.ts#resetDatabase). */
export function forgetLocalRateLimits(): void {
  for (const limit of globalForLimits.preflightRateLimits?.values() ?? []) limit.forget();
}

/**
 * Counts one attempt. Returns the seconds to wait when the limit is reached, or null.
 * When Postgres cannot be asked, the request goes through: the database being down is
 * answered elsewhere, and a limiter must not lock everybody out.
 */
export async function consumeRateLimit(kind: RateLimitKind, key: string): Promise<number | null> {
  try {
    return await limiter(kind).consume(key);
  } catch (error) {
    log().warn(
      { kind, err: error instanceof Error ? error.message : String(error) },
      "rate limit: counter unavailable, request let through",
    );
    return null;
  }
}

/**
 * The client's address for per-IP limits. With TRUSTED_PROXY_HOPS=0 (the default) it is the
 * socket's peer, whatever X-Forwarded-For says. Behind N trusted proxies, each appended the
 * address it saw, so the client is the entry N from the right; entries further left are
 * whatever the client wrote and are never used. A request with fewer entries than trusted
 * proxies did not come through them all: the socket's peer, again.
 */
export function clientIp(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(CLIENT_ADDRESS_HEADER)?.trim() || unknownPeer();
  if (hops === 0) return peer;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length >= hops ? entries[entries.length - hops]! : peer;
}

let warnedUnknownPeer = false;

/** A server that does not stamp the peer (not started through instrumentation): say so once. */
function unknownPeer(): string {
  if (!warnedUnknownPeer) {
    warnedUnknownPeer = true;
    log().warn(
      { header: CLIENT_ADDRESS_HEADER },
      "client address unknown: this server does not stamp requests, so per-address limits share one counter",
    );
  }
  return "unknown";
}
