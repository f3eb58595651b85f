import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { parseEnv } from "@/lib/env";

// The shapes seen when the database went away under the outage test (test/http/database-outage.test.ts),
// and ones it cannot provoke (a server restarting, out of connections), against bugs that must stay 500s.

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["pg: refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["pg: reset", withCode("read ECONNRESET", "ECONNRESET")],
    ["pg: dropped", new Error("Connection terminated unexpectedly")],
    ["pg: connect timeout", new Error("Connection terminated due to connection timeout")],
    ["pg-pool: acquire timeout", new Error("timeout exceeded when trying to connect")],
    ["admin shutdown", withCode("terminating connection due to administrator command", "57P01")],
    ["starting up", withCode("the database system is starting up", "57P03")],
    ["too many connections", withCode("sorry, too many clients already", "53300")],
    ["statement timeout", withCode("canceling statement due to statement timeout", "57014")],
    ["connection exception class", withCode("connection failure", "08006")],
    ["Prisma P1001", withCode("Can't reach database server", "P1001")],
    ["Prisma P1017", withCode("Server has closed the connection.", "P1017")],
    ["Prisma P2024", withCode("Timed out fetching a new connection from the connection pool.", "P2024")],
    [
      "Prisma with the adapter's cause",
      Object.assign(new Error("Raw query failed"), {
        code: "P2010",
        meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } },
      }),
    ],
    ["a wrapped cause", new Error("export failed", { cause: withCode("refused", "ECONNREFUSED") })],
    ["both addresses refused", new AggregateError([withCode("refused", "ECONNREFUSED")], "")],
  ])("%s: yes", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["a unique violation", withCode("Unique constraint failed", "P2002")],
    ["bad text", withCode("invalid byte sequence for encoding", "22021")],
    ["int overflow", withCode("value out of range", "P2020")],
    [
      "another service refusing a fetch",
      new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 10.0.0.1:443", "ECONNREFUSED") }),
    ],
    ["not an error", "Connection"],
    ["nothing", undefined],
  ])("%s: no", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("database timeouts in the environment", () => {
  const base = { DATABASE_URL: "postgresql://localhost/preflight" };

  it("fail fast by default: a connection within 1.5 s, a statement within 30 s", () => {
    const env = parseEnv(base);
    expect(env.DATABASE_ACQUIRE_TIMEOUT_MS).toBe(1_500);
    expect(env.DATABASE_STATEMENT_TIMEOUT_MS).toBe(30_000);
    expect(env.JOBS_POOL_SIZE).toBe(4);
  });

  it("name the variable when a value is wrong", () => {
    expect(() => parseEnv({ ...base, DATABASE_ACQUIRE_TIMEOUT_MS: "soon" })).toThrow(
      /DATABASE_ACQUIRE_TIMEOUT_MS/,
    );
    expect(() => parseEnv({ ...base, DATABASE_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });
});
