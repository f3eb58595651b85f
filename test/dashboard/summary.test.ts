import { beforeAll, describe, expect, it } from "vitest";
import * as detailsRoute from "@/app/api/v1/dashboard/details/route";
import * as summaryRoute from "@/app/api/v1/dashboard/summary/route";
import { AGING_BUCKETS } from "@/lib/dashboard/aging";
import { takeOutstandingSnapshot } from "@/lib/dashboard/server/take-snapshot";
import { PREREQUISITE_TYPES } from "@/lib/domain/types";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { DAY } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// Done-when (a): every figure of GET /api/v1/dashboard/summary, for a manager (their
// departments only) and an admin (the whole company), against numbers computed here in
// plain JavaScript from the rows the test created — not with the dashboard's SQL.

let company: DashboardCompany;

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
  // Inventory figures: two automations with open findings (one also without an active owner,
  // one with a resolved finding only, which does not count) and the retired one, which never does.
  const [first, second, third] = await prisma.automation.findMany({
    where: { status: { not: "RETIRED" } },
    orderBy: { name: "asc" },
    take: 3,
  });
  const finding = (automationId: string, resolvedAt: Date | null = null) => ({
    automationId,
    kind: "PLAIN_TEXT_PASSWORD",
    severity: "HIGH",
    category: "LCNC-SEC-08",
    message: "m",
    resolvedAt,
  });
  await prisma.inventoryFinding.createMany({
    data: [
      finding(first!.id),
      finding(second!.id),
      finding(third!.id, new Date()),
      finding(company.retired.id),
    ],
  });
  await prisma.automation.updateMany({
    where: { id: { in: [second!.id, company.retired.id] } },
    data: { ownerMissing: "LEFT", inventorySource: "COE" },
  });
  await prisma.automation.updateMany({
    where: { id: { in: [first!.id, third!.id] } },
    data: { inventorySource: "COE" },
  });
});

/** The rows of the company, read back with Prisma, to compute the expected figures from. */
async function facts() {
  const [automations, prerequisites, requests, connectors, departments] = await Promise.all([
    prisma.automation.findMany({
      select: {
        id: true,
        status: true,
        departmentId: true,
        ownerMissing: true,
        findings: { where: { resolvedAt: null }, select: { id: true } },
      },
    }),
    prisma.prerequisite.findMany({
      select: {
        type: true,
        status: true,
        basis: true,
        departmentId: true,
        automation: { select: { status: true } },
      },
    }),
    prisma.request.findMany({ select: { status: true, departmentId: true, createdAt: true } }),
    prisma.connector.findMany({
      select: {
        status: true,
        sharing: true,
        keyExpiresAt: true,
        departments: { select: { departmentId: true } },
      },
    }),
    prisma.department.findMany({ select: { id: true, name: true } }),
  ]);
  return { automations, prerequisites, requests, connectors, departments };
}

/** Linear interpolation between closest ranks, as Postgres' percentile_cont. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function expectedSummary(scope: string[], now: Date) {
  const { automations, prerequisites, requests, connectors, departments } = await facts();
  const inScope = (departmentId: string) => scope.includes(departmentId);
  const active = automations.filter((a) => inScope(a.departmentId) && a.status !== "RETIRED");
  const outstanding = prerequisites.filter(
    (p) => inScope(p.departmentId) && p.status !== "SATISFIED" && p.automation.status !== "RETIRED",
  );
  // Satisfied on the maker's word alone (a new figure: declared, not verified by IT).
  const declaredOnly = prerequisites.filter(
    (p) =>
      inScope(p.departmentId) &&
      p.status === "SATISFIED" &&
      p.basis === "DECLARED" &&
      p.automation.status !== "RETIRED",
  );
  const ages = requests
    .filter((r) => inScope(r.departmentId) && r.status === "PENDING")
    .map((r) => (now.getTime() - r.createdAt.getTime()) / DAY)
    .sort((a, b) => a - b);
  const expiringWithin = (days: number) =>
    connectors.filter(
      (c) =>
        c.status === "APPROVED" &&
        c.keyExpiresAt.getTime() > now.getTime() &&
        c.keyExpiresAt.getTime() <= now.getTime() + days * DAY &&
        (c.sharing === "ALL" || c.departments.some((d) => inScope(d.departmentId))),
    ).length;
  return {
    scope: {
      departmentIds: departments
        .filter((d) => inScope(d.id))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((d) => d.id),
    },
    automations: {
      total: active.length,
      ready: active.filter((a) => a.status === "READY").length,
      pending: active.filter((a) => a.status === "PENDING").length,
      blocked: active.filter((a) => a.status === "BLOCKED").length,
    },
    outstandingPrerequisites: {
      total: outstanding.length,
      byType: Object.fromEntries(
        PREREQUISITE_TYPES.map((type) => [type, outstanding.filter((p) => p.type === type).length]),
      ),
      byDepartment: departments
        .filter((d) => inScope(d.id))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((d) => ({
          departmentId: d.id,
          name: d.name,
          count: outstanding.filter((p) => p.departmentId === d.id).length,
        })),
    },
    satisfiedOnDeclarationOnly: declaredOnly.length,
    inventory: {
      withFindings: active.filter((a) => a.findings.length > 0).length,
      withoutActiveOwner: active.filter((a) => a.ownerMissing !== null).length,
    },
    requests: {
      pending: ages.length,
      medianAgeDays: round1(percentile(ages, 0.5)),
      p90AgeDays: round1(percentile(ages, 0.9)),
    },
    expiries: {
      next7Days: expiringWithin(7),
      next30Days: expiringWithin(30),
      next90Days: expiringWithin(90),
    },
    ages,
  };
}

describe("GET /api/v1/dashboard/summary", () => {
  it("the data set exercises every rule: a retired automation with outstanding rows, decided requests", async () => {
    const retiredOutstanding = await prisma.prerequisite.count({
      where: { automationId: company.retired.id, status: { not: "SATISFIED" } },
    });
    expect(retiredOutstanding).toBeGreaterThan(0);
    expect(await prisma.request.count({ where: { status: "REJECTED" } })).toBe(1);
    expect(await prisma.request.count({ where: { status: "PENDING" } })).toBe(5);
  });

  it("for a manager: their departments only, every figure as computed independently", async () => {
    const { status, body } = await callRoute(summaryRoute.GET, "GET", "/api/v1/dashboard/summary", {
      token: company.manager.token,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const scope = [company.finance.id, company.sales.id];
    const { ages, ...expected } = await expectedSummary(scope, new Date(body.generatedAt));
    expect(body).toEqual({ ...expected, generatedAt: body.generatedAt });
    // Known by construction, so the independent computation itself is checked too.
    expect(ages.map(Math.round)).toEqual([1, 3, 5, 10]);
    expect(body.requests).toEqual({ pending: 4, medianAgeDays: 4, p90AgeDays: 8.5 });
    expect(body.expiries).toEqual({ next7Days: 1, next30Days: 2, next90Days: 3 });
    expect(body.scope.departmentIds).toEqual([company.finance.id, company.sales.id]);
    expect(body.outstandingPrerequisites.byDepartment.map((d: { name: string }) => d.name)).toEqual([
      "Finance",
      "Sales",
    ]);
    expect(Object.keys(body.outstandingPrerequisites.byType)).toEqual([...PREREQUISITE_TYPES]);
    expect(Date.now() - new Date(body.generatedAt).getTime()).toBeLessThan(60_000);
  });

  it("for an admin: the whole company", async () => {
    const { status, body } = await callRoute(summaryRoute.GET, "GET", "/api/v1/dashboard/summary", {
      token: company.admin.token,
    });
    expect(status).toBe(200);
    const scope = [company.finance.id, company.sales.id, company.hr.id];
    const { ages, ...expected } = await expectedSummary(scope, new Date(body.generatedAt));
    expect(body).toEqual({ ...expected, generatedAt: body.generatedAt });
    expect(ages.map(Math.round)).toEqual([1, 3, 5, 10, 40]);
    expect(body.requests).toEqual({ pending: 5, medianAgeDays: 5, p90AgeDays: 28 });
    expect(body.expiries).toEqual({ next7Days: 1, next30Days: 2, next90Days: 4 });
    expect(body.outstandingPrerequisites.byDepartment.map((d: { name: string }) => d.name)).toEqual([
      "Finance",
      "HR",
      "Sales",
    ]);
  });

  it("narrows to one department of the caller's scope", async () => {
    for (const [person, department] of [
      [company.manager, company.sales],
      [company.admin, company.hr],
      [company.it, company.finance],
    ] as const) {
      const { status, body } = await callRoute(
        summaryRoute.GET,
        "GET",
        `/api/v1/dashboard/summary?departmentId=${department.id}`,
        { token: person.token },
      );
      expect(status).toBe(200);
      const { ages: _ages, ...expected } = await expectedSummary([department.id], new Date(body.generatedAt));
      expect(body).toEqual({ ...expected, generatedAt: body.generatedAt });
    }
  });

  it("answers zeros, not nulls, when nothing is pending or outstanding", async () => {
    const { status, body } = await callRoute(
      summaryRoute.GET,
      "GET",
      `/api/v1/dashboard/summary?departmentId=${company.hr.id}`,
      { token: company.admin.token },
    );
    expect(status).toBe(200);
    const empty = await prisma.department.create({ data: { name: "Legal" } });
    const legal = await callRoute(
      summaryRoute.GET,
      "GET",
      `/api/v1/dashboard/summary?departmentId=${empty.id}`,
      { token: company.admin.token },
    );
    expect(legal.status).toBe(200);
    expect(legal.body.automations).toEqual({ total: 0, ready: 0, pending: 0, blocked: 0 });
    expect(legal.body.requests).toEqual({ pending: 0, medianAgeDays: 0, p90AgeDays: 0 });
    expect(legal.body.outstandingPrerequisites).toEqual({
      total: 0,
      byType: Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, 0])),
      byDepartment: [{ departmentId: empty.id, name: "Legal", count: 0 }],
    });
    // Company-wide connectors concern every department, an empty one too.
    expect(legal.body.expiries).toEqual({ next7Days: 1, next30Days: 1, next90Days: 1 });
    await prisma.department.delete({ where: { id: empty.id } });
    expect(body.scope.departmentIds).toEqual([company.hr.id]);
  });

  describe("bad input", () => {
    it("a department the manager does not manage, or none at all, is the same 404", async () => {
      for (const [handler, path] of [
        [summaryRoute.GET, "/api/v1/dashboard/summary"],
        [detailsRoute.GET, "/api/v1/dashboard/details"],
      ] as const) {
        for (const id of [company.hr.id, "00000000-0000-4000-8000-000000000000"]) {
          const { status, body } = await callRoute(handler, "GET", `${path}?departmentId=${id}`, {
            token: company.manager.token,
          });
          expect(status, path).toBe(404);
          expect(body.error.code).toBe("NOT_FOUND");
        }
        const admin = await callRoute(
          handler,
          "GET",
          `${path}?departmentId=00000000-0000-4000-8000-000000000000`,
          {
            token: company.admin.token,
          },
        );
        expect(admin.status, path).toBe(404);
      }
    });

    it("a malformed filter is a 400 naming the parameter", async () => {
      for (const handler of [summaryRoute.GET, detailsRoute.GET]) {
        const malformed = await callRoute(handler, "GET", "/api/v1/dashboard/summary?departmentId=finance", {
          token: company.admin.token,
        });
        expect(malformed.status).toBe(400);
        expect(malformed.body.error.fields).toEqual({ departmentId: expect.stringMatching(/departmentId/) });
        const unknown = await callRoute(handler, "GET", "/api/v1/dashboard/summary?team=finance", {
          token: company.admin.token,
        });
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.message).toMatch(/query/);
      }
    });

    it("makers may not read dashboards; nobody without credentials", async () => {
      expect(
        (
          await callRoute(summaryRoute.GET, "GET", "/api/v1/dashboard/summary", {
            token: company.maker.token,
          })
        ).status,
      ).toBe(403);
      expect((await callRoute(summaryRoute.GET, "GET", "/api/v1/dashboard/summary")).status).toBe(401);
      expect(
        (
          await callRoute(detailsRoute.GET, "GET", "/api/v1/dashboard/details", {
            token: company.maker.token,
          })
        ).status,
      ).toBe(403);
    });
  });
});

describe("GET /api/v1/dashboard/details", () => {
  it("charts agree with the summary and with the rows, for the manager", async () => {
    const { status, body } = await callRoute(detailsRoute.GET, "GET", "/api/v1/dashboard/details", {
      token: company.manager.token,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    const now = new Date(body.generatedAt);
    const expected = await expectedSummary([company.finance.id, company.sales.id], now);

    // Type × department: each department's row, summed by type, is the summary's byType.
    expect(body.byTypeAndDepartment.map((row: { name: string }) => row.name)).toEqual(["Finance", "Sales"]);
    for (const type of PREREQUISITE_TYPES) {
      const sum = body.byTypeAndDepartment.reduce(
        (total: number, row: Record<string, number>) => total + row[type]!,
        0,
      );
      expect(sum, type).toBe(expected.outstandingPrerequisites.byType[type]);
    }
    for (const row of body.byTypeAndDepartment) {
      const department = expected.outstandingPrerequisites.byDepartment.find(
        (d) => d.departmentId === row.departmentId,
      );
      expect(row.total).toBe(department?.count);
    }

    // Aging histogram: each pending request in the bucket of its whole days waited.
    expect(body.agingHistogram).toEqual(
      AGING_BUCKETS.map((bucket) => ({
        ...bucket,
        count: expected.ages.filter((age) => age >= bucket.from && (bucket.to === null || age < bucket.to))
          .length,
      })),
    );
    expect(body.agingHistogram.map((b: { count: number }) => b.count)).toEqual([1, 2, 1, 0, 0, 0]);

    // Oldest pending first, at most ten, with their age.
    expect(body.oldestPending.map((r: { ageDays: number }) => Math.round(r.ageDays))).toEqual([10, 5, 3, 1]);
    expect(body.oldestPending[0]).toMatchObject({
      type: "SHARED_KEY_CONNECTOR",
      service: "sap-erp",
      automation: { name: "Order import" },
      department: { name: "Sales" },
    });

    // Expiring connectors relevant to Finance and Sales, soonest first, with their dependents.
    expect(
      body.expiringConnectors.map((c: { name: string; daysLeft: number; dependents: number }) => [
        c.name,
        c.daysLeft,
        c.dependents,
      ]),
    ).toEqual([
      ["Survey tool", 3, 1],
      ["Workday (Finance)", 20, 1],
      ["CRM (Sales)", 85, 0],
    ]);

    // What blocks most: the sap-erp service (two automations), then systems, one each.
    expect(body.topBlockers[0]).toEqual({ kind: "SERVICE", name: "sap-erp", automations: 2 });
    expect(body.topBlockers).toContainEqual({ kind: "SYSTEM", name: "Online banking", automations: 1 });

    // Trend: no snapshot yet, so today only, computed live.
    expect(body.trend).toEqual([
      {
        day: body.generatedAt.slice(0, 10),
        total: expected.outstandingPrerequisites.total,
        byType: expected.outstandingPrerequisites.byType,
      },
    ]);
  });

  it("the trend reads the daily snapshots of the last 90 days, in scope", async () => {
    const today = new Date();
    await takeOutstandingSnapshot(new Date(today.getTime() - DAY));
    await takeOutstandingSnapshot(new Date(today.getTime() - 120 * DAY));
    const { body } = await callRoute(detailsRoute.GET, "GET", "/api/v1/dashboard/details", {
      token: company.manager.token,
    });
    expect(body.trend).toHaveLength(2);
    expect(body.trend[0].day).toBe(new Date(today.getTime() - DAY).toISOString().slice(0, 10));
    expect(body.trend[0].total).toBe(body.trend[1].total);
    await prisma.outstandingSnapshot.deleteMany();
  });

  it("the company's trend reads the company's totals, which follow every write of the snapshots", async () => {
    const today = new Date();
    const days = [1, 2].map((n) => new Date(today.getTime() - n * DAY));
    for (const day of days) await takeOutstandingSnapshot(day);
    // A department's rows changed and removed after they were taken: the totals follow both.
    await prisma.outstandingSnapshot.updateMany({
      where: { day: new Date(days[0]!.toISOString().slice(0, 10)), departmentId: company.finance.id },
      data: { count: 7 },
    });
    await prisma.outstandingSnapshot.deleteMany({
      where: { day: new Date(days[1]!.toISOString().slice(0, 10)), departmentId: company.sales.id },
    });
    // Expected: the departments' rows summed here, per day and type.
    const rows = await prisma.outstandingSnapshot.findMany();
    const expected = days
      .map((day) => day.toISOString().slice(0, 10))
      .sort()
      .map((day) => {
        const byType = Object.fromEntries(
          PREREQUISITE_TYPES.map((type) => [
            type,
            rows
              .filter((row) => row.day.toISOString().slice(0, 10) === day && row.type === type)
              .reduce((sum, row) => sum + row.count, 0),
          ]),
        );
        return { day, total: Object.values(byType).reduce((sum, n) => sum + n, 0), byType };
      });
    expect(expected[1]!.byType.GATEWAY).toBeGreaterThanOrEqual(7);

    const { body } = await callRoute(detailsRoute.GET, "GET", "/api/v1/dashboard/details", {
      token: company.admin.token,
    });
    expect(body.trend.slice(0, 2)).toEqual(expected);
    // A department's scope sums its own rows, not the company's.
    const finance = await callRoute(
      detailsRoute.GET,
      "GET",
      `/api/v1/dashboard/details?departmentId=${company.finance.id}`,
      { token: company.admin.token },
    );
    expect(finance.body.trend[1].byType).toEqual(
      Object.fromEntries(PREREQUISITE_TYPES.map((type) => [type, 7])),
    );

    await prisma.outstandingSnapshot.deleteMany();
    expect(await prisma.outstandingSnapshotTotal.count()).toBe(0);
  });
});

describe("takeOutstandingSnapshot", () => {
  it("records every department × type, zeros included, and is idempotent", async () => {
    const day = new Date("2026-03-01T23:30:00Z");
    const first = await takeOutstandingSnapshot(day);
    const again = await takeOutstandingSnapshot(day);
    expect(first).toEqual({ day: "2026-03-01", rows: 3 * PREREQUISITE_TYPES.length });
    expect(again).toEqual(first);
    const rows = await prisma.outstandingSnapshot.findMany({ where: { day: new Date("2026-03-01") } });
    expect(rows).toHaveLength(15);
    const expected = await expectedSummary([company.finance.id, company.sales.id, company.hr.id], new Date());
    for (const department of expected.outstandingPrerequisites.byDepartment) {
      const recorded = rows.filter((row) => row.departmentId === department.departmentId);
      expect(recorded.reduce((sum, row) => sum + row.count, 0)).toBe(department.count);
    }
    expect(rows.some((row) => row.count === 0)).toBe(true);

    // A later run on the same day overwrites with the counts as they are then.
    await prisma.prerequisite.updateMany({
      where: { departmentId: company.hr.id, status: { not: "SATISFIED" } },
      data: { status: "SATISFIED" },
    });
    await takeOutstandingSnapshot(day);
    const hr = await prisma.outstandingSnapshot.findMany({
      where: { day: new Date("2026-03-01"), departmentId: company.hr.id },
    });
    expect(hr.map((row) => row.count)).toEqual([0, 0, 0, 0, 0]);
  });
});
