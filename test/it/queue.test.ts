import { beforeEach, describe, expect, it } from "vitest";
import * as readRoute from "@/app/api/v1/notifications/read/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as assign from "@/app/api/v1/requests/[id]/assign/route";
import * as comments from "@/app/api/v1/requests/[id]/comments/route";
import * as item from "@/app/api/v1/requests/[id]/route";
import * as collection from "@/app/api/v1/requests/route";
import { insertConnector, insertGateway } from "@/lib/testing/factories";
import {
  connectorRequest,
  decide,
  desktopFlow,
  gatewayRequest,
  sharedKeyAutomation,
} from "@/test/support/approvals";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

const DAY = 86_400_000;

/** Three pending requests filed 10, 5 and 1 days ago, and one decided. */
async function queue() {
  const { hr } = company;
  const a = await sharedKeyAutomation({
    name: "A",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    service: "workday",
  });
  const b = await sharedKeyAutomation({
    name: "B",
    ownerId: company.salesMaker.id,
    departmentId: company.sales.id,
    service: "payroll",
  });
  const c = await desktopFlow({ name: "C", ownerId: company.colleague.id, departmentId: company.finance.id });
  const d = await sharedKeyAutomation({
    name: "D",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    service: "jira",
  });
  const old = await connectorRequest(a.id, company.maker.id, new Date(Date.now() - 10 * DAY));
  const middle = await connectorRequest(b.id, company.salesMaker.id, new Date(Date.now() - 5 * DAY));
  const recent = await gatewayRequest(c.id, company.colleague.id);
  await prisma.request.update({ where: { id: recent.id }, data: { createdAt: new Date(Date.now() - DAY) } });
  const decided = await connectorRequest(d.id, company.maker.id, new Date(Date.now() - 20 * DAY));
  await decide(company.it.token, decided.id, {
    decision: "REJECT",
    reason: "Use Jira Cloud's app",
    version: 1,
  });
  return { hr, automations: { a, b, c, d }, old, middle, recent, decided };
}

const list = (query: string, token = company.it.token) =>
  callRoute(collection.GET, "GET", `/api/v1/requests${query}`, { token });
const names = (answer: { body: { items: Array<{ automation: { name: string } }> } }) =>
  answer.body.items.map((request) => request.automation.name);

describe("GET /api/v1/requests — IT's queue", () => {
  it("lists PENDING oldest first for IT, with age and assignee; filters by type, department, age, requester", async () => {
    await queue();

    const pending = await list("?status=PENDING");
    expect(names(pending)).toEqual(["A", "B", "C"]);
    expect(pending.body.items.map((r: { ageDays: number }) => r.ageDays)).toEqual([10, 5, 1]);
    expect(pending.body.items[0]).toMatchObject({ assignee: null, status: "PENDING" });
    expect(names(await list("?status=PENDING&sort=newest"))).toEqual(["C", "B", "A"]);
    expect(names(await list(""))).toEqual(["C", "B", "A", "D"]);
    expect(names(await list("?status=PENDING&type=GATEWAY"))).toEqual(["C"]);
    expect(names(await list(`?status=PENDING&departmentId=${company.finance.id}`))).toEqual(["A", "C"]);
    expect(names(await list("?status=PENDING&minAgeDays=5"))).toEqual(["A", "B"]);
    expect(names(await list(`?requesterId=${company.maker.id}`))).toEqual(["A", "D"]);

    const first = await list("?status=PENDING&limit=2");
    const second = await list(`?status=PENDING&limit=2&cursor=${first.body.nextCursor}`);
    expect([...names(first), ...names(second), second.body.nextCursor]).toEqual(["A", "B", "C", null]);
    expect((await list("?minAgeDays=-1")).status).toBe(400);
    expect((await list("?sort=sideways")).status).toBe(400);
    // A maker still sees only their own, whatever the filters say.
    expect(names(await list(`?requesterId=${company.salesMaker.id}`, company.maker.token))).toEqual([]);
  });
});

describe("GET /api/v1/requests/{id}", () => {
  it("shows everything needed to decide, to IT; the requester and their manager see it, others get 404", async () => {
    const world = await queue();
    await insertConnector({
      name: "Workday old",
      service: "workday",
      keyExpiresAt: inDays(-3),
      status: "EXPIRED",
    });
    await insertConnector({
      name: "Workday",
      service: "workday",
      keyExpiresAt: inDays(60),
      sharing: "DEPARTMENTS",
      departmentIds: [world.hr.id],
    });
    const id = world.old.id;
    const get = (token: string) =>
      callRoute(item.GET, "GET", `/api/v1/requests/${id}`, { token, params: { id } });

    const asIt = await get(company.it.token);
    expect(asIt.status).toBe(200);
    expect(asIt.body).toMatchObject({
      id,
      status: "PENDING",
      ageDays: 10,
      justification: "The nightly sync needs the API.",
      automation: {
        id: world.automations.a.id,
        name: "A",
        status: "PENDING",
        kind: "API_INTEGRATION",
        runMode: "UNATTENDED",
        department: { id: company.finance.id, name: "Finance" },
        owner: { id: company.maker.id, email: "mia.maker@preflight.test" },
      },
      prerequisite: {
        key: "SHARED_KEY_CONNECTOR:service api",
        type: "SHARED_KEY_CONNECTOR",
        status: "REQUESTED",
        systemName: "Service API",
      },
      comments: [],
      permissions: { decide: true, assign: true, withdraw: false, comment: true },
    });
    expect(asIt.body.requesterOtherRequests.map((r: { id: string }) => r.id)).toEqual([world.decided.id]);
    expect(asIt.body.history.map((h: { action: string }) => h.action)).toEqual(["request.created"]);
    expect(
      asIt.body.suggestedConnectors.map((c: { name: string; usable: boolean }) => [c.name, c.usable]),
    ).toEqual([
      ["Workday", true],
      ["Workday old", false],
    ]);

    const asRequester = await get(company.maker.token);
    expect(asRequester.status).toBe(200);
    expect(asRequester.body.permissions).toEqual({
      decide: false,
      assign: false,
      withdraw: true,
      comment: true,
    });
    expect(asRequester.body.suggestedConnectors[0]).not.toHaveProperty("keyReference");
    expect((await get(company.manager.token)).body.permissions).toMatchObject({
      decide: false,
      comment: false,
    });
    expect((await get(company.colleague.token)).status).toBe(404);
    expect((await get(company.salesMaker.token)).status).toBe(404);
  });
});

describe("assign and comment", () => {
  it("assigns to self (version-guarded, audited); comments notify the other side; managers may not comment", async () => {
    const world = await queue();
    const id = world.old.id;
    const take = (token: string, version: number) =>
      callRoute(assign.POST, "POST", `/api/v1/requests/${id}/assign`, {
        token,
        body: { version },
        params: { id },
      });

    const taken = await take(company.it.token, 1);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ version: 2, assignee: { id: company.it.id, name: "ivan.it" } });
    const stale = await take(company.it2.token, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/assigned to ivan\.it/);
    expect((await take(company.maker.token, 2)).status).toBe(403);
    expect(await prisma.auditEvent.count({ where: { action: "request.assigned", entityId: id } })).toBe(1);

    const comment = (token: string, body: unknown) =>
      callRoute(comments.POST, "POST", `/api/v1/requests/${id}/comments`, { token, body, params: { id } });
    const question = await comment(company.it.token, { body: "Which Workday tenant?" });
    expect(question.status).toBe(201);
    expect(question.body).toMatchObject({ body: "Which Workday tenant?", author: { id: company.it.id } });
    const answer = await comment(company.maker.token, { body: "  The production tenant.  " });
    expect(answer.status).toBe(201);
    expect(answer.body.body).toBe("The production tenant.");
    const told = await prisma.notification.findMany({
      where: { kind: "request.commented" },
      orderBy: { createdAt: "asc" },
    });
    expect(told.map((n) => [n.userId, n.link])).toEqual([
      [company.maker.id, `/automations/${world.automations.a.id}`],
      [company.it.id, `/queue/${id}`],
    ]);
    expect((await comment(company.manager.token, { body: "hi" })).status).toBe(403);
    expect((await comment(company.it.token, { body: "" })).status).toBe(400);
    const secret = await comment(company.maker.token, { body: "the key is AKIAIOSFODNN7EXAMPLE" });
    expect(secret.status).toBe(422);
    expect(await prisma.requestComment.count()).toBe(2);
    const detail = await callRoute(item.GET, "GET", `/api/v1/requests/${id}`, {
      token: company.it.token,
      params: { id },
    });
    expect(detail.body.comments.map((c: { body: string }) => c.body)).toEqual([
      "Which Workday tenant?",
      "The production tenant.",
    ]);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      "request.commented",
      "request.commented",
      "request.assigned",
      "request.created",
    ]);
    expect(detail.body.permissions.assign).toBe(false);
  });
});

describe("notifications", () => {
  it("lists the caller's own, newest first, with the unread count; marks some or all read", async () => {
    const gateway = await insertGateway({ name: "gw" });
    const flow = await desktopFlow({
      name: "Robot",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
    });
    for (const days of [3, 2, 1]) {
      await prisma.notification.create({
        data: {
          userId: company.maker.id,
          kind: "test",
          title: `${days} days ago`,
          body: "b",
          createdAt: new Date(Date.now() - days * DAY),
        },
      });
    }
    await prisma.notification.create({
      data: { userId: company.colleague.id, kind: "test", title: "not yours", body: "b" },
    });
    const request = await gatewayRequest(flow.id, company.maker.id);
    await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "ok",
      version: 1,
      gatewayId: gateway.id,
    });
    const get = (query = "") =>
      callRoute(notifications.GET, "GET", `/api/v1/notifications${query}`, { token: company.maker.token });

    const page = await get("?limit=2");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      unreadCount: 4,
      items: [{ kind: "request.approved", readAt: null }, { title: "1 days ago" }],
    });
    expect(page.body.items[0]).toEqual({
      id: expect.any(String),
      kind: "request.approved",
      title: "Your gateway request was approved",
      body: expect.stringContaining("gateway “gw”"),
      link: `/automations/${flow.id}`,
      readAt: null,
      createdAt: expect.any(String),
    });
    const rest = await get(`?limit=2&cursor=${page.body.nextCursor}`);
    expect(rest.body.items.map((n: { title: string }) => n.title)).toEqual(["2 days ago", "3 days ago"]);

    const foreign = await prisma.notification.findFirstOrThrow({ where: { userId: company.colleague.id } });
    const read = await callRoute(readRoute.POST, "POST", "/api/v1/notifications/read", {
      token: company.maker.token,
      body: { ids: [page.body.items[0].id, foreign.id] },
    });
    expect(read.body).toEqual({ unreadCount: 3 });
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: foreign.id } })).readAt).toBeNull();
    expect((await get("?unread=true")).body.items.map((n: { title: string }) => n.title)).toEqual([
      "1 days ago",
      "2 days ago",
      "3 days ago",
    ]);
    const all = await callRoute(readRoute.POST, "POST", "/api/v1/notifications/read", {
      token: company.maker.token,
      body: { all: true },
    });
    expect(all.body).toEqual({ unreadCount: 0 });
    const bad = await callRoute(readRoute.POST, "POST", "/api/v1/notifications/read", {
      token: company.maker.token,
      body: { ids: [] },
    });
    expect(bad.status).toBe(400);
  });
});
