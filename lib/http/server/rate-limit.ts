import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/server/client-address";
import { log } from "@/lib/log";

// Counters live in Postgres (table rate_limits, created by the migrations) so that every
// instance behind the load balancer counts together.

export type RateLimitKind = "signin" | "token" | "scim";

const DURATION_SECONDS = 60;

const globalForLimits = globalThis as unknown as {
  preflightRateLimiters?: Map<RateLimitKind, RateLimiterPostgres>;
};

function limiter(kind: RateLimitKind): RateLimiterPostgres {
  globalForLimits.preflightRateLimiters ??= new Map();
  let existing = globalForLimits.preflightRateLimiters.get(kind);
  if (!existing) {
    const config = env();
    existing = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: kind,
      points: {
        signin: config.AUTH_SIGNIN_RATE_LIMIT,
        token: config.API_TOKEN_RATE_LIMIT,
        scim: config.SCIM_RATE_LIMIT,
      }[kind],
      duration: DURATION_SECONDS,
    });
    globalForLimits.preflightRateLimiters.set(kind, existing);
  }
  return existing;
}

/**
 * Counts one attempt. Returns the seconds to wait when the limit is reached, or null.
 * When Postgres cannot be asked, the request goes through: the database being down is
 * answered elsewhere, and a limiter must not lock everybody out.
 */
export async function consumeRateLimit(kind: RateLimitKind, key: string): Promise<number | null> {
  try {
    await limiter(kind).consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    log().warn(
      { kind, err: rejection instanceof Error ? rejection.message : String(rejection) },
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
