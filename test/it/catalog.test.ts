import { beforeEach, describe, expect, it } from "vitest";
import * as connectorImpact from "@/app/api/v1/connectors/[id]/impact/route";
import * as connectorItem from "@/app/api/v1/connectors/[id]/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gatewayImpact from "@/app/api/v1/gateways/[id]/impact/route";
import * as gatewayItem from "@/app/api/v1/gateways/[id]/route";
import * as gateways from "@/app/api/v1/gateways/route";
import { insertConnector, insertGateway } from "@/lib/testing/factories";
import { desktopFlow, sharedKeyAutomation } from "@/test/support/approvals";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

const body = (overrides: Record<string, unknown> = {}) => ({
  name: "Workday",
  service: "Workday",
  ownerTeam: "IT Integration",
  keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
  keyExpiresAt: inDays(120).toISOString().slice(0, 10),
  sharedWith: "ALL",
  ...overrides,
});

const statusOf = async (id: string) => (await prisma.automation.findUniqueOrThrow({ where: { id } })).status;

describe("POST /api/v1/connectors", () => {
  it("creates a connector (201): the service's automations re-derive, audited", async () => {
    const automation = await sharedKeyAutomation({
      name: "HR sync",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      service: "workday",
    });
    expect(await statusOf(automation.id)).toBe("PENDING");

    const created = await callRoute(connectors.POST, "POST", "/api/v1/connectors", {
      token: company.it.token,
      body: body(),
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Workday",
      service: "workday",
      status: "APPROVED",
      sharing: "ALL",
      owner: { id: company.it.id },
      keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
      usable: true,
      version: 1,
    });
    expect(await statusOf(automation.id)).toBe("READY");
    expect(
      await prisma.auditEvent.count({ where: { action: "connector.created", entityId: created.body.id } }),
    ).toBe(1);
    const notification = await prisma.notification.findFirstOrThrow({ where: { userId: company.maker.id } });
    expect(notification.title).toBe("“HR sync” is ready to run");
  });

  it("refuses a past expiry (422), a secret (422), unknown departments (422), bad input (400), makers (403)", async () => {
    const before = await rowCounts();
    const post = (overrides: Record<string, unknown>, token = company.it.token) =>
      callRoute(connectors.POST, "POST", "/api/v1/connectors", { token, body: body(overrides) });

    const past = await post({ keyExpiresAt: "2020-01-31" });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toEqual({ keyExpiresAt: "Must be a date in the future." });
    const secret = await post({ keyReference: "-----BEGIN RSA PRIVATE KEY-----\nMIIB" });
    expect(secret.status).toBe(422);
    expect(secret.body.error.fields).toHaveProperty("keyReference");
    const unknown = await post({ sharedWith: ["8b0c6a8e-1f7e-4b8a-9d7b-3a1e2f4c5d6e"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty(["sharedWith.0"]);
    const malformed = await post({ keyExpiresAt: "next year", sharedWith: [] });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields).sort()).toEqual(["keyExpiresAt", "sharedWith"]);
    expect((await post({}, company.maker.token)).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("GET and PATCH /api/v1/connectors/{id}, impact", () => {
  it("shows dependents and the blast radius of a revocation", async () => {
    const { hr } = company;
    const make = (name: string, departmentId: string, ownerId: string) =>
      sharedKeyAutomation({ name, departmentId, ownerId, service: "sap-erp" });
    await make("ERP A", company.finance.id, company.maker.id);
    await make("ERP B", company.finance.id, company.colleague.id);
    await make("ERP C", company.sales.id, company.salesMaker.id);
    await make("ERP D", hr.id, company.salesMaker.id);
    const id = company.erpConnector.id;

    const detail = await callRoute(connectorItem.GET, "GET", `/api/v1/connectors/${id}`, {
      token: company.it.token,
      params: { id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.dependents).toMatchObject({ total: 4, departments: 3 });
    expect(detail.body.dependents.automations.map((a: { name: string }) => a.name)).toEqual([
      "ERP A",
      "ERP B",
      "ERP C",
      "ERP D",
    ]);
    expect(detail.body.dependents.automations[0]).toMatchObject({
      status: "READY",
      department: { id: company.finance.id, name: "Finance" },
      owner: { id: company.maker.id },
    });
    // A maker sees the connector and only their own dependents; no key reference.
    const asMaker = await callRoute(connectorItem.GET, "GET", `/api/v1/connectors/${id}`, {
      token: company.maker.token,
      params: { id },
    });
    expect(asMaker.body.dependents).toMatchObject({ total: 1, departments: 1 });
    expect(asMaker.body).not.toHaveProperty("keyReference");

    // Sales has its own usable connector: revoking the shared one does not block ERP C.
    await insertConnector({
      name: "ERP (Sales)",
      service: "sap-erp",
      keyExpiresAt: inDays(30),
      sharing: "DEPARTMENTS",
      departmentIds: [company.sales.id],
    });
    const impact = await callRoute(
      connectorImpact.GET,
      "GET",
      `/api/v1/connectors/${id}/impact?action=revoke`,
      {
        token: company.it.token,
        params: { id },
      },
    );
    expect(impact.status).toBe(200);
    expect(impact.body).toEqual({
      automations: 4,
      departments: 3,
      byDepartment: [
        { departmentId: company.finance.id, name: "Finance", count: 2, wouldBlock: 2 },
        { departmentId: hr.id, name: "HR", count: 1, wouldBlock: 1 },
        { departmentId: company.sales.id, name: "Sales", count: 1, wouldBlock: 0 },
      ],
      wouldBlock: 3,
    });
    const asMakerImpact = await callRoute(
      connectorImpact.GET,
      "GET",
      `/api/v1/connectors/${id}/impact?action=revoke`,
      {
        token: company.maker.token,
        params: { id },
      },
    );
    expect(asMakerImpact.status).toBe(403);
    const badAction = await callRoute(
      connectorImpact.GET,
      "GET",
      `/api/v1/connectors/${id}/impact?action=delete`,
      {
        token: company.it.token,
        params: { id },
      },
    );
    expect(badAction.status).toBe(400);
  });

  it("renews an expired connector: APPROVED again, dependents READY; version-guarded; revoked is final", async () => {
    const connector = await insertConnector({
      name: "Payroll",
      service: "payroll",
      keyExpiresAt: inDays(-1),
      status: "EXPIRED",
      ownerId: company.it.id,
    });
    const automation = await sharedKeyAutomation({
      name: "Payroll export",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      service: "payroll",
    });
    expect(await statusOf(automation.id)).toBe("BLOCKED");
    const patch = (payload: Record<string, unknown>, id = connector.id) =>
      callRoute(connectorItem.PATCH, "PATCH", `/api/v1/connectors/${id}`, {
        token: company.it.token,
        body: payload,
        params: { id },
      });

    const renewed = await patch({ version: 1, keyExpiresAt: inDays(365).toISOString() });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ status: "APPROVED", version: 2, usable: true });
    expect(await statusOf(automation.id)).toBe("READY");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "connector.updated" } });
    expect(Object.keys(audit.after as object).sort()).toEqual(["keyExpiresAt", "status", "version"]);

    const stale = await patch({ version: 1, name: "Payroll API" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2 });
    expect((await patch({ version: 2 })).status).toBe(400);
    expect((await patch({ version: 2, keyExpiresAt: "2020-01-01" })).status).toBe(422);

    // Narrowing the sharing to Sales blocks Finance's automation at once.
    const narrowed = await patch({ version: 2, sharedWith: [company.sales.id] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.departments).toEqual([{ id: company.sales.id, name: "Sales" }]);
    expect(await statusOf(automation.id)).toBe("PENDING");

    await prisma.connector.update({ where: { id: connector.id }, data: { status: "REVOKED" } });
    const revoked = await patch({ version: 3, name: "Again" });
    expect(revoked.status).toBe(409);
    expect(revoked.body.error.message).toMatch(/revoked/);
  });
});

describe("gateways", () => {
  it("creates, then OFFLINE blocks its automations at once and ONLINE brings them back", async () => {
    const created = await callRoute(gateways.POST, "POST", "/api/v1/gateways", {
      token: company.it.token,
      body: {
        name: "gw-eu-west-1",
        kind: "DATA_GATEWAY",
        cluster: "eu-west",
        host: "gw1.corp",
        region: "West Europe",
        adminIds: [company.it.id],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "ONLINE", version: 1, admins: [{ id: company.it.id }] });
    const id = created.body.id as string;
    const flows = await Promise.all(
      ["Robot 1", "Robot 2"].map((name) =>
        desktopFlow({ name, ownerId: company.maker.id, departmentId: company.finance.id, gatewayId: id }),
      ),
    );
    const salesFlow = await desktopFlow({
      name: "Robot S",
      ownerId: company.salesMaker.id,
      departmentId: company.sales.id,
      gatewayId: id,
    });
    expect(await statusOf(flows[0]!.id)).toBe("READY");

    const impact = await callRoute(gatewayImpact.GET, "GET", `/api/v1/gateways/${id}/impact?status=OFFLINE`, {
      token: company.it.token,
      params: { id },
    });
    expect(impact.body).toMatchObject({ automations: 3, departments: 2, wouldBlock: 3 });

    const patch = (payload: Record<string, unknown>) =>
      callRoute(gatewayItem.PATCH, "PATCH", `/api/v1/gateways/${id}`, {
        token: company.it.token,
        body: payload,
        params: { id },
      });
    const offline = await patch({ version: 1, status: "OFFLINE" });
    expect(offline.status).toBe(200);
    expect(offline.body).toMatchObject({ status: "OFFLINE", version: 2, dependents: { total: 3 } });
    for (const flow of [...flows, salesFlow]) expect(await statusOf(flow.id)).toBe("BLOCKED");
    const told = await prisma.notification.findMany({ where: { kind: "gateway.status_changed" } });
    expect(told.map((n) => [n.userId, n.title]).sort()).toEqual(
      [
        [company.maker.id, "2 of your automations are blocked"],
        [company.salesMaker.id, "“Robot S” is blocked"],
      ].sort(),
    );
    const prerequisite = await prisma.prerequisite.findFirstOrThrow({
      where: { automationId: flows[0]!.id },
    });
    expect(prerequisite).toMatchObject({ type: "GATEWAY", status: "EXPIRED", gatewayId: id });

    const online = await patch({ version: 2, status: "ONLINE" });
    expect(online.status).toBe(200);
    for (const flow of [...flows, salesFlow]) expect(await statusOf(flow.id)).toBe("READY");
    expect(await prisma.auditEvent.count({ where: { action: "gateway.status_changed", entityId: id } })).toBe(
      2,
    );

    const decommissioned = await patch({ version: 3, status: "DECOMMISSIONED" });
    expect(decommissioned.status).toBe(200);
    expect((await patch({ version: 4, status: "ONLINE" })).status).toBe(409);
  });

  it("shows a gateway with admins and dependents; refuses duplicates and unknown admins", async () => {
    const gateway = await insertGateway({ name: "gw-1", adminIds: [company.it.id] });
    await desktopFlow({
      name: "Robot",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      gatewayId: gateway.id,
    });
    const detail = await callRoute(gatewayItem.GET, "GET", `/api/v1/gateways/${gateway.id}`, {
      token: company.maker.token,
      params: { id: gateway.id },
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      name: "gw-1",
      admins: [{ id: company.it.id, name: "ivan.it" }],
      dependents: { total: 1, departments: 1 },
    });
    const post = (payload: Record<string, unknown>) =>
      callRoute(gateways.POST, "POST", "/api/v1/gateways", {
        token: company.it.token,
        body: { kind: "DATA_GATEWAY", cluster: "c", host: "h", region: "r", ...payload },
      });
    const duplicate = await post({ name: "gw-1" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.fields).toHaveProperty("name");
    const unknown = await post({ name: "gw-2", adminIds: ["8b0c6a8e-1f7e-4b8a-9d7b-3a1e2f4c5d6e"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty(["adminIds.0"]);
    const missing = await callRoute(gatewayItem.GET, "GET", "/api/v1/gateways/nope", {
      token: company.it.token,
      params: { id: "nope" },
    });
    expect(missing.status).toBe(404);
  });
});
