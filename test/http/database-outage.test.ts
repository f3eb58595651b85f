import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Company } from "@/test/support/company";
import type { RouteAnswer } from "@/test/support/route";
import { startTcpProxy, type TcpProxy } from "@/test/support/tcp-proxy";

// The database goes away and comes back. The app's pool reaches the test PostgreSQL through a
// TCP proxy on loopback that this file cuts (refused and dropped connections) or silences (a
// partition: connections accepted, never answered), so the shared server is never touched.
// While it is away every API route answers 503 with Retry-After within 2 s, liveness stays up
// and readiness says not ready; once it is back, the same process serves again within 5 s.

const ANSWER_WITHIN_MS = 2_000;
const RESUME_WITHIN_MS = 5_000;

let proxy: TcpProxy;
let logs: ReturnType<typeof import("@/test/support/logs").captureLogs>;
let company: Company;
let callRoute: typeof import("@/test/support/route").callRoute;
let routes: Record<string, { GET?: unknown; POST?: unknown }>;

const figures = { sent: 0, answered503: 0, other5xx: 0, slowest: 0, resumed: [] as number[] };

beforeAll(async () => {
  proxy = await startTcpProxy(inject("databaseUrl"));
  // Read by lib/env.ts on first use, which the imports below are.
  process.env.DATABASE_URL = proxy.url;
  // The default acquire timeout (1.5 s) is what bounds an answer during a partition.
  delete process.env.DATABASE_ACQUIRE_TIMEOUT_MS;
  ({ callRoute } = await import("@/test/support/route"));
  logs = (await import("@/test/support/logs")).captureLogs();
  const { resetDatabase } = await import("@/test/support/db");
  const { buildCompany } = await import("@/test/support/company");
  await resetDatabase();
  company = await buildCompany();
  routes = {
    me: await import("@/app/api/v1/me/route"),
    automations: await import("@/app/api/v1/automations/route"),
    summary: await import("@/app/api/v1/dashboard/summary/route"),
    requests: await import("@/app/api/v1/requests/route"),
    ready: await import("@/app/api/health/ready/route"),
    health: await import("@/app/api/health/route"),
    live: await import("@/app/api/health/live/route"),
  };
});

afterAll(async () => {
  logs.restore();
  const { pool } = await import("@/lib/db");
  await pool().end();
  await proxy.close();
  console.log(
    `database outage: ${figures.sent} API requests sent, ${figures.answered503} answered 503, ` +
      `${figures.other5xx} other 5xx, slowest answer ${figures.slowest} ms; ` +
      `serving again ${figures.resumed.map((ms) => `${ms} ms`).join(", ")} after the database returned`,
  );
});

const automationBody = () => ({
  name: `Expense reporting ${figures.sent}`,
  kind: "CLOUD_FLOW",
  runMode: "ATTENDED",
  systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
});

/** One request of each kind: reads through Prisma and hand-written SQL, a write, a session. */
function calls(): Array<() => Promise<RouteAnswer>> {
  const token = company.maker.token;
  return [
    () => callRoute(routes.me!.GET, "GET", "/api/v1/me", { token }),
    () =>
      callRoute(routes.me!.GET, "GET", "/api/v1/me", { headers: { cookie: company.maker.sessionCookie } }),
    () => callRoute(routes.automations!.GET, "GET", "/api/v1/automations", { token }),
    () =>
      callRoute(routes.automations!.POST, "POST", "/api/v1/automations", { token, body: automationBody() }),
    () =>
      callRoute(routes.summary!.GET, "GET", "/api/v1/dashboard/summary", { token: company.manager.token }),
    () => callRoute(routes.requests!.GET, "GET", "/api/v1/requests", { token }),
  ];
}

async function timed(call: () => Promise<RouteAnswer>): Promise<RouteAnswer & { ms: number }> {
  const started = performance.now();
  const answer = await call();
  const ms = Math.round(performance.now() - started);
  figures.sent += 1;
  figures.slowest = Math.max(figures.slowest, ms);
  if (answer.status === 503) figures.answered503 += 1;
  else if (answer.status >= 500) figures.other5xx += 1;
  return { ...answer, ms };
}

function expectUnavailable(answer: RouteAnswer & { ms: number }): void {
  expect(answer.status).toBe(503);
  expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
  expect(Number(answer.response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(answer.body.error.code).toBe("SERVICE_UNAVAILABLE");
  expect(answer.body.error.retryAfterSeconds).toBeGreaterThan(0);
  // Nothing internal reaches the client.
  expect(answer.text).not.toMatch(/\n\s+at |Connection terminated|ECONNREFUSED|prisma|127\.0\.0\.1/i);
}

async function expectServing(): Promise<void> {
  for (const call of calls()) {
    const answer = await timed(call);
    expect(answer.status, answer.text).toBeLessThan(300);
  }
}

/** How long until the app answers again, asking every 100 ms. */
async function timeToResume(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await timed(calls()[0]!);
    if (answer.status === 200) {
      figures.resumed.push(Math.round(performance.now() - started));
      return performance.now() - started;
    }
    expect(answer.status).toBe(503);
    if (performance.now() - started > RESUME_WITHIN_MS) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each([
  // Refusals are answered at once: three rounds. A partition costs the acquire timeout per call.
  ["refuses and drops connections", () => proxy.cut(), 3],
  ["accepts connections but never answers (a partition)", async () => proxy.blackhole(), 1],
])("while the database %s", (_what, takeAway, rounds) => {
  it("every API route answers 503 with Retry-After within 2 s, and serves again within 5 s", async () => {
    await expectServing();
    const writesBefore = await countAutomations();

    await takeAway();
    for (let round = 0; round < rounds; round++) {
      for (const call of calls()) expectUnavailable(await timed(call));
    }
    // Concurrent requests, more than the pool holds, each answered in time.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => timed(calls()[i % 6]!)));
    for (const answer of burst) expectUnavailable(answer);

    const live = await callRoute(routes.live!.GET, "GET", "/api/health/live");
    expect(live.status).toBe(200);
    for (const probe of [routes.ready!, routes.health!]) {
      const started = performance.now();
      const ready = await callRoute(probe.GET, "GET", "/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: "unavailable", database: "unavailable" });
      expect(ready.response.headers.get("retry-after")).toBeTruthy();
      expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    }

    await proxy.restore();
    expect(await timeToResume()).toBeLessThan(RESUME_WITHIN_MS);
    await expectServing();
    expect((await callRoute(routes.ready!.GET, "GET", "/api/health/ready")).status).toBe(200);
    // Writes refused during the outage left nothing behind: only the one made since it returned.
    expect(await countAutomations()).toBe(writesBefore + 1);
  });
});

it("a connection dropped while requests are in flight answers 503, never 500", async () => {
  await expectServing();
  const inFlight = Promise.all(Array.from({ length: 24 }, (_, i) => timed(calls()[i % 6]!)));
  await new Promise((resolve) => setTimeout(resolve, 5));
  await proxy.cut();
  const answers = await inFlight;
  for (const answer of answers) {
    expect([200, 201, 503], answer.text).toContain(answer.status);
    if (answer.status === 503) expectUnavailable(answer);
  }
  await proxy.restore();
  expect(await timeToResume()).toBeLessThan(RESUME_WITHIN_MS);
});

it("the app's connections carry the statement timeout (default 30 s)", async () => {
  const { pool } = await import("@/lib/db");
  const { rows } = await pool().query<{ statement_timeout: string }>("show statement_timeout");
  expect(rows[0]?.statement_timeout).toBe("30s");
});

it("logs each refusal as one line without a stack trace, and every request with its status", () => {
  const entries = logs.entries();
  const refusals = entries.filter((entry) => entry.msg === "database unavailable: answered 503");
  expect(refusals.length).toBe(figures.answered503);
  for (const entry of refusals) {
    expect(entry.level).toBe("warn");
    expect(String(entry.err)).not.toMatch(/\n/);
  }
  const requests = entries.filter((entry) => entry.msg === "request");
  expect(requests.filter((entry) => entry.status === 503).length).toBe(figures.answered503);
  expect(entries.filter((entry) => entry.msg === "unhandled error in API route")).toEqual([]);
});

async function countAutomations(): Promise<number> {
  const { prisma } = await import("@/test/support/db");
  return prisma.automation.count();
}
