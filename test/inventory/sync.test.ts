import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as importItem from "@/app/api/v1/imports/[id]/route";
import * as sync from "@/app/api/v1/sync/route";
import * as runs from "@/app/api/v1/sync/runs/route";
import { normaliseEnvironmentId } from "@/lib/inventory/records";
import { type FakeTenant, startFakeTenant } from "@/lib/inventory/testing/fake-tenant";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// The live sync through the API against the fake tenant over HTTP, throttling switched on.
// Nothing of ours is mocked: the route starts the run, the job (in this process) reads the
// tenant, stages and applies it.

const SECRET = "fake-secret-for-tests";
let company: Company;
let tenant: FakeTenant;

function configure(url: string) {
  process.env.INVENTORY_SYNC_TOKEN_URL = `${url}/${tenant.tenantId}/oauth2/v2.0/token`;
  process.env.INVENTORY_SYNC_CLIENT_ID = "fake-client";
  process.env.INVENTORY_SYNC_CLIENT_SECRET_VARIABLE = "TEST_SYNC_CLIENT_SECRET";
  process.env.TEST_SYNC_CLIENT_SECRET = SECRET;
  process.env.INVENTORY_SYNC_BAP_URL = url;
  process.env.INVENTORY_SYNC_FLOW_URL = url;
  process.env.INVENTORY_SYNC_POWERAPPS_URL = url;
}

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
  tenant = await startFakeTenant({ environments: 2, flowsPerEnvironment: 15, pageSize: 4 });
  configure(tenant.url);
  // Every environment's new flows go to Finance (their owners have no account here).
  for (const environment of tenant.data.environments)
    await prisma.inventoryEnvironment.create({
      data: { id: normaliseEnvironmentId(environment.name), departmentId: company.finance.id },
    });
});

afterEach(async () => {
  await tenant.stop();
  for (const key of Object.keys(process.env))
    if (key.startsWith("INVENTORY_SYNC_") || key === "TEST_SYNC_CLIENT_SECRET") delete process.env[key];
});

async function runSync(body: Record<string, unknown> = {}) {
  const started = await callRoute(sync.POST, "POST", "/api/v1/sync", { token: company.it.token, body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const id = started.body.id as string;
  for (let attempt = 0; attempt < 600; attempt++) {
    const now = await callRoute(importItem.GET, "GET", `/api/v1/imports/${id}`, {
      token: company.it.token,
      params: { id },
    });
    if (!["ANALYSING", "RUNNING"].includes(now.body.status)) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The sync did not finish in 30 s.");
}

describe("POST /api/v1/sync", () => {
  it("reads the tenant with throttling on, applies every flow once, and a second sync changes nothing", async () => {
    tenant.faults.throttleEvery = 5;
    tenant.faults.retryAfterSeconds = 0;
    const first = await runSync();
    expect(first.body.status, JSON.stringify(first.body)).toBe("DONE");
    expect(first.body).toMatchObject({ status: "DONE", source: "LIVE_SYNC" });
    expect(tenant.stats.throttled).toBeGreaterThan(0);
    // 15 cloud flows and 1 desktop flow per environment, each read by id exactly once.
    expect(first.body.counts).toMatchObject({ new: 32, changed: 0 });
    expect([...tenant.stats.flowReads.values()].every((reads) => reads === 1)).toBe(true);
    const automations = await prisma.automation.findMany({
      where: { inventorySource: "LIVE_SYNC" },
      include: { systems: true, findings: true },
    });
    expect(automations).toHaveLength(32);
    expect(new Set(automations.map((a) => `${a.environmentId}/${a.externalId}`)).size).toBe(32);
    // The live sync knows auth types and statuses a CoE export does not.
    const systems = automations.flatMap((automation) => automation.systems);
    expect(systems.some((system) => system.name === "SQL Server" && system.signInMethod === "WINDOWS")).toBe(
      true,
    );
    expect(systems.some((system) => system.signInMethod === "SHARED_KEY" && system.service)).toBe(true);
    const kinds = new Set(
      automations.flatMap((automation) => automation.findings.map((finding) => finding.kind)),
    );
    expect(kinds).toContain("CONNECTION_ERROR");
    expect(kinds).toContain("UNAPPROVED_SHARED_KEY");
    expect(kinds).toContain("GATEWAY_NOT_IN_CATALOG");

    const second = await runSync();
    expect(second.body.counts).toMatchObject({ new: 0, changed: 0, unchanged: 32, missing: 0 });
    expect(second.body.progress).toEqual({ done: 0, total: 0 });

    const listed = await callRoute(runs.GET, "GET", "/api/v1/sync/runs", { token: company.admin.token });
    expect(listed.body.items).toHaveLength(2);
    // The secret is a reference: never in an answer or the audit trail.
    const audit = JSON.stringify(
      await prisma.auditEvent.findMany({ select: { action: true, before: true, after: true } }),
    );
    expect(audit).not.toContain(SECRET);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
  });

  it("a dry run stops at the preview; a tenant that refuses the secret fails with a message that names no secret", async () => {
    const dry = await runSync({ dryRun: true });
    expect(dry.body.status, JSON.stringify(dry.body)).toBe("PREVIEW");
    expect(dry.body.counts.new).toBe(32);
    expect(await prisma.automation.count({ where: { inventorySource: "LIVE_SYNC" } })).toBe(0);

    process.env.TEST_SYNC_CLIENT_SECRET = "not-the-secret";
    const refused = await runSync();
    expect(refused.body.status).toBe("FAILED");
    expect(refused.body.failure).toMatch(/Signing in as fake-client failed/);
    expect(refused.body.failure).not.toContain("not-the-secret");
  });

  it("is refused when not set up (422) and for makers (403)", async () => {
    delete process.env.INVENTORY_SYNC_TOKEN_URL;
    delete process.env.INVENTORY_SYNC_CLIENT_ID;
    const off = await callRoute(sync.POST, "POST", "/api/v1/sync", { token: company.it.token, body: {} });
    expect(off.status).toBe(422);
    expect(off.body.error.message).toMatch(/INVENTORY_SYNC_TOKEN_URL/);
    const maker = await callRoute(sync.POST, "POST", "/api/v1/sync", {
      token: company.maker.token,
      body: {},
    });
    expect(maker.status).toBe(403);
  });

  it("one sync at a time: a second start while one runs is a 409", async () => {
    tenant.faults.delayMs = 200;
    const first = await callRoute(sync.POST, "POST", "/api/v1/sync", { token: company.it.token, body: {} });
    expect(first.status).toBe(202);
    const second = await callRoute(sync.POST, "POST", "/api/v1/sync", {
      token: company.admin.token,
      body: {},
    });
    expect(second.status).toBe(409);
    tenant.faults.delayMs = 0;
    for (let attempt = 0; attempt < 600; attempt++) {
      const run = await prisma.inventoryImport.findUniqueOrThrow({ where: { id: first.body.id } });
      if (!["ANALYSING", "RUNNING"].includes(run.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
