import { beforeAll, describe, expect, it } from "vitest";
import * as automationExport from "@/app/api/v1/automations/export/route";
import * as automationList from "@/app/api/v1/automations/route";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { automationScope } from "@/lib/auth/server/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertAutomation, insertUser } from "@/lib/testing/factories";
import { tokenFor } from "@/test/support/credentials";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { prisma, resetDatabase } from "@/test/support/db";
import { listAll, parseCsv, search } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// The list is one SQL statement (lib/automations/server/list-sql.ts). Here it is held, row for row
// and field for field, to the list as Prisma's where clause, relations and counts describe
// it, and to the CSV export, for every kind of caller and filter combination, page by page.

interface Viewer {
  label: string;
  token: string;
  caller: Caller;
}

let company: DashboardCompany;
let viewers: Viewer[];

async function viewer(
  label: string,
  roles: ("MAKER" | "MANAGER")[],
  departmentId: string,
  manages: string[],
) {
  const user = await insertUser({ email: `${label}@preflight.test`, departmentId, roles, manages });
  return { label, token: await tokenFor(user.id), caller: (await loadCaller(user.id, "token"))! };
}

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
  // A maker who also manages another department sees both (the scope's two branches), and
  // someone with no role sees nothing.
  const lead = await viewer("lena", ["MAKER", "MANAGER"], company.hr.id, [company.sales.id]);
  await insertAutomation({
    name: "Leave planner",
    description: "Syncs approved leave into the PAYROLL calendar.",
    kind: "CLOUD_FLOW",
    ownerId: lead.caller.id,
    departmentId: company.hr.id,
    systems: [{ name: "Teams", signInMethod: "ENTRA_ID" }],
  });
  // Rows registered in the same millisecond: pages must split them by id, never repeat or skip one.
  const sameTime = new Date(Date.now() - 60_000);
  for (const name of ["Tie A", "Tie B", "Tie C"]) {
    await insertAutomation({
      name,
      kind: "DESKTOP_FLOW",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      createdAt: sameTime,
      systems: [{ name: "Finance PC", location: "ON_PREMISES", signInMethod: "WINDOWS" }],
    });
  }
  // Findings from an inventory import (one resolved: it no longer counts) and an automation
  // without an active owner, for the finding and ownerMissing filters.
  const [first, second, third] = await prisma.automation.findMany({ orderBy: { name: "asc" }, take: 3 });
  await prisma.inventoryFinding.createMany({
    data: [
      {
        automationId: first!.id,
        kind: "PLAIN_TEXT_PASSWORD",
        severity: "HIGH",
        category: "LCNC-SEC-08",
        message: "m",
      },
      {
        automationId: first!.id,
        kind: "SIGN_IN_UNKNOWN",
        subject: "shared_sql",
        severity: "MEDIUM",
        category: "LCNC-SEC-04",
        message: "m",
      },
      {
        automationId: second!.id,
        kind: "SIGN_IN_UNKNOWN",
        subject: "shared_x",
        severity: "MEDIUM",
        category: "LCNC-SEC-04",
        message: "m",
      },
      {
        automationId: third!.id,
        kind: "PLAIN_TEXT_PASSWORD",
        severity: "HIGH",
        category: "LCNC-SEC-08",
        message: "m",
        resolvedAt: new Date(),
      },
    ],
  });
  await prisma.automation.update({ where: { id: third!.id }, data: { ownerMissing: "NOT_FOUND" } });
  const nobody = await viewer("noah", [], company.hr.id, []);
  const { maker, manager, it: approver, admin } = company;
  viewers = [
    { label: "maker", ...maker },
    { label: "manager", ...manager },
    { label: "IT", ...approver },
    { label: "admin", ...admin },
    lead,
    nobody,
  ];
});

type Filters = {
  status?: "PENDING" | "RETIRED";
  kind?: string;
  departmentId?: string;
  q?: string;
  finding?: string;
  ownerMissing?: "true";
};

function queries(): Filters[] {
  return [
    {},
    { status: "PENDING" },
    { status: "RETIRED" },
    { kind: "DESKTOP_FLOW" },
    { status: "PENDING", kind: "CLOUD_FLOW" },
    { departmentId: company.sales.id },
    { departmentId: company.hr.id, kind: "CLOUD_FLOW" },
    { q: "SYNC" },
    { q: "payroll", status: "PENDING" },
    { q: "tie", departmentId: company.finance.id, kind: "DESKTOP_FLOW" },
    { finding: "ANY" },
    { finding: "PLAIN_TEXT_PASSWORD" },
    { finding: "SIGN_IN_UNKNOWN", status: "PENDING" },
    { ownerMissing: "true" },
  ];
}

/** The list as Prisma describes it: the scope and filters in the where clause, relations, counts. */
async function expectedItems(caller: Caller, filters: Filters) {
  const where: Prisma.AutomationWhereInput[] = [automationScope(caller)];
  if (filters.status) where.push({ status: filters.status });
  if (filters.kind) where.push({ kind: filters.kind as Prisma.AutomationWhereInput["kind"] });
  if (filters.departmentId) where.push({ departmentId: filters.departmentId });
  if (filters.finding)
    where.push({
      findings: {
        some: {
          resolvedAt: null,
          ...(filters.finding === "ANY" ? {} : { kind: filters.finding }),
        },
      },
    });
  if (filters.ownerMissing) where.push({ ownerMissing: { not: null } });
  if (filters.q) {
    const contains = { contains: filters.q, mode: "insensitive" } as const;
    where.push({ OR: [{ name: contains }, { description: contains }] });
  }
  const rows = await prisma.automation.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      description: true,
      kind: true,
      runMode: true,
      status: true,
      version: true,
      ownerId: true,
      departmentId: true,
      createdAt: true,
      updatedAt: true,
      ownerMissing: true,
      owner: { select: { id: true, name: true, email: true } },
      department: { select: { id: true, name: true } },
      _count: {
        select: {
          systems: true,
          prerequisites: { where: { status: { not: "SATISFIED" } } },
          findings: { where: { resolvedAt: null } },
        },
      },
    },
  });
  return rows.map(({ _count, createdAt, updatedAt, ...row }) => ({
    ...row,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    outstandingCount: _count.prerequisites,
    systemCount: _count.systems,
    findingCount: _count.findings,
  }));
}

/** Every item of the list, following nextCursor two at a time. */
const listed = (token: string, filters: Filters) =>
  listAll(automationList.GET, "/api/v1/automations", token, filters);

describe("GET /api/v1/automations", () => {
  it("shows each row as the API describes it: owner, department, counts and ISO dates", async () => {
    const { body } = await callRoute(automationList.GET, "GET", "/api/v1/automations", {
      token: company.admin.token,
    });
    expect(body.items).toEqual(await expectedItems(company.admin.caller, {}));
    expect(body.items.length).toBeGreaterThan(10);
    expect(body.nextCursor).toBeNull();
    for (const item of body.items) expect(item.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("holds the scope, every filter combination and the cursor to the Prisma-described list", async () => {
    for (const { label, token, caller } of viewers) {
      for (const filters of queries()) {
        const expected = await expectedItems(caller, filters);
        expect(await listed(token, filters), `${label} ?${search(filters)}`).toEqual(expected);
      }
    }
  });

  it("exports exactly the rows it lists, in its order, for every caller and filter", async () => {
    let exported = 0;
    for (const { label, token, caller } of viewers) {
      for (const filters of queries()) {
        const { response } = await callRoute(
          automationExport.GET,
          "GET",
          `/api/v1/automations/export?${search(filters)}`,
          { token },
        );
        expect(response.status).toBe(200);
        const [header, ...rows] = parseCsv(await response.text());
        const id = header!.indexOf("Automation id");
        const expected = await expectedItems(caller, filters);
        expect(
          rows.map((row) => row[id]),
          `${label} ?${search(filters)}`,
        ).toEqual(expected.map((item) => item.id));
        exported += rows.length;
      }
    }
    expect(exported).toBeGreaterThan(50);
  });
});
