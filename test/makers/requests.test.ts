import { beforeEach, describe, expect, it } from "vitest";
import * as withdraw from "@/app/api/v1/requests/[id]/withdraw/route";
import * as collection from "@/app/api/v1/requests/route";
import { ZCreateAutomationBody } from "@/lib/automations/schemas";
import { createAutomation } from "@/lib/automations/server/create-automation";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { expenseReporting } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;
let automation: Awaited<ReturnType<typeof createAutomation>>;
let sharedKey: { id: string; key: string };
let gateway: { id: string };

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
  const body = expenseReporting();
  // No approved connector exists for payroll, so its prerequisite is OUTSTANDING.
  body.systems[2]!.service = "payroll";
  automation = await createAutomation({
    caller: company.maker.caller,
    input: parseBody(body),
  });
  sharedKey = automation.prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR")!;
  gateway = automation.prerequisites.find((p) => p.type === "GATEWAY")!;
});

/** The services take parsed input; the API's own schema parses it. */
function parseBody(body: unknown) {
  return ZCreateAutomationBody.parse(body);
}

const file = (token: string, body: Record<string, unknown>) =>
  callRoute(collection.POST, "POST", "/api/v1/requests", { token, body });
const withdrawIt = (token: string, id: string, body: Record<string, unknown> = {}) =>
  callRoute(withdraw.POST, "POST", `/api/v1/requests/${id}/withdraw`, { token, body, params: { id } });
/** What a request names for IT (test/makers/request-details.test.ts checks them field by field). */
const CONNECTOR_DETAILS = {
  vendor: "Payroll Cloud",
  baseUrl: "https://api.payroll.example.com/v2",
  authScheme: "API_KEY_HEADER",
  scopes: ["read:employees"],
  dataClassification: "CONFIDENTIAL",
};
const GATEWAY_DETAILS = {
  type: "SAP",
  server: "erp.corp.example.com",
  database: "PRD",
  environment: "PRODUCTION",
};
const connectorRequest = () => ({
  type: "SHARED_KEY_CONNECTOR",
  automationId: automation.id,
  prerequisiteId: sharedKey.id,
  justification: "Payroll export needs the payroll API",
  details: CONNECTOR_DETAILS,
});
const prerequisiteStatus = async (id: string) =>
  (await prisma.prerequisite.findUniqueOrThrow({ where: { id } })).status;

describe("POST /api/v1/requests", () => {
  it("files a request: 201, prerequisite REQUESTED, IT approvers notified, audited", async () => {
    const response = await file(company.maker.token, connectorRequest());

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: "SHARED_KEY_CONNECTOR",
      status: "PENDING",
      version: 1,
      automationId: automation.id,
      prerequisiteId: sharedKey.id,
      prerequisiteKey: "SHARED_KEY_CONNECTOR:erp",
      service: "payroll",
      departmentId: company.finance.id,
      justification: "Payroll export needs the payroll API",
      requester: { id: company.maker.id },
      automation: { id: automation.id, name: "Expense reporting" },
    });
    expect(await prerequisiteStatus(sharedKey.id)).toBe("REQUESTED");

    const notifications = await prisma.notification.findMany({ orderBy: { userId: "asc" } });
    // One per active IT approver: the deactivated one gets none.
    expect(notifications.map((n) => n.userId).sort()).toEqual([company.it.id, company.it2.id].sort());
    expect(notifications[0]).toMatchObject({ kind: "request.created", link: `/queue/${response.body.id}` });
    expect(notifications[0]?.title).toBe("New connector request: payroll");
    const audit = await prisma.auditEvent.findFirst({ where: { entityId: response.body.id } });
    expect(audit).toMatchObject({ action: "request.created", actorId: company.maker.id });
  });

  it("answers 409 to a second request for the same prerequisite, with the pending one", async () => {
    const first = await file(company.maker.token, connectorRequest());
    const second = await file(company.maker.token, connectorRequest());
    expect(second.status).toBe(409);
    expect(second.body.error.current).toMatchObject({ id: first.body.id, status: "PENDING" });
    expect(await prisma.request.count()).toBe(1);
  });

  it("keeps exactly one of two simultaneous requests for one prerequisite", async () => {
    const results = await Promise.all([
      file(company.maker.token, connectorRequest()),
      file(company.maker.token, connectorRequest()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await prisma.request.count({ where: { status: "PENDING" } })).toBe(1);
  });

  it("refuses a type that is not requestable (400) or does not match the prerequisite (422)", async () => {
    // A CREDENTIAL is the maker's own to record: not a request type at all.
    const wrongType = await file(company.maker.token, { ...connectorRequest(), type: "CREDENTIAL" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fields).toHaveProperty(["type"]);
    const mismatch = await file(company.maker.token, {
      ...connectorRequest(),
      type: "GATEWAY",
      details: GATEWAY_DETAILS,
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.fields).toHaveProperty(["type"]);
  });

  it("answers 409 with its status for a prerequisite that is already SATISFIED", async () => {
    // IT adds a payroll connector: the prerequisite is satisfied without any request.
    await prisma.connector.create({
      data: {
        name: "Payroll",
        service: "payroll",
        ownerTeam: "IT",
        keyReference: "kv/payroll",
        keyExpiresAt: new Date(Date.now() + 86_400_000 * 30),
      },
    });
    await prisma.$transaction((tx) =>
      rederiveAutomations(tx, [automation.id], { actor: { id: null, label: "test" }, cause: "test" }),
    );
    const satisfied = await file(company.maker.token, connectorRequest());
    expect(satisfied.status).toBe(409);
    expect(satisfied.body.error.current).toEqual({ id: sharedKey.id, status: "SATISFIED" });
  });

  it("answers 404 for an automation the caller does not own, and for a foreign prerequisite", async () => {
    const before = await rowCounts();
    expect((await file(company.colleague.token, connectorRequest())).status).toBe(404);
    const other = await createAutomation({
      caller: company.colleague.caller,
      input: parseBody(expenseReporting()),
    });
    const foreign = await file(company.maker.token, {
      ...connectorRequest(),
      prerequisiteId: other.prerequisites[0]!.id,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe("Prerequisite not found.");
    expect((await rowCounts()).requests).toBe(before.requests);
  });

  it("refuses IT approvers (403) and a secret pasted as justification (422)", async () => {
    expect((await file(company.it.token, connectorRequest())).status).toBe(403);
    const secret = await file(company.maker.token, {
      ...connectorRequest(),
      justification: `here is the key: xoxb-${"123456789012-abcdefABCDEF"}`,
    });
    expect(secret.status).toBe(422);
    expect(secret.text).not.toContain("123456789012");
    expect(await prisma.request.count()).toBe(0);
  });

  it("files a gateway request", async () => {
    const response = await file(company.maker.token, {
      type: "GATEWAY",
      automationId: automation.id,
      prerequisiteId: gateway.id,
      justification: "ERP is on premises",
      details: GATEWAY_DETAILS,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: "GATEWAY", prerequisiteKey: "GATEWAY", service: null });
    expect(await prerequisiteStatus(gateway.id)).toBe("REQUESTED");
  });
});

describe("POST /api/v1/requests/{id}/withdraw", () => {
  it("withdraws: the prerequisite goes back to OUTSTANDING; a second withdrawal is 409", async () => {
    const filed = (await file(company.maker.token, connectorRequest())).body;

    const first = await withdrawIt(company.maker.token, filed.id, { version: 1 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: filed.id, status: "WITHDRAWN", version: 2 });
    expect(await prerequisiteStatus(sharedKey.id)).toBe("OUTSTANDING");

    const second = await withdrawIt(company.maker.token, filed.id);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe("This request is WITHDRAWN and can no longer be withdrawn.");
    expect(second.body.error.current).toMatchObject({ status: "WITHDRAWN", version: 2 });

    // Withdrawn, it can be requested again.
    expect((await file(company.maker.token, connectorRequest())).status).toBe(201);
  });

  it("answers a stale version with 409, and others with 404 / 403", async () => {
    const filed = (await file(company.maker.token, connectorRequest())).body;
    const stale = await withdrawIt(company.maker.token, filed.id, { version: 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ status: "PENDING", version: 1 });
    expect((await withdrawIt(company.salesMaker.token, filed.id)).status).toBe(404);
    expect((await withdrawIt(company.maker.token, "nope")).status).toBe(404);
    // IT sees every request but only the requester may withdraw one.
    expect((await withdrawIt(company.it.token, filed.id)).status).toBe(403);
    expect((await prisma.request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("PENDING");
  });
});

describe("GET /api/v1/requests", () => {
  it("scopes: requester their own, managers their departments, IT all", async () => {
    await file(company.maker.token, connectorRequest());
    const sales = await createAutomation({
      caller: company.salesMaker.caller,
      input: parseBody({ ...expenseReporting(), name: "Sales sync" }),
    });
    const salesGateway = sales.prerequisites.find((p) => p.type === "GATEWAY")!;
    await file(company.salesMaker.token, {
      type: "GATEWAY",
      automationId: sales.id,
      prerequisiteId: salesGateway.id,
      justification: "On premises",
      details: GATEWAY_DETAILS,
    });
    const list = async (token: string, query = "") =>
      (await callRoute(collection.GET, "GET", `/api/v1/requests${query}`, { token })).body.items
        .map((r: { automation: { name: string } }) => r.automation.name)
        .sort();

    expect(await list(company.maker.token)).toEqual(["Expense reporting"]);
    expect(await list(company.colleague.token)).toEqual([]);
    expect(await list(company.manager.token)).toEqual(["Expense reporting"]);
    expect(await list(company.it.token)).toEqual(["Expense reporting", "Sales sync"]);
    expect(await list(company.it.token, "?type=GATEWAY")).toEqual(["Sales sync"]);
    expect(await list(company.it.token, `?departmentId=${company.finance.id}&status=PENDING`)).toEqual([
      "Expense reporting",
    ]);
    const paged = await callRoute(collection.GET, "GET", "/api/v1/requests?limit=1", {
      token: company.it.token,
    });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });
});
