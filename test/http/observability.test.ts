import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getAutomation } from "@/app/api/v1/automations/[id]/route";
import { POST as createAutomation } from "@/app/api/v1/automations/route";
import { GET as me } from "@/app/api/v1/me/route";
import { log, withLogContext } from "@/lib/log";
import { buildCompany, type Company } from "@/test/support/company";
import { resetDatabase } from "@/test/support/db";
import { captureLogs } from "@/test/support/logs";
import { APP_ORIGIN, callRoute } from "@/test/support/route";

// Structured logs with a request id, and Prometheus metrics by route pattern behind a token.

const METRICS_TOKEN = "metrics-token-for-the-test-0123456789";
process.env.METRICS_TOKEN = METRICS_TOKEN;

let company: Company;
let automationId: string;
const logs = captureLogs();

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany();
  const created = await callRoute(createAutomation, "POST", "/api/v1/automations", {
    token: company.maker.token,
    body: {
      name: "Expense reporting",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
    },
  });
  automationId = created.body.id;
});

afterAll(() => logs.restore());

describe("request logs", () => {
  it("one JSON line per request: its id (the caller's when sane), route pattern, user, status", async () => {
    const answer = await callRoute(getAutomation, "GET", `/api/v1/automations/${automationId}`, {
      token: company.maker.token,
      headers: { "x-request-id": "trace-42.a_b" },
      params: { id: automationId },
    });
    expect(answer.status).toBe(200);
    expect(answer.response.headers.get("x-request-id")).toBe("trace-42.a_b");
    const line = logs.entries().find((entry) => entry.requestId === "trace-42.a_b");
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      service: "preflight",
      method: "GET",
      route: "/api/v1/automations/{id}",
      status: 200,
      userId: company.maker.id,
    });
    expect(typeof line?.ms).toBe("number");
    expect(typeof line?.time).toBe("string");
  });

  it("a route without dynamic segments, called as Next calls it (no params), is logged by its path", async () => {
    const request = new NextRequest(new URL("/api/v1/me", APP_ORIGIN), {
      headers: { authorization: `Bearer ${company.maker.token}`, "x-request-id": "static-1" },
    });
    const response = await (me as unknown as (request: NextRequest, context: object) => Promise<Response>)(
      request,
      {},
    );
    expect(response.status).toBe(200);
    expect(logs.entries().find((entry) => entry.requestId === "static-1")).toMatchObject({
      route: "/api/v1/me",
      status: 200,
    });
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["not a plain token", "id with spaces"],
    ["quoting", 'x"}'],
  ])("a request id that is %s is replaced by a generated one", async (_what, sent) => {
    const answer = await callRoute(me, "GET", "/api/v1/me", {
      token: company.maker.token,
      headers: { "x-request-id": sent },
    });
    const id = answer.response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.lines.join("")).not.toContain(sent);
  });

  it("never holds a token, a cookie or an Authorization header", async () => {
    await callRoute(me, "GET", "/api/v1/me", { token: company.maker.token });
    await callRoute(me, "GET", "/api/v1/me", { headers: { cookie: company.it.sessionCookie } });
    log().warn(
      {
        headers: { authorization: `Bearer ${company.maker.token}`, cookie: company.it.sessionCookie },
        token: company.maker.token,
        detail: { password: "hunter2", clientSecret: "s3cr3t" },
      },
      "a careless line",
    );
    const text = logs.lines.join("");
    expect(text).toContain("a careless line");
    expect(text).toContain("[redacted]");
    for (const secret of [
      company.maker.token.slice(10),
      company.it.sessionCookie.split("=")[1]!,
      "hunter2",
      "s3cr3t",
    ])
      expect(text).not.toContain(secret);
  });
});

describe("job logs", () => {
  it("lines written while a job runs carry the job's name and run id", () => {
    withLogContext({ job: "outbox", jobId: "run-7" }, () => log().warn("mail server unreachable"));
    expect(logs.entries().find((entry) => entry.msg === "mail server unreachable")).toMatchObject({
      job: "outbox",
      jobId: "run-7",
    });
  });

  it("an import step queued by a request logs under the job, its run and that request's id", async () => {
    const { queuedImportJob, runQueuedImport } = await import("@/lib/inventory/server/import-jobs");
    const job = { importId: "00000000-0000-4000-8000-000000000009", step: "analyse" as const };
    expect(queuedImportJob(job)).toEqual(job);
    const queued = withLogContext({ requestId: "req-42", route: "/api/v1/imports" }, () =>
      queuedImportJob(job),
    );
    expect(queued).toEqual({ ...job, requestId: "req-42" });
    // Run by the queue's worker later, anywhere: the import does not exist, the step says so.
    await runQueuedImport({ id: "run-9", data: queued }).catch(() => undefined);
    const line = logs.entries().find((entry) => String(entry.msg).startsWith("import step"));
    expect(line).toMatchObject({
      job: "inventory-import",
      jobId: "run-9",
      requestId: "req-42",
      step: "analyse",
    });
  });
});

describe("GET /api/metrics", () => {
  const scrape = async (authorization?: string) => {
    const { GET } = await import("@/app/api/metrics/route");
    return callRoute(GET, "GET", "/api/metrics", { headers: authorization ? { authorization } : {} });
  };

  it("answers the token's bearer with request durations by route pattern, the pool and the process", async () => {
    const answer = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await answer.response.text();
    expect(text).toMatch(
      /preflight_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/automations\/\{id\}",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /preflight_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/automations",status="201"\} 1/,
    );
    // Never a raw path.
    expect(text).not.toContain(automationId);
    expect(text).toMatch(/preflight_db_pool_connections_open \d+/);
    expect(text).toMatch(/preflight_db_pool_connections_in_use \d+/);
    expect(text).toMatch(/preflight_db_pool_waiting \d+/);
    expect(text).toContain("process_resident_memory_bytes");
    // The creation derived the automation's prerequisites: timed by cause.
    expect(text).toMatch(/preflight_rederive_duration_seconds_count\{cause="automation.created"\} [1-9]/);
  });

  it("reports the outbox's backlog as its last run counted it", async () => {
    const { deliverOutbox } = await import("@/lib/jobs/server/outbox");
    const { createMailTransport } = await import("@/lib/jobs/server/mail");
    const { prisma } = await import("@/test/support/db");
    const { startSmtpServer } = await import("@/test/support/smtp");
    // A local SMTP server that refuses every mail: what is in the outbox stays pending.
    const smtp = await startSmtpServer({ reject: true });
    await prisma.notification.create({
      data: { userId: company.maker.id, kind: "test", title: "Waiting", body: "In the outbox" },
    });
    try {
      await deliverOutbox({ transport: createMailTransport(smtp.url) });
    } finally {
      await smtp.close();
    }
    const pending = await prisma.notification.count({ where: { emailStatus: "PENDING" } });
    expect(pending).toBeGreaterThan(0);
    const text = await (await scrape(`Bearer ${METRICS_TOKEN}`)).response.text();
    expect(text).toContain(`preflight_outbox_pending ${pending}`);
  });

  it.each([
    ["no token", undefined],
    ["another token", "Bearer not-the-metrics-token-0123456789"],
    ["a user's API token", "Bearer pf_something"],
  ])("refuses %s with 401", async (_what, authorization) => {
    const answer = await scrape(authorization);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("does not exist without METRICS_TOKEN", async () => {
    vi.resetModules();
    delete process.env.METRICS_TOKEN;
    const answer = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(answer.status).toBe(404);
  });
});
