import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { reportPoolStats } from "@/lib/metrics";

// One pool and one Prisma client per process. In development Next reloads modules on
// every change; caching on globalThis keeps that from opening a new pool each time.

interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { preflightDb?: Database };

function createDatabase(): Database {
  const config = env();
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    // Both the wait for a free connection and the opening of a new one: past it the request
    // fails fast and is answered 503 (lib/db-errors.ts) instead of hanging while the database is away.
    connectionTimeoutMillis: config.DATABASE_ACQUIRE_TIMEOUT_MS,
    // No JIT compilation: the dashboard's statements are estimated costly enough to trigger
    // it and then spend most of their time compiling (60 of 110 ms for the company's details
    // at 100,000 automations); nothing here runs long enough to win it back.
    options: "-c jit=off",
    // Sent when the connection opens, so that one slow query cannot hold a connection for long.
    ...(config.DATABASE_STATEMENT_TIMEOUT_MS > 0
      ? { statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS }
      : {}),
  });
  // An idle client that loses its connection emits here; without a listener it would
  // crash the process. The next query simply gets a fresh connection.
  pool.on("error", (error) => log().warn({ err: error.message }, "database pool: idle connection lost"));
  reportPoolStats(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  pool.on("connect", queryOneAtATime);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, prisma };
}

/**
 * A connection runs one statement at a time; pg queues a query sent while another runs, and
 * warns that pg 9 will refuse it. Prisma's adapter sends a query's relation loads side by side
 * (an `include` of two relations inside a transaction does), so the promise-style queries of a
 * connection wait for the one before them here instead: the same order, without pg's queue.
 */
function queryOneAtATime(client: pg.PoolClient): void {
  // The class's own query, looked up on every call (tests count statements by wrapping it).
  const send = (...args: unknown[]) =>
    (Object.getPrototypeOf(client).query as (...a: unknown[]) => unknown).apply(client, args);
  let previous: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const [config, values, callback] = args;
    const streamed = typeof (config as { submit?: unknown } | null)?.submit === "function";
    if (streamed || typeof values === "function" || typeof callback === "function") return send(...args);
    const result = previous.then(() => send(...args));
    previous = result.catch(() => undefined);
    return result;
  }) as typeof client.query;
}

function database(): Database {
  globalForDb.preflightDb ??= createDatabase();
  return globalForDb.preflightDb;
}

/** The Prisma client. Created on first use so that importing this module needs no database. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const client = database().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Closes the pool (after the connections in use are returned), e.g. when the server shuts down. */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.preflightDb;
  if (!open) return;
  globalForDb.preflightDb = undefined;
  await open.prisma.$disconnect().catch(() => undefined);
  if (!open.pool.ended) await open.pool.end();
}

/** The raw pool, for set-based SQL that Prisma cannot express (dashboards, bulk re-derivation). */
export function pool(): pg.Pool {
  return database().pool;
}

const statementNames = new Map<string, string>();

/**
 * For the statements every request sends, prepared once per connection
 * (docs/decisions/001-hot-reads-in-hand-written-sql.md). Named after the text's hash.
 */
export function queryPrepared<R extends pg.QueryResultRow>(
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  let name = statementNames.get(text);
  if (!name) {
    name = `pf_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return pool().query<R>({ name, text, values });
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
