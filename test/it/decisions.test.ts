import { beforeEach, describe, expect, it } from "vitest";
import * as withdraw from "@/app/api/v1/requests/[id]/withdraw/route";
import { insertConnector, insertGateway } from "@/lib/testing/factories";
import {
  approvers,
  connectorRequest,
  decide,
  desktopFlow,
  gatewayRequest,
  sharedKeyAutomation,
  statusOf,
} from "@/test/support/approvals";
import { newConnector } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

async function pendingConnectorRequest(service = "workday") {
  const automation = await sharedKeyAutomation({
    name: "HR sync",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    service,
  });
  const request = await connectorRequest(automation.id, company.maker.id);
  return { automation, request };
}

describe("POST /api/v1/requests/{id}/decision — race safety", () => {
  it("20 concurrent approvals: exactly one 200, 19 × 409 naming the decider, one audit event", async () => {
    const { automation, request } = await pendingConnectorRequest();
    const team = await approvers(20);

    const answers = await Promise.all(
      team.map((approver) =>
        decide(approver.token, request.id, {
          decision: "APPROVE",
          reason: "Approved for the HR sync",
          version: 1,
          connector: newConnector("ALL", { name: `Workday by ${approver.name}` }),
        }),
      ),
    );

    const ok = answers.filter((answer) => answer.status === 200);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const winner = team.find((approver) => approver.id === ok[0]!.body.decidedBy.id)!;
    for (const conflict of conflicts) {
      expect(conflict.body.error.code).toBe("CONFLICT");
      expect(conflict.body.error.message).toMatch(
        new RegExp(`^Already approved by ${winner.name} at \\d{4}-`),
      );
      expect(conflict.body.error.current).toMatchObject({ id: request.id, status: "APPROVED", version: 2 });
    }
    expect(await prisma.auditEvent.count({ where: { action: "request.approved" } })).toBe(1);
    // Only the winner's connector exists: the losers' transactions left nothing behind.
    const connectors = await prisma.connector.findMany({ where: { service: "workday" } });
    expect(connectors.map((c) => c.name)).toEqual([`Workday by ${winner.name}`]);
    expect((await statusOf(automation.id)).status).toBe("READY");
  });
});

describe("POST /api/v1/requests/{id}/decision — rules", () => {
  it("refuses a decision on one's own request with 422, writing nothing", async () => {
    const { request } = await pendingConnectorRequest();
    // The requester is also an IT approver.
    await prisma.roleAssignment.create({
      data: { userId: company.maker.id, role: "IT_APPROVER", source: "APP" },
    });
    const before = await rowCounts();

    const answer = await decide(company.maker.token, request.id, {
      decision: "REJECT",
      reason: "Not needed",
      version: 1,
    });

    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/another IT approver/);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 409 with the current request when it was withdrawn", async () => {
    const { request } = await pendingConnectorRequest();
    const withdrawn = await callRoute(withdraw.POST, "POST", `/api/v1/requests/${request.id}/withdraw`, {
      token: company.maker.token,
      body: {},
      params: { id: request.id },
    });
    expect(withdrawn.status).toBe(200);

    const answer = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "ok",
      version: 2,
      connector: newConnector("ALL"),
    });

    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/withdrew/);
    expect(answer.body.error.current).toMatchObject({ id: request.id, status: "WITHDRAWN", version: 2 });
    expect(await prisma.connector.count({ where: { service: "workday" } })).toBe(0);
  });

  it("answers 409 to a stale version, and to a second decision", async () => {
    const { request } = await pendingConnectorRequest();
    const stale = await decide(company.it.token, request.id, { decision: "REJECT", reason: "x", version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 1/);

    expect(
      (await decide(company.it.token, request.id, { decision: "REJECT", reason: "No", version: 1 })).status,
    ).toBe(200);
    const again = await decide(company.it2.token, request.id, {
      decision: "REJECT",
      reason: "No",
      version: 2,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^Already rejected by ivan\.it at /);
  });

  it("rejects: prerequisite REJECTED, automation BLOCKED, requester told the reason", async () => {
    const { automation, request } = await pendingConnectorRequest();

    const answer = await decide(company.it.token, request.id, {
      decision: "REJECT",
      reason: "Use the HR data warehouse export instead",
      version: 1,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "REJECTED",
      version: 2,
      decisionReason: "Use the HR data warehouse export instead",
      decidedBy: { id: company.it.id },
      connectorId: null,
    });
    const after = await statusOf(automation.id);
    expect(after.status).toBe("BLOCKED");
    expect(after.prerequisites[0]).toMatchObject({ type: "SHARED_KEY_CONNECTOR", status: "REJECTED" });
    expect(after.prerequisites[0]!.reason).toContain("Use the HR data warehouse export instead");
    const notification = await prisma.notification.findFirstOrThrow({
      where: { userId: company.maker.id, kind: "request.rejected" },
    });
    expect(notification.title).toBe("Your connector request for “workday” was rejected");
    expect(notification.body).toContain("Use the HR data warehouse export instead");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "request.rejected" } });
    expect(audit).toMatchObject({ actorId: company.it.id, entityId: request.id });
    expect(audit.before).toEqual({ status: "PENDING", version: 1 });
  });

  it("validates the body against the request's type (400) and the catalog (422), writing nothing", async () => {
    const { request } = await pendingConnectorRequest();
    const before = await rowCounts();
    const approve = (body: Record<string, unknown>) =>
      decide(company.it.token, request.id, { decision: "APPROVE", reason: "ok", version: 1, ...body });

    const missing = await approve({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty("connector");
    const noReason = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: " ",
      version: 1,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty("reason");
    const rejectWithConnector = await decide(company.it.token, request.id, {
      decision: "REJECT",
      reason: "no",
      version: 1,
      connector: { connectorId: company.erpConnector.id },
    });
    expect(rejectWithConnector.status).toBe(400);
    const past = await approve({ connector: newConnector("ALL", { keyExpiresAt: "2020-01-01" }) });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty(["connector.keyExpiresAt"]);
    const secret = await approve({
      connector: newConnector("ALL", { keyReference: "AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==" }),
    });
    expect(secret.status).toBe(422);
    expect(secret.body.error.fields).toHaveProperty(["connector.keyReference"]);
    expect(secret.text).not.toContain("Zm9vYmFy");
    const wrongService = await approve({ connector: { connectorId: company.erpConnector.id } });
    expect(wrongService.status).toBe(422);
    expect(wrongService.body.error.message).toMatch(/is for “sap-erp”, not “workday”/);
    const notShared = await approve({ connector: newConnector([company.sales.id]) });
    expect(notShared.status).toBe(422);
    expect(notShared.body.error.fields).toHaveProperty(["connector.sharedWith"]);
    expect((await approve({ connector: newConnector("ALL") })).status).toBe(200);
    expect(await rowCounts()).not.toEqual(before);
  });

  it("links an existing connector and shares it with the requesting department", async () => {
    const existing = await insertConnector({
      name: "Workday (Sales)",
      service: "workday",
      keyExpiresAt: inDays(90),
      sharing: "DEPARTMENTS",
      departmentIds: [company.sales.id],
    });
    const { automation, request } = await pendingConnectorRequest();

    const answer = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Reuse the Sales connector",
      version: 1,
      connector: { connectorId: existing.id },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "APPROVED", connectorId: existing.id });
    const links = await prisma.connectorDepartment.findMany({ where: { connectorId: existing.id } });
    expect(links.map((l) => l.departmentId).sort()).toEqual([company.finance.id, company.sales.id].sort());
    expect((await statusOf(automation.id)).status).toBe("READY");
    expect(
      await prisma.auditEvent.count({ where: { action: "connector.shared", entityId: existing.id } }),
    ).toBe(1);
    expect(await prisma.connector.count({ where: { service: "workday" } })).toBe(1);
  });

  it("is 404 for a malformed or unknown id and 403 for a maker", async () => {
    const { request } = await pendingConnectorRequest();
    const body = { decision: "REJECT", reason: "x", version: 1 };
    expect((await decide(company.it.token, "nope", body)).status).toBe(404);
    expect((await decide(company.it.token, "8b0c6a8e-1f7e-4b8a-9d7b-3a1e2f4c5d6e", body)).status).toBe(404);
    expect((await decide(company.colleague.token, request.id, body)).status).toBe(403);
  });
});

describe("POST /api/v1/requests/{id}/decision — gateways", () => {
  it("assigns an existing ONLINE gateway: the automation turns READY", async () => {
    const gateway = await insertGateway({ name: "gw-eu-west-1" });
    const flow = await desktopFlow({
      name: "Invoice robot",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
    });
    const request = await gatewayRequest(flow.id, company.maker.id);

    const answer = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Use the EU gateway",
      version: 1,
      gatewayId: gateway.id,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "APPROVED", gatewayId: gateway.id });
    const after = await prisma.automation.findUniqueOrThrow({ where: { id: flow.id } });
    expect(after).toMatchObject({ gatewayId: gateway.id, status: "READY" });
    expect(await prisma.auditEvent.count({ where: { action: "automation.gateway_assigned" } })).toBe(1);
  });

  it("registers a new gateway; refuses an offline one and a machine group for a cloud flow", async () => {
    const offline = await insertGateway({ name: "gw-old", status: "OFFLINE" });
    const flow = await desktopFlow({
      name: "Invoice robot",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
    });
    const request = await gatewayRequest(flow.id, company.maker.id);
    const approve = (body: Record<string, unknown>) =>
      decide(company.it.token, request.id, { decision: "APPROVE", reason: "ok", version: 1, ...body });

    expect((await approve({ gatewayId: offline.id })).status).toBe(422);
    expect((await approve({ connector: { connectorId: company.erpConnector.id } })).status).toBe(400);
    expect(
      (await approve({ gatewayId: offline.id, gateway: { name: "x", cluster: "c", host: "h", region: "r" } }))
        .status,
    ).toBe(400);
    const taken = await approve({ gateway: { name: "gw-old", cluster: "c", host: "h", region: "r" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toHaveProperty(["gateway.name"]);

    const answer = await approve({
      gateway: {
        name: "Finance desktops",
        kind: "MACHINE_GROUP",
        cluster: "fin",
        host: "fin-rpa-01",
        region: "EU",
      },
    });
    expect(answer.status).toBe(200);
    const created = await prisma.gateway.findUniqueOrThrow({ where: { name: "Finance desktops" } });
    expect(answer.body.gatewayId).toBe(created.id);
    expect((await prisma.automation.findUniqueOrThrow({ where: { id: flow.id } })).status).toBe("READY");
  });
});
