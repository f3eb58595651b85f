// Errors that mean "the database is not there right now" (refused, dropped, restarting, out of
// connections, too slow), as opposed to a bug or bad data. Requests that meet one are answered
// 503 with Retry-After (lib/http/server/api-route.ts): the client should simply try again.

/** Seconds a client is told to wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Prisma's codes for an unreachable server, a closed connection, a pool or connection timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** What @prisma/adapter-pg reports for socket failures and a full server. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs: class 08 (connection exception), 53300 too many connections, 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, recovering), 57014 statement
 * cancelled (statement_timeout).
 */
const SQLSTATES = new Set(["53300", "57P01", "57P02", "57P03", "57014"]);

/** What pg says when a connection ends or the pool cannot hand one out in time. */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Unable to start a transaction in the given time|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  return visit(error, 0);
}

function visit(error: unknown, depth: number): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const { code, kind, originalCode, message, name, cause, meta, errors } = error as Record<string, unknown>;
  if (name === "PrismaClientInitializationError") return true;
  // An outbound HTTP call (fetch) that could not connect carries the same socket codes in its
  // cause: that is another service being away, not the database.
  if (name === "TypeError" && message === "fetch failed") return false;
  if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isSqlState(code)))
    return true;
  if (typeof originalCode === "string" && isSqlState(originalCode)) return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (typeof message === "string" && MESSAGES.test(message)) return true;
  const adapterError = (meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError;
  if (adapterError && visit(adapterError.cause, depth + 1)) return true;
  if (Array.isArray(errors) && errors.some((inner) => visit(inner, depth + 1))) return true;
  return visit(cause, depth + 1);
}

function isSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || SQLSTATES.has(code);
}
