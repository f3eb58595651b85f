import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { callerFromBearer } from "@/lib/auth/server/caller";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { connectorRequest, decide, sharedKeyAutomation } from "@/test/support/approvals";
import { newConnector } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";

// Done-when (b): approving one connector request satisfies the matching prerequisites of every
// automation in the requester's department — company-wide when shared with ALL — and no others.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

/** Automations across departments and services; the request is for Finance's "workday" one. */
async function landscape() {
  const make = (name: string, departmentId: string, ownerId: string, service: string) =>
    sharedKeyAutomation({ name, departmentId, ownerId, service });
  const requested = await make("Finance HR sync", company.finance.id, company.maker.id, "workday");
  const financeSibling = await make("Finance headcount", company.finance.id, company.colleague.id, "workday");
  const salesSame = await make("Sales commissions", company.sales.id, company.salesMaker.id, "workday");
  const hrSame = await make("HR onboarding", company.hr.id, company.salesMaker.id, "workday");
  const financeOther = await make("Finance payroll", company.finance.id, company.colleague.id, "payroll");
  const request = await connectorRequest(requested.id, company.maker.id);
  return { requested, financeSibling, salesSame, hrSame, financeOther, request };
}

async function statuses(ids: Record<string, string>) {
  const rows = await prisma.automation.findMany({
    where: { id: { in: Object.values(ids) } },
    select: { id: true, status: true, prerequisites: { select: { status: true, connectorId: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return Object.fromEntries(
    Object.entries(ids).map(([name, id]) => {
      const row = byId.get(id)!;
      return [name, `${row.status}/${row.prerequisites.map((p) => p.status).join(",")}`];
    }),
  );
}

describe("approving a connector request", () => {
  it("shared with the requester's department: satisfies that department's automations of the service only", async () => {
    const world = await landscape();
    const ids = {
      requested: world.requested.id,
      financeSibling: world.financeSibling.id,
      salesSame: world.salesSame.id,
      hrSame: world.hrSame.id,
      financeOther: world.financeOther.id,
    };
    expect(await statuses(ids)).toEqual({
      requested: "PENDING/REQUESTED",
      financeSibling: "PENDING/OUTSTANDING",
      salesSame: "PENDING/OUTSTANDING",
      hrSame: "PENDING/OUTSTANDING",
      financeOther: "PENDING/OUTSTANDING",
    });

    const answer = await decide(company.it.token, world.request.id, {
      decision: "APPROVE",
      reason: "Finance may use Workday",
      version: 1,
      connector: newConnector([company.finance.id]),
    });

    expect(answer.status).toBe(200);
    expect(await statuses(ids)).toEqual({
      requested: "READY/SATISFIED",
      financeSibling: "READY/SATISFIED",
      salesSame: "PENDING/OUTSTANDING",
      hrSame: "PENDING/OUTSTANDING",
      financeOther: "PENDING/OUTSTANDING",
    });
    const connector = await prisma.connector.findUniqueOrThrow({
      where: { id: answer.body.connectorId },
      include: { departments: true },
    });
    expect(connector).toMatchObject({
      service: "workday",
      sharing: "DEPARTMENTS",
      status: "APPROVED",
      ownerId: company.it.id,
      createdById: company.it.id,
    });
    expect(connector.departments.map((d) => d.departmentId)).toEqual([company.finance.id]);
    // The sibling's owner hears that their automation is ready; the requester gets the decision.
    const colleague = await prisma.notification.findMany({ where: { userId: company.colleague.id } });
    expect(colleague.map((n) => n.title)).toEqual(["“Finance headcount” is ready to run"]);
    const maker = await prisma.notification.findMany({ where: { userId: company.maker.id } });
    expect(maker.map((n) => n.kind)).toEqual(["request.approved"]);
    expect(await prisma.notification.count({ where: { userId: company.salesMaker.id } })).toBe(0);
  });

  it("shared with ALL: satisfies every automation of the service company-wide, and no other service", async () => {
    const world = await landscape();

    const answer = await decide(company.it.token, world.request.id, {
      decision: "APPROVE",
      reason: "Company-wide Workday connector",
      version: 1,
      connector: newConnector("ALL"),
    });

    expect(answer.status).toBe(200);
    expect(
      await statuses({
        requested: world.requested.id,
        financeSibling: world.financeSibling.id,
        salesSame: world.salesSame.id,
        hrSame: world.hrSame.id,
        financeOther: world.financeOther.id,
      }),
    ).toEqual({
      requested: "READY/SATISFIED",
      financeSibling: "READY/SATISFIED",
      salesSame: "READY/SATISFIED",
      hrSame: "READY/SATISFIED",
      financeOther: "PENDING/OUTSTANDING",
    });
    // One notification per owner, however many of their automations changed.
    const sam = await prisma.notification.findMany({ where: { userId: company.salesMaker.id } });
    expect(sam.map((n) => n.title)).toEqual(["2 of your automations are ready to run"]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "request.approved" } });
    expect(audit.after).toMatchObject({ status: "APPROVED", connectorId: answer.body.connectorId });
    expect(await prisma.auditEvent.count({ where: { action: "connector.created" } })).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// Set-based: approving a connector that 1,000 automations are waiting for costs the same
// number of SQL statements as for 10, in one transaction.
// ---------------------------------------------------------------------------------------

describe("approving a connector request at scale", () => {
  const originalQuery = pg.Client.prototype.query;
  let statements: string[] | null = null;

  beforeEach(() => {
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      statements?.push(typeof config === "string" ? config : (config?.text ?? ""));
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  });

  afterEach(() => {
    pg.Client.prototype.query = originalQuery;
  });

  /** n automations of `service` across two departments, derived in one pass, and one request. */
  async function waiting(service: string, n: number) {
    const automations = await prisma.automation.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => ({
        name: `${service} ${i}`,
        kind: "API_INTEGRATION" as const,
        runMode: "UNATTENDED" as const,
        ownerId: i % 2 === 0 ? company.maker.id : company.salesMaker.id,
        departmentId: i % 2 === 0 ? company.finance.id : company.sales.id,
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
    const request = await connectorRequest(ids[0]!, company.maker.id);
    return { ids, request };
  }

  async function countedApproval(service: string, requestId: string) {
    statements = [];
    const started = performance.now();
    const answer = await decide(company.it.token, requestId, {
      decision: "APPROVE",
      reason: "Company-wide",
      version: 1,
      connector: newConnector("ALL", { name: `Connector ${service}` }),
    });
    const ms = performance.now() - started;
    const seen = statements;
    statements = null;
    expect(answer.status).toBe(200);
    return { count: seen.length, seen, ms };
  }

  it("1,000 waiting automations turn READY with as many statements as 10", async () => {
    const small = await waiting("small-svc", 10);
    const large = await waiting("large-svc", 1000);

    // The token's first use in a minute also writes its lastUsedAt: used once before counting,
    // both approvals send the statements of the approval alone.
    await callerFromBearer(`Bearer ${company.it.token}`);
    const few = await countedApproval("small-svc", small.request.id);
    const many = await countedApproval("large-svc", large.request.id);

    expect(many.count).toBe(few.count);
    expect(many.seen.filter((sql) => /^\s*begin/i.test(sql))).toHaveLength(1);
    expect(many.seen.filter((sql) => /^\s*commit/i.test(sql))).toHaveLength(1);
    expect(await prisma.automation.count({ where: { id: { in: large.ids }, status: "READY" } })).toBe(1000);
    // Two owners, one notification each (the requester's is the decision itself).
    const sam = await prisma.notification.findMany({
      where: { userId: company.salesMaker.id, kind: "request.approved" },
      orderBy: { createdAt: "asc" },
    });
    expect(sam.map((n) => n.title)).toEqual([
      "5 of your automations are ready to run",
      "500 of your automations are ready to run",
    ]);
    console.info(
      `approval: 10 dependents ${few.ms.toFixed(0)} ms, 1,000 dependents ${many.ms.toFixed(0)} ms, ${many.count} statements`,
    );
  });
});
