import { beforeEach, describe, expect, it } from "vitest";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import {
  automationEditScope,
  automationRetireScope,
  automationScope,
  dashboardScope,
  requestOwnScope,
  requestScope,
} from "@/lib/auth/server/scope";
import type { Role } from "@/lib/generated/prisma/enums";
import { insertUser } from "@/lib/testing/factories";
import { buildCompany } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";

// The scope helpers against real Postgres: the `where` they build must select exactly the
// rows each role may see, and nothing for a caller without a role.

let finance: string;
let sales: string;
let hr: string;
const ids: Record<string, string> = {};

async function person(
  email: string,
  roles: Role[],
  departmentId: string,
  manages: string[] = [],
): Promise<Caller> {
  const user = await insertUser({ email, roles, departmentId, manages });
  return (await loadCaller(user.id, "session"))!;
}

async function automation(name: string, ownerId: string, departmentId: string): Promise<string> {
  const row = await prisma.automation.create({
    data: { name, kind: "CLOUD_FLOW", runMode: "ATTENDED", ownerId, departmentId },
  });
  ids[name] = row.id;
  return row.id;
}

async function request(automationId: string, requesterId: string, departmentId: string, name: string) {
  const row = await prisma.request.create({
    data: { type: "GATEWAY", requesterId, automationId, departmentId, justification: "test" },
  });
  ids[name] = row.id;
}

const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();

let maker: Caller;
let otherMaker: Caller;
let manager: Caller;
let approver: Caller;
let admin: Caller;
let makerManager: Caller;
let nobody: Caller;

beforeEach(async () => {
  await resetDatabase();
  const company = await buildCompany();
  finance = company.finance.id;
  sales = company.sales.id;
  hr = company.hr.id;
  maker = company.maker.caller;
  otherMaker = company.hrMaker.caller;
  // Manages Finance and Sales.
  manager = company.manager.caller;
  approver = company.it.caller;
  admin = company.admin.caller;
  makerManager = await person("both@test", ["MAKER", "MANAGER"], hr, [sales]);
  nobody = await person("nobody@test", [], finance, [finance]);

  const a1 = await automation("maker-finance", maker.id, finance);
  const a2 = await automation("other-hr", otherMaker.id, hr);
  const a3 = await automation("other-sales", otherMaker.id, sales);
  await automation("both-hr", makerManager.id, hr);
  await request(a1, maker.id, finance, "req-maker-finance");
  await request(a2, otherMaker.id, hr, "req-other-hr");
  await request(a3, otherMaker.id, sales, "req-other-sales");
});

async function visibleAutomations(where: object) {
  return names(await prisma.automation.findMany({ where, select: { name: true } }));
}

async function visibleRequests(where: object) {
  const rows = await prisma.request.findMany({ where, select: { id: true } });
  return Object.entries(ids)
    .filter(([, id]) => rows.some((row) => row.id === id))
    .map(([name]) => name)
    .sort();
}

describe("automationScope", () => {
  it("a maker sees their own automations only", async () => {
    expect(await visibleAutomations(automationScope(maker))).toEqual(["maker-finance"]);
  });

  it("a manager sees their departments' automations", async () => {
    expect(await visibleAutomations(automationScope(manager))).toEqual(["maker-finance", "other-sales"]);
  });

  it("IT approvers and admins see all", async () => {
    const all = ["both-hr", "maker-finance", "other-hr", "other-sales"];
    expect(await visibleAutomations(automationScope(approver))).toEqual(all);
    expect(await visibleAutomations(automationScope(admin))).toEqual(all);
  });

  it("several roles see the union", async () => {
    expect(await visibleAutomations(automationScope(makerManager))).toEqual(["both-hr", "other-sales"]);
  });

  it("no role sees nothing, even with managed departments on record", async () => {
    expect(await visibleAutomations(automationScope(nobody))).toEqual([]);
  });

  it("a manager without managed departments sees nothing", async () => {
    const lonely = await person("lonely@test", ["MANAGER"], finance);
    expect(await visibleAutomations(automationScope(lonely))).toEqual([]);
  });

  it("edit: owner only; retire: owner or ADMIN", async () => {
    expect(await visibleAutomations(automationEditScope(maker))).toEqual(["maker-finance"]);
    expect(await visibleAutomations(automationEditScope(admin))).toEqual([]);
    expect(await visibleAutomations(automationEditScope(manager))).toEqual([]);
    expect(await visibleAutomations(automationRetireScope(admin))).toHaveLength(4);
    expect(await visibleAutomations(automationRetireScope(approver))).toEqual([]);
  });

  it("a foreign id under the scope finds nothing, like a missing one", async () => {
    const found = await prisma.automation.findFirst({
      where: { id: ids["other-hr"], ...automationScope(maker) },
    });
    expect(found).toBeNull();
  });
});

describe("requestScope", () => {
  it("requester own, manager departments, IT approver and admin all", async () => {
    expect(await visibleRequests(requestScope(maker))).toEqual(["req-maker-finance"]);
    expect(await visibleRequests(requestScope(manager))).toEqual(["req-maker-finance", "req-other-sales"]);
    expect(await visibleRequests(requestScope(approver))).toEqual([
      "req-maker-finance",
      "req-other-hr",
      "req-other-sales",
    ]);
    expect(await visibleRequests(requestScope(admin))).toEqual([
      "req-maker-finance",
      "req-other-hr",
      "req-other-sales",
    ]);
    expect(await visibleRequests(requestScope(nobody))).toEqual([]);
    expect(await visibleRequests(requestOwnScope(otherMaker))).toEqual(["req-other-hr", "req-other-sales"]);
  });
});

describe("dashboardScope", () => {
  it("all for IT and admins, managed departments for managers, none otherwise", () => {
    expect(dashboardScope(admin)).toEqual({ all: true });
    expect(dashboardScope(approver)).toEqual({ all: true });
    expect(dashboardScope(manager)).toEqual({
      all: false,
      departmentIds: expect.arrayContaining([finance, sales]),
    });
    expect(dashboardScope(maker)).toEqual({ all: false, departmentIds: [] });
  });
});
