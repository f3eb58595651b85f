import { beforeAll, describe, expect, it } from "vitest";
import * as requestExport from "@/app/api/v1/requests/export/route";
import * as requestList from "@/app/api/v1/requests/route";
import { can } from "@/lib/auth/permissions";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { requestScope } from "@/lib/auth/server/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestSelect, toRequestView } from "@/lib/requests/server/views";
import { insertAutomation, insertRequest, insertUser } from "@/lib/testing/factories";
import { tokenFor } from "@/test/support/credentials";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { DAY, daysAgo } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { listAll, parseCsv, search } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// The request list and IT's queue are one SQL statement (lib/requests/server/list-sql.ts). Here it is
// held, row for row and field for field, to the list as the former Prisma query built it
// (where clause, relations, toRequestView, order), and to the CSV export, for every kind of
// caller and filter combination, page by page.

interface Viewer {
  label: string;
  token: string;
  caller: Caller;
}

let company: DashboardCompany;
let viewers: Viewer[];
let tiedAutomationId: string;

async function viewer(
  label: string,
  roles: ("MAKER" | "MANAGER")[],
  departmentId: string,
  manages: string[],
) {
  const user = await insertUser({ email: `${label}@preflight.test`, departmentId, roles, manages });
  return { label, token: await tokenFor(user.id), caller: (await loadCaller(user.id, "token"))! };
}

const onPremises = (name: string) => ({
  name,
  kind: "DESKTOP_FLOW" as const,
  systems: [{ name: "PC", location: "ON_PREMISES" as const, signInMethod: "WINDOWS" as const }],
});

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
  const { it: approver, maker, finance, hr, sales, connectors } = company;
  // A maker who also manages another department sees both (the scope's two branches), and
  // someone with no role sees nothing.
  const lead = await viewer("lena", ["MAKER", "MANAGER"], hr.id, [sales.id]);
  const leave = await insertAutomation({
    ...onPremises("Leave planner"),
    ownerId: lead.caller.id,
    departmentId: hr.id,
  });
  await insertRequest({
    automationId: leave.id,
    prerequisiteKey: "GATEWAY",
    type: "GATEWAY",
    requesterId: lead.caller.id,
  });

  // Requests filed in the same millisecond: pages must split them by id, never repeat or skip one.
  const tied = await insertAutomation({
    ...onPremises("Tied"),
    ownerId: maker.id,
    departmentId: finance.id,
  });
  tiedAutomationId = tied.id;
  const sameTime = daysAgo(2);
  const ties = [];
  for (let i = 0; i < 3; i++) {
    ties.push(
      await insertRequest({
        automationId: tied.id,
        prerequisiteKey: "GATEWAY",
        type: "GATEWAY",
        requesterId: maker.id,
        createdAt: sameTime,
        justification: `Tie ${i}: "quoted", ünïcode`,
      }),
    );
  }
  // Every optional field once: an assignee, a withdrawal (open until updatedAt, never decided),
  // an approval that put a connector in place, and a decision dated before the filing (age 0).
  await prisma.request.update({ where: { id: ties[0]!.id }, data: { assigneeId: approver.id } });
  await prisma.request.update({
    where: { id: ties[1]!.id },
    data: { status: "WITHDRAWN", decidedAt: null, updatedAt: new Date(sameTime.getTime() + 1.5 * DAY) },
  });
  await prisma.request.update({
    where: { id: ties[2]!.id },
    data: {
      status: "APPROVED",
      decidedById: approver.id,
      decidedAt: daysAgo(1),
      decisionReason: "Fine.",
      connectorId: connectors[0]!.id,
      assigneeId: approver.id,
    },
  });
  await insertRequest({
    automationId: tied.id,
    prerequisiteKey: "GATEWAY",
    type: "GATEWAY",
    requesterId: maker.id,
    createdAt: daysAgo(8),
    status: "REJECTED",
    decidedById: approver.id,
    decidedAt: daysAgo(9),
  });

  const nobody = await viewer("noah", [], hr.id, []);
  const { salesMaker, manager, admin } = company;
  viewers = [
    { label: "maker", ...maker },
    { label: "other maker", ...salesMaker },
    { label: "manager", ...manager },
    { label: "IT", ...approver },
    { label: "admin", ...admin },
    lead,
    nobody,
  ];
});

type Filters = {
  status?: "PENDING" | "REJECTED" | "WITHDRAWN" | "APPROVED";
  type?: "GATEWAY" | "SHARED_KEY_CONNECTOR";
  departmentId?: string;
  automationId?: string;
  requesterId?: string;
  minAgeDays?: string;
  maxAgeDays?: string;
  sort?: "oldest" | "newest";
};

function queries(): Filters[] {
  return [
    {},
    { status: "PENDING" },
    { status: "PENDING", sort: "newest" },
    { sort: "oldest" },
    { status: "REJECTED" },
    { status: "WITHDRAWN", sort: "oldest" },
    { type: "GATEWAY" },
    { departmentId: company.sales.id },
    { requesterId: company.maker.id },
    { automationId: tiedAutomationId, status: "APPROVED" },
    { minAgeDays: "5" },
    { status: "PENDING", maxAgeDays: "7" },
    { status: "PENDING", type: "SHARED_KEY_CONNECTOR", minAgeDays: "2", sort: "oldest" },
  ];
}

/** The list as the former Prisma query built it: scope and filters in the where clause, toRequestView. */
async function expectedItems(caller: Caller, filters: Filters) {
  const now = new Date();
  const where: Prisma.RequestWhereInput[] = [requestScope(caller)];
  if (filters.status) where.push({ status: filters.status });
  if (filters.type) where.push({ type: filters.type });
  if (filters.departmentId) where.push({ departmentId: filters.departmentId });
  if (filters.automationId) where.push({ automationId: filters.automationId });
  if (filters.requesterId) where.push({ requesterId: filters.requesterId });
  if (filters.minAgeDays) {
    where.push({ createdAt: { lte: new Date(now.getTime() - Number(filters.minAgeDays) * DAY) } });
  }
  if (filters.maxAgeDays) {
    where.push({ createdAt: { gt: new Date(now.getTime() - Number(filters.maxAgeDays) * DAY) } });
  }
  const oldestFirst = filters.sort
    ? filters.sort === "oldest"
    : filters.status === "PENDING" && can(caller, "request:read:all");
  const direction = oldestFirst ? "asc" : "desc";
  const rows = await prisma.request.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: direction }, { id: direction }],
    select: requestSelect,
  });
  // As the API writes them: dates as ISO strings.
  return JSON.parse(JSON.stringify(rows.map(toRequestView))) as Array<Record<string, unknown>>;
}

/** Every item of the list, following nextCursor two at a time. */
const listed = (token: string, filters: Filters) =>
  listAll(requestList.GET, "/api/v1/requests", token, filters);

describe("GET /api/v1/requests", () => {
  it("shows each row as toRequestView does: same fields in the same order, people, ISO dates, age", async () => {
    const { body } = await callRoute(requestList.GET, "GET", "/api/v1/requests", { token: company.it.token });
    const expected = await expectedItems(company.it.caller, {});
    expect(body.items).toEqual(expected);
    expect(body.items.map(Object.keys)).toEqual(expected.map(Object.keys));
    expect(body.items.length).toBeGreaterThan(10);
    expect(body.nextCursor).toBeNull();
    for (const item of body.items) expect(item.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Each kind of row is there: assigned, decided with a connector, withdrawn, aged 0.
    expect(body.items.map((item: { ageDays: number }) => item.ageDays)).toContain(0);
    expect(
      body.items.some(
        (item: { decidedBy: unknown; connectorId: unknown }) => item.decidedBy && item.connectorId,
      ),
    ).toBe(true);
    expect(body.items.some((item: { status: string }) => item.status === "WITHDRAWN")).toBe(true);
  });

  it("holds the scope, every filter combination, the order and the cursor to the Prisma-built list", async () => {
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
          requestExport.GET,
          "GET",
          `/api/v1/requests/export?${search(filters)}`,
          { token },
        );
        expect(response.status).toBe(200);
        const [header, ...rows] = parseCsv(await response.text());
        const id = header!.indexOf("Request id");
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
