import { beforeEach, describe, expect, it } from "vitest";
import * as connectorRoute from "@/app/api/v1/connectors/[id]/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gatewayRoute from "@/app/api/v1/gateways/[id]/route";
import * as gateways from "@/app/api/v1/gateways/route";
import * as requests from "@/app/api/v1/requests/route";
import { insertAutomation, insertConnector, insertGateway, insertRequest } from "@/lib/testing/factories";
import { decide } from "@/test/support/approvals";
import { newConnector } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// An approval carries what the request named into the catalog, in the decision's transaction:
// the gateway lists the request's data source (once), a new connector records the request's
// API (IT may change any of it). IT sees and edits both on the catalog's records.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

const DATA_SOURCE = {
  type: "SQL_SERVER",
  server: "sql-pay-01.corp.example.com",
  database: "PayrollDB",
  environment: "PRODUCTION",
} as const;
const API = {
  vendor: "Payroll Cloud",
  baseUrl: "https://api.payroll.example.com/v2",
  authScheme: "API_KEY_HEADER",
  scopes: ["read:employees", "read:payslips"],
  dataClassification: "CONFIDENTIAL",
} as const;

/** A cloud flow reaching an on-premises system that signs in with a shared key for `service`. */
async function onPremisesFlow(name: string, service = "payroll") {
  const automation = await insertAutomation({
    name,
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [{ name: "Payroll API", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service }],
  });
  const prerequisites = await prisma.prerequisite.findMany({ where: { automationId: automation.id } });
  return {
    id: automation.id,
    gatewayPrerequisiteId: prerequisites.find((p) => p.type === "GATEWAY")!.id,
    connectorPrerequisiteId: prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR")!.id,
  };
}

async function fileGatewayRequest(name: string, details: Record<string, unknown> = DATA_SOURCE) {
  const automation = await onPremisesFlow(name);
  const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
    token: company.maker.token,
    body: {
      type: "GATEWAY",
      automationId: automation.id,
      prerequisiteId: automation.gatewayPrerequisiteId,
      justification: "The payroll database is on premises.",
      details,
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body as { id: string; version: number };
}

async function fileConnectorRequest(name: string, details: Record<string, unknown> = API) {
  const automation = await onPremisesFlow(name);
  const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
    token: company.maker.token,
    body: {
      type: "SHARED_KEY_CONNECTOR",
      automationId: automation.id,
      prerequisiteId: automation.connectorPrerequisiteId,
      justification: "The export calls the payroll API.",
      details,
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body as { id: string; version: number };
}

const getGateway = (id: string) =>
  callRoute(gatewayRoute.GET, "GET", `/api/v1/gateways/${id}`, { token: company.it.token, params: { id } });
const getConnector = (id: string, token = company.it.token) =>
  callRoute(connectorRoute.GET, "GET", `/api/v1/connectors/${id}`, { token, params: { id } });

describe("approving a GATEWAY request lists its data source on the gateway", () => {
  it("appends it to the assigned gateway once, however often it is asked for", async () => {
    const gateway = await insertGateway({ name: "gw-payroll" });
    const before = await prisma.gateway.findUniqueOrThrow({ where: { id: gateway.id } });

    const first = await fileGatewayRequest("Payroll export");
    const approved = await decide(company.it.token, first.id, {
      decision: "APPROVE",
      reason: "Payroll is served by gw-payroll.",
      version: 1,
      gatewayId: gateway.id,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.details).toEqual(DATA_SOURCE);

    const shown = await getGateway(gateway.id);
    expect(shown.body.dataSources).toEqual([DATA_SOURCE]);
    expect(shown.body.version).toBe(before.version + 1);
    const events = await prisma.auditEvent.findMany({
      where: { entityId: gateway.id, action: "gateway.data_source_added" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toEqual({ dataSources: [DATA_SOURCE], version: before.version + 1 });

    // The same source asked for again (written differently) and another one: one new entry.
    const again = await fileGatewayRequest("Payroll report", {
      ...DATA_SOURCE,
      server: "SQL-PAY-01.corp.example.com",
      database: "payrolldb",
      environment: "TEST",
    });
    const other = { ...DATA_SOURCE, database: "PensionsDB" };
    const another = await fileGatewayRequest("Pensions export", other);
    for (const request of [again, another]) {
      const answer = await decide(company.it.token, request.id, {
        decision: "APPROVE",
        reason: "Served by gw-payroll.",
        version: 1,
        gatewayId: gateway.id,
      });
      expect(answer.status).toBe(200);
    }
    expect((await getGateway(gateway.id)).body.dataSources).toEqual([DATA_SOURCE, other]);
    expect(
      await prisma.auditEvent.count({ where: { entityId: gateway.id, action: "gateway.data_source_added" } }),
    ).toBe(2);
    const list = await callRoute(gateways.GET, "GET", "/api/v1/gateways", { token: company.maker.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: gateway.id, dataSources: [DATA_SOURCE, other] }),
    ]);
  });

  it("registers a new gateway with the data source", async () => {
    const request = await fileGatewayRequest("Payroll export");
    const approved = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "New gateway for payroll.",
      version: 1,
      gateway: { name: "gw-payroll-2", cluster: "eu-1", host: "gw2.corp.example.com", region: "West Europe" },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const shown = await getGateway(approved.body.gatewayId);
    expect(shown.body.dataSources).toEqual([DATA_SOURCE]);
    const created = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: approved.body.gatewayId, action: "gateway.created" },
    });
    expect(created.after).toMatchObject({ dataSources: [DATA_SOURCE] });
  });

  it("leaves the gateway alone for a rejection and for a request filed before details existed", async () => {
    const gateway = await insertGateway({ name: "gw-payroll" });
    const rejected = await fileGatewayRequest("Payroll export");
    expect(
      (
        await decide(company.it.token, rejected.id, {
          decision: "REJECT",
          reason: "Use the API.",
          version: 1,
        })
      ).status,
    ).toBe(200);
    const automation = await onPremisesFlow("Older flow");
    const older = await insertRequest({
      automationId: automation.id,
      prerequisiteKey: "GATEWAY",
      type: "GATEWAY",
      requesterId: company.maker.id,
    });
    const approved = await decide(company.it.token, older.id, {
      decision: "APPROVE",
      reason: "Served by gw-payroll.",
      version: 1,
      gatewayId: gateway.id,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.details).toBeNull();
    const shown = await getGateway(gateway.id);
    expect(shown.body.dataSources).toEqual([]);
    expect(shown.body.version).toBe(1);
  });

  it("two approvals onto one gateway at once: both stand and both data sources are listed", async () => {
    const gateway = await insertGateway({ name: "gw-payroll" });
    const sources = ["PayrollDB", "PensionsDB", "BenefitsDB", "TimeDB"].map((database) => ({
      ...DATA_SOURCE,
      database,
    }));
    const filed = [];
    for (const [i, source] of sources.entries()) filed.push(await fileGatewayRequest(`Flow ${i}`, source));
    const answers = await Promise.all(
      filed.map((request, i) =>
        decide(i % 2 === 0 ? company.it.token : company.it2.token, request.id, {
          decision: "APPROVE",
          reason: "Served by gw-payroll.",
          version: 1,
          gatewayId: gateway.id,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const listed = (await getGateway(gateway.id)).body.dataSources as Array<{ database: string }>;
    expect(listed.map((source) => source.database).sort()).toEqual(sources.map((s) => s.database).sort());
  });
});

describe("approving a connector request records the request's API on a new connector", () => {
  it("fills vendor, baseUrl, authScheme, scopes and dataClassification from the request", async () => {
    const request = await fileConnectorRequest("Payroll export");
    const approved = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Key set up in the vault.",
      version: 1,
      connector: newConnector("ALL", { name: "Payroll Cloud (integration)" }),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Every signed-in person reads what IT approved.
    const shown = await getConnector(approved.body.connectorId, company.maker.token);
    expect(shown.body).toMatchObject({ ...API, scopes: [...API.scopes] });
    const created = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: approved.body.connectorId, action: "connector.created" },
    });
    expect(created.after).toMatchObject({ ...API, scopes: [...API.scopes] });
  });

  it("takes what IT changed in the decision form instead, the rest from the request", async () => {
    const request = await fileConnectorRequest("Payroll export");
    const approved = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Read-only key, classified restricted.",
      version: 1,
      connector: newConnector("ALL", {
        scopes: ["read:employees"],
        dataClassification: "RESTRICTED",
        baseUrl: "https://eu.api.payroll.example.com/v2",
      }),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await getConnector(approved.body.connectorId)).body).toMatchObject({
      vendor: API.vendor,
      authScheme: API.authScheme,
      baseUrl: "https://eu.api.payroll.example.com/v2",
      scopes: ["read:employees"],
      dataClassification: "RESTRICTED",
    });
  });

  it("refuses IT's changes by the same rules (400 naming connector.baseUrl) and writes nothing", async () => {
    const request = await fileConnectorRequest("Payroll export");
    const refused = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Approved.",
      version: 1,
      connector: newConnector("ALL", { baseUrl: "http://api.payroll.example.com" }),
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(["connector.baseUrl"]);
    expect(await prisma.connector.count({ where: { service: "payroll" } })).toBe(0);
    expect((await prisma.request.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
  });

  it("links an existing connector without changing what it records", async () => {
    const request = await fileConnectorRequest("Payroll export");
    const existing = await insertConnector({ name: "Payroll", service: "payroll", keyExpiresAt: inDays(90) });
    const approved = await decide(company.it.token, request.id, {
      decision: "APPROVE",
      reason: "Use the existing key.",
      version: 1,
      connector: { connectorId: existing.id },
    });
    expect(approved.status).toBe(200);
    expect((await getConnector(existing.id)).body).toMatchObject({
      vendor: null,
      baseUrl: null,
      authScheme: null,
      scopes: [],
      dataClassification: null,
    });
  });
});

describe("IT records and edits them on the catalog", () => {
  it("creates and edits a connector's API; null (and []) clears a field; bad values are named", async () => {
    const created = await callRoute(connectors.POST, "POST", "/api/v1/connectors", {
      token: company.it.token,
      body: { ...newConnector("ALL"), service: "workday", vendor: "Workday", scopes: ["read:workers"] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ vendor: "Workday", baseUrl: null, scopes: ["read:workers"] });
    const id = created.body.id as string;
    const patch = (body: Record<string, unknown>) =>
      callRoute(connectorRoute.PATCH, "PATCH", `/api/v1/connectors/${id}`, {
        token: company.it.token,
        body,
        params: { id },
      });

    const edited = await patch({
      version: 1,
      baseUrl: "https://wd5.myworkday.example.com/ccx/api",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      dataClassification: "CONFIDENTIAL",
      vendor: null,
      scopes: [],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      vendor: null,
      baseUrl: "https://wd5.myworkday.example.com/ccx/api",
      authScheme: "OAUTH2_CLIENT_CREDENTIALS",
      scopes: [],
      dataClassification: "CONFIDENTIAL",
      version: 2,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "connector.updated" },
    });
    expect(audit.before).toMatchObject({ vendor: "Workday", scopes: ["read:workers"], baseUrl: null });

    for (const [field, value] of [
      ["baseUrl", "http://wd5.myworkday.example.com"],
      ["authScheme", "NTLM"],
      ["dataClassification", "TOP_SECRET"],
      ["vendor", ""],
    ] as const) {
      const refused = await patch({ version: 2, [field]: value });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual([field]);
    }
  });

  it("replaces a gateway's data sources, refusing a repeated one by its index", async () => {
    const gateway = await insertGateway({ name: "gw-payroll" });
    const patch = (body: Record<string, unknown>) =>
      callRoute(gatewayRoute.PATCH, "PATCH", `/api/v1/gateways/${gateway.id}`, {
        token: company.it.token,
        body,
        params: { id: gateway.id },
      });
    const other = {
      type: "FILE_SHARE",
      server: "fs-01",
      database: "\\\\fs-01\\payroll",
      environment: "TEST",
    };
    const saved = await patch({ version: 1, dataSources: [DATA_SOURCE, other] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.dataSources).toEqual([DATA_SOURCE, other]);

    const repeated = await patch({ version: 2, dataSources: [other, { ...other, server: "FS-01" }] });
    expect(repeated.status).toBe(400);
    expect(Object.keys(repeated.body.error.fields)).toEqual(["dataSources.1"]);
    const incomplete = await patch({ version: 2, dataSources: [{ ...other, environment: undefined }] });
    expect(incomplete.status).toBe(400);
    expect(Object.keys(incomplete.body.error.fields)).toEqual(["dataSources.0.environment"]);

    // A stale edit form cannot write back a list an approval has since added to.
    const request = await fileGatewayRequest("Pensions export", { ...DATA_SOURCE, database: "PensionsDB" });
    expect(
      (
        await decide(company.it.token, request.id, {
          decision: "APPROVE",
          reason: "Served by gw-payroll.",
          version: 1,
          gatewayId: gateway.id,
        })
      ).status,
    ).toBe(200);
    const stale = await patch({ version: 2, dataSources: [] });
    expect(stale.status).toBe(409);
    expect((await getGateway(gateway.id)).body.dataSources).toHaveLength(3);

    const registered = await callRoute(gateways.POST, "POST", "/api/v1/gateways", {
      token: company.it.token,
      body: {
        name: "gw-files",
        cluster: "eu-1",
        host: "gw3.corp.example.com",
        region: "West Europe",
        dataSources: [other],
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body.dataSources).toEqual([other]);
  });
});
