import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";

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
    console.error(
      `rate limit (${kind}): counter unavailable:`,
      rejection instanceof Error ? rejection.message : rejection,
    );
    return null;
  }
}

/**
 * The client's address for per-IP limits. Each proxy in front of us appends the address it
 * saw to X-Forwarded-For, so the trustworthy entry is TRUSTED_PROXY_HOPS from the right;
 * entries further left are whatever the client sent. Without any header: X-Real-IP or none.
 */
export function clientIp(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = env().TRUSTED_PROXY_HOPS;
  return entries[entries.length - hops] ?? entries[0] ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}
