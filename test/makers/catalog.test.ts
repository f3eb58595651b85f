import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as revoke from "@/app/api/v1/connectors/[id]/revoke/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gateways from "@/app/api/v1/gateways/route";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { revokeConnector } from "@/lib/catalog/server/list-catalog";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { insertAutomation, insertConnector, insertGateway } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

describe("GET /api/v1/connectors and /gateways", () => {
  it("shows the catalog to everyone, keyReference only to IT", async () => {
    await insertConnector({
      name: "Workday (HR)",
      service: "workday",
      keyExpiresAt: inDays(30),
      sharing: "DEPARTMENTS",
      departmentIds: [company.sales.id],
    });
    const asMaker = await callRoute(connectors.GET, "GET", "/api/v1/connectors", {
      token: company.maker.token,
    });
    expect(asMaker.status).toBe(200);
    expect(asMaker.body.items.map((c: { name: string }) => c.name)).toEqual(["SAP ERP", "Workday (HR)"]);
    expect(asMaker.body.items[0]).not.toHaveProperty("keyReference");
    expect(asMaker.text).not.toContain("kv-integration");
    expect(asMaker.body.items.map((c: { availableToYou: boolean }) => c.availableToYou)).toEqual([
      true,
      false,
    ]);

    const asIt = await callRoute(connectors.GET, "GET", "/api/v1/connectors?service=sap-erp", {
      token: company.it.token,
    });
    expect(asIt.body.items).toHaveLength(1);
    expect(asIt.body.items[0]).toMatchObject({
      keyReference: "https://kv-integration.vault.azure.net/secrets/sap-erp",
      usable: true,
    });

    const paged = await callRoute(connectors.GET, "GET", "/api/v1/connectors?limit=1", {
      token: company.maker.token,
    });
    const next = await callRoute(
      connectors.GET,
      "GET",
      `/api/v1/connectors?limit=1&cursor=${paged.body.nextCursor}`,
      {
        token: company.maker.token,
      },
    );
    expect([paged.body.items[0].name, next.body.items[0].name, next.body.nextCursor]).toEqual([
      "SAP ERP",
      "Workday (HR)",
      null,
    ]);
  });

  it("lists gateways with filters", async () => {
    await insertGateway({ name: "gw-eu-west-1" });
    await insertGateway({ name: "Finance desktops", kind: "MACHINE_GROUP" });
    await insertGateway({ name: "gw-us-east-2", status: "OFFLINE" });
    const list = async (query: string) =>
      (
        await callRoute(gateways.GET, "GET", `/api/v1/gateways${query}`, { token: company.maker.token })
      ).body.items.map((g: { name: string }) => g.name);
    expect(await list("")).toEqual(["Finance desktops", "gw-eu-west-1", "gw-us-east-2"]);
    expect(await list("?status=ONLINE&kind=DATA_GATEWAY")).toEqual(["gw-eu-west-1"]);
    expect(await list("?q=US-EAST")).toEqual(["gw-us-east-2"]);
  });
});

describe("POST /api/v1/connectors/{id}/revoke", () => {
  it("revokes: dependents turn BLOCKED at once, their owners are notified, a second revoke is 409", async () => {
    const automation = await insertAutomation({
      name: "Vendor sync",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      systems: [{ name: "ERP", signInMethod: "SHARED_KEY", service: "sap-erp" }],
    });
    const id = company.erpConnector.id;
    const revokeAs = (token: string) =>
      callRoute(revoke.POST, "POST", `/api/v1/connectors/${id}/revoke`, {
        token,
        body: { reason: "Key leaked in a ticket" },
        params: { id },
      });

    expect((await revokeAs(company.maker.token)).status).toBe(403);
    const response = await revokeAs(company.it.token);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "REVOKED",
      version: 2,
      usable: false,
      impact: { rederivedAutomations: 1, statusChanges: 1, notifiedOwners: 1 },
    });
    const after = await prisma.automation.findUniqueOrThrow({
      where: { id: automation.id },
      include: { prerequisites: true },
    });
    expect(after.status).toBe("BLOCKED");
    expect(after.prerequisites.map((p) => [p.type, p.status, p.connectorId])).toEqual([
      ["SHARED_KEY_CONNECTOR", "EXPIRED", id],
    ]);
    const notification = await prisma.notification.findFirstOrThrow({ where: { userId: company.maker.id } });
    expect(notification).toMatchObject({
      kind: "connector.revoked",
      title: "Connector “SAP ERP” was revoked",
    });
    expect(notification.body).toContain("Key leaked in a ticket");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id } });
    expect(audit).toMatchObject({ action: "connector.revoked", actorId: company.it.id });
    expect(audit.before).toEqual({ status: "APPROVED", version: 1 });

    const again = await revokeAs(company.it.token);
    expect(again.status).toBe(409);
    expect(again.body.error.current).toMatchObject({ id, status: "REVOKED" });
    const malformed = await callRoute(revoke.POST, "POST", "/api/v1/connectors/x/revoke", {
      token: company.it.token,
      body: { reason: "x" },
      params: { id: "x" },
    });
    expect(malformed.status).toBe(404);
  });

  it("refuses a stale version with 409 and the connector as it is, writing nothing", async () => {
    const automation = await insertAutomation({
      name: "Vendor sync",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      systems: [{ name: "ERP", signInMethod: "SHARED_KEY", service: "sap-erp" }],
    });
    const id = company.erpConnector.id;
    const auditBefore = await prisma.auditEvent.count();

    const stale = await callRoute(revoke.POST, "POST", `/api/v1/connectors/${id}/revoke`, {
      token: company.it.token,
      body: { reason: "Key leaked in a ticket", version: 7 },
      params: { id },
    });

    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed meanwhile \(it is now at version 1\)/);
    expect(stale.body.error.current).toMatchObject({ id, status: "APPROVED", version: 1, usable: true });
    expect(await prisma.automation.findUniqueOrThrow({ where: { id: automation.id } })).toMatchObject({
      status: "READY",
    });
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
    expect(await prisma.notification.count()).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// Set-based: revoking re-derives every dependent in one transaction, with a number of SQL
// statements that does not depend on how many automations there are.
// ---------------------------------------------------------------------------------------

describe("revokeConnector at scale", () => {
  const originalQuery = pg.Client.prototype.query;
  let statements: string[] | null = null;

  beforeEach(() => {
    // Every statement Prisma sends goes through a pooled pg.Client (the PrismaPg adapter).
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      statements?.push(typeof config === "string" ? config : (config?.text ?? ""));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  });

  afterEach(() => {
    pg.Client.prototype.query = originalQuery;
  });

  /** n automations that each sign in to `service` with a shared key, derived in one pass. */
  async function bulkDependents(service: string, n: number) {
    await insertConnector({ name: `Connector ${service}`, service, keyExpiresAt: inDays(90) });
    const automations = await prisma.automation.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => ({
        name: `${service} integration ${i}`,
        kind: "API_INTEGRATION" as const,
        runMode: "UNATTENDED" as const,
        ownerId: company.maker.id,
        departmentId: company.finance.id,
      })),
      select: { id: true },
    });
    await prisma.systemAccess.createMany({
      data: automations.map((a) => ({
        automationId: a.id,
        name: "Service API",
        location: "CLOUD" as const,
        signInMethod: "SHARED_KEY" as const,
        service,
      })),
    });
    const ids = automations.map((a) => a.id);
    await prisma.$transaction(
      (tx) => rederiveAutomations(tx, ids, { actor: SYSTEM_ACTOR("test"), cause: "bulk load" }),
      { timeout: 60_000 },
    );
    return ids;
  }

  async function countedRevoke(service: string) {
    const connector = await prisma.connector.findFirstOrThrow({ where: { service }, select: { id: true } });
    statements = [];
    const result = await revokeConnector({
      caller: company.it.caller,
      id: connector.id,
      reason: "Rotated out",
    });
    const seen = statements;
    statements = null;
    return { result, count: seen.length, seen };
  }

  it("re-derives 1,000 dependents in one transaction with as many statements as for 10", async () => {
    const small = await bulkDependents("small-svc", 10);
    const large = await bulkDependents("large-svc", 1000);
    expect(await prisma.automation.count({ where: { id: { in: large }, status: "READY" } })).toBe(1000);

    const few = await countedRevoke("small-svc");
    const many = await countedRevoke("large-svc");

    expect(few.result.impact).toEqual({ rederivedAutomations: 10, statusChanges: 10, notifiedOwners: 1 });
    expect(many.result.impact).toEqual({
      rederivedAutomations: 1000,
      statusChanges: 1000,
      notifiedOwners: 1,
    });
    expect(many.count).toBe(few.count);
    expect(many.count).toBeGreaterThan(10); // the wrapper really saw the statements
    expect(many.count).toBeLessThan(30);
    // One transaction: a single BEGIN … COMMIT around everything.
    expect(many.seen.filter((sql) => /^\s*begin/i.test(sql))).toHaveLength(1);
    expect(many.seen.filter((sql) => /^\s*commit/i.test(sql))).toHaveLength(1);

    const { rows } = await pool().query<{ status: string; prerequisite: string; n: number }>(
      `select a.status::text, p.status::text as prerequisite, count(*)::int as n
         from automations a join prerequisites p on p."automationId" = a.id
        where a.id = any($1::uuid[]) group by 1, 2`,
      [large],
    );
    expect(rows).toEqual([{ status: "BLOCKED", prerequisite: "EXPIRED", n: 1000 }]);
    expect(await prisma.automation.count({ where: { id: { in: small }, status: "BLOCKED" } })).toBe(10);
    const notification = await prisma.notification.findFirstOrThrow({
      where: { userId: company.maker.id, title: "Connector “Connector large-svc” was revoked" },
    });
    expect(notification.body).toMatch(/^1000 of your automations use it/);
  });
});
