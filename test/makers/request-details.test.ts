import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as automationRoute from "@/app/api/v1/automations/[id]/route";
import * as one from "@/app/api/v1/requests/[id]/route";
import * as exportRoute from "@/app/api/v1/requests/export/route";
import * as collection from "@/app/api/v1/requests/route";
import {
  AUTH_SCHEME_LABELS,
  DATA_CLASSIFICATION_LABELS,
  DATA_SOURCE_ENVIRONMENT_LABELS,
  DATA_SOURCE_TYPE_LABELS,
} from "@/lib/catalog/labels";
import { insertAutomation, insertRequest } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { parseCsv } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// What a maker's request names so that IT can act on it: a gateway request's data source, a
// connector request's API. Validated per type (every field refused by its name), stored, and
// shown wherever the request is: its page, the lists, the automation's page and the CSV export.

let company: Company;
let automationId: string;
let gatewayPrerequisiteId: string;
let connectorPrerequisiteId: string;

async function setUp() {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
  // A cloud flow calling an on-premises payroll API with a shared key: it needs a gateway and a
  // connector for "payroll", and the catalog has neither.
  const automation = await insertAutomation({
    name: "Payroll export",
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [
      { name: "Payroll API", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "payroll" },
    ],
  });
  automationId = automation.id;
  const prerequisites = await prisma.prerequisite.findMany({ where: { automationId } });
  gatewayPrerequisiteId = prerequisites.find((p) => p.type === "GATEWAY")!.id;
  connectorPrerequisiteId = prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR")!.id;
}

const DATA_SOURCE = {
  type: "SQL_SERVER",
  server: "sql-pay-01.corp.example.com\\PAYROLL",
  database: "PayrollDB",
  environment: "PRODUCTION",
};
const API = {
  vendor: "Payroll Cloud",
  baseUrl: "https://api.payroll.example.com/v2",
  authScheme: "API_KEY_HEADER",
  scopes: ["read:employees", "read:payslips"],
  dataClassification: "CONFIDENTIAL",
};

const gatewayBody = (details: unknown = DATA_SOURCE) => ({
  type: "GATEWAY",
  automationId,
  prerequisiteId: gatewayPrerequisiteId,
  justification: "The payroll database is on premises.",
  details,
});
const connectorBody = (details: unknown = API) => ({
  type: "SHARED_KEY_CONNECTOR",
  automationId,
  prerequisiteId: connectorPrerequisiteId,
  justification: "The export calls the payroll API.",
  details,
});

const file = (body: unknown, token = company.maker.token) =>
  callRoute(collection.POST, "POST", "/api/v1/requests", { token, body });

const without = (object: Record<string, unknown>, field: string) =>
  Object.fromEntries(Object.entries(object).filter(([key]) => key !== field));

describe("POST /api/v1/requests: details validated per type", () => {
  // Every case is refused before anything is written: one company serves them all.
  beforeAll(setUp);

  it.each([
    ["gateway", () => gatewayBody(undefined)],
    ["connector", () => connectorBody(undefined)],
  ])("refuses a %s request without details (400 naming details)", async (_label, body) => {
    const before = await rowCounts();
    const response = await file(without(body(), "details"));
    expect(response.status).toBe(400);
    expect(response.body.error.fields.details).toMatch(/^details is required/);
    expect(response.body.error.message).toContain("details");
    expect(await rowCounts()).toEqual(before);
  });

  const gatewayFaults: Array<[string, Record<string, unknown>, string]> = [
    ["type", without(DATA_SOURCE, "type"), "type must be one of"],
    ["type", { ...DATA_SOURCE, type: "EXCEL_ON_A_LAPTOP" }, "type must be one of"],
    ["server", without(DATA_SOURCE, "server"), "server is required"],
    ["server", { ...DATA_SOURCE, server: "   " }, "server is required"],
    ["server", { ...DATA_SOURCE, server: "s".repeat(256) }, "server must be at most 255"],
    ["database", without(DATA_SOURCE, "database"), "database is required"],
    ["database", { ...DATA_SOURCE, database: 42 }, "database must be text"],
    ["environment", without(DATA_SOURCE, "environment"), "environment must be one of"],
    ["environment", { ...DATA_SOURCE, environment: "Default-1234" }, "environment must be one of"],
  ];
  it.each(gatewayFaults)("GATEWAY: refuses details.%s (%j)", async (field, details, message) => {
    const response = await file(gatewayBody(details));
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields)).toEqual([`details.${field}`]);
    expect(response.body.error.fields[`details.${field}`]).toContain(message);
    expect(response.body.error.message).toContain(`details.${field}`);
  });

  const connectorFaults: Array<[string, Record<string, unknown>, string]> = [
    ["vendor", without(API, "vendor"), "vendor is required"],
    ["vendor", { ...API, vendor: "" }, "vendor is required"],
    ["baseUrl", without(API, "baseUrl"), "baseUrl is required"],
    ["baseUrl", { ...API, baseUrl: "api.payroll.example.com" }, "baseUrl must be a URL"],
    ["baseUrl", { ...API, baseUrl: "http://api.payroll.example.com" }, "baseUrl must start with https://"],
    ["baseUrl", { ...API, baseUrl: "ftp://api.payroll.example.com" }, "baseUrl must start with https://"],
    ["baseUrl", { ...API, baseUrl: "https://bot@api.payroll.example.com" }, "user name or password"],
    ["baseUrl", { ...API, baseUrl: "https://api.payroll.example.com/v2?tenant=1" }, "query string"],
    ["authScheme", without(API, "authScheme"), "authScheme must be one of"],
    ["authScheme", { ...API, authScheme: "KERBEROS" }, "authScheme must be one of"],
    ["scopes", without(API, "scopes"), "scopes must be a list"],
    ["scopes", { ...API, scopes: "read:employees" }, "scopes must be a list"],
    ["scopes", { ...API, scopes: [] }, "at least one scope"],
    ["scopes", { ...API, scopes: Array.from({ length: 31 }, (_, i) => `s${i}`) }, "at most 30"],
    ["scopes.1", { ...API, scopes: ["read:employees", "  "] }, "A scope is required"],
    ["scopes.0", { ...API, scopes: ["x".repeat(101)] }, "at most 100"],
    ["dataClassification", without(API, "dataClassification"), "dataClassification must be one of"],
    ["dataClassification", { ...API, dataClassification: "SECRET" }, "dataClassification must be one of"],
  ];
  it.each(connectorFaults)(
    "SHARED_KEY_CONNECTOR: refuses details.%s (%j)",
    async (field, details, message) => {
      const response = await file(connectorBody(details));
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.error.fields)).toEqual([`details.${field}`]);
      expect(response.body.error.fields[`details.${field}`]).toContain(message);
      expect(response.body.error.message).toContain(`details.${field}`);
    },
  );

  it("refuses the other type's details, naming the fields a type does not take", async () => {
    const swapped = await file(gatewayBody(API));
    expect(swapped.status).toBe(400);
    expect(swapped.body.error.fields.details).toBe(
      "details of a GATEWAY request does not take vendor, baseUrl, authScheme, scopes, dataClassification.",
    );
    const extra = await file(connectorBody({ ...API, password: "x" }));
    expect(extra.status).toBe(400);
    expect(extra.body.error.fields.details).toContain("does not take password");
  });

  it("refuses a secret pasted into a detail (422 naming the field, never echoing it)", async () => {
    const connectionString = `Server=sql-pay-01;Database=PayrollDB;User Id=bot;Password=${"Winter2026!"};`;
    const response = await file(gatewayBody({ ...DATA_SOURCE, server: connectionString }));
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.error.fields)).toEqual(["details.server"]);
    expect(response.text).not.toContain("Winter2026");
    const scope = await file(connectorBody({ ...API, scopes: ["read", `api_key=${"0123456789abcdef"}`] }));
    expect(scope.status).toBe(422);
    expect(Object.keys(scope.body.error.fields)).toEqual(["details.scopes.1"]);
    expect(await prisma.request.count()).toBe(0);
  });
});

describe("details are stored and shown wherever the request is", () => {
  beforeEach(setUp);

  it("stores them trimmed (scopes without repeats) and answers them on POST, GET and the automation", async () => {
    const gateway = await file(gatewayBody({ ...DATA_SOURCE, database: "  PayrollDB  " }));
    expect(gateway.status).toBe(201);
    expect(gateway.body.details).toEqual(DATA_SOURCE);
    const connector = await file(
      connectorBody({
        ...API,
        vendor: " Payroll Cloud ",
        scopes: ["read:employees", " read:payslips", "read:employees"],
      }),
    );
    expect(connector.status).toBe(201);
    expect(connector.body.details).toEqual(API);

    const stored = await prisma.request.findMany({
      select: { type: true, details: true },
      orderBy: { type: "asc" },
    });
    expect(stored).toEqual([
      { type: "SHARED_KEY_CONNECTOR", details: API },
      { type: "GATEWAY", details: DATA_SOURCE },
    ]);

    for (const [id, details] of [
      [gateway.body.id, DATA_SOURCE],
      [connector.body.id, API],
    ] as const) {
      for (const token of [company.maker.token, company.it.token, company.manager.token]) {
        const page = await callRoute(one.GET, "GET", `/api/v1/requests/${id}`, { token, params: { id } });
        expect(page.status).toBe(200);
        expect(page.body.details).toEqual(details);
      }
    }

    const automation = await callRoute(automationRoute.GET, "GET", `/api/v1/automations/${automationId}`, {
      token: company.maker.token,
      params: { id: automationId },
    });
    expect(automation.status).toBe(200);
    const byType = Object.fromEntries(
      (automation.body.requests as Array<{ type: string; details: unknown }>).map((r) => [r.type, r.details]),
    );
    expect(byType).toEqual({ GATEWAY: DATA_SOURCE, SHARED_KEY_CONNECTOR: API });
  });

  it("shows them in the maker's list and IT's queue (the list's SQL), equal to the request's page", async () => {
    const gateway = await file(gatewayBody());
    const connector = await file(connectorBody());
    for (const [token, query] of [
      [company.maker.token, ""],
      [company.it.token, "?status=PENDING"],
      [company.manager.token, ""],
    ] as const) {
      const list = await callRoute(collection.GET, "GET", `/api/v1/requests${query}`, { token });
      expect(list.status).toBe(200);
      const details = Object.fromEntries(
        (list.body.items as Array<{ id: string; details: unknown }>).map((item) => [item.id, item.details]),
      );
      expect(details).toEqual({ [gateway.body.id]: DATA_SOURCE, [connector.body.id]: API });
    }
  });

  it("reads a request filed before details existed: details null everywhere", async () => {
    const older = await insertRequest({
      automationId,
      prerequisiteKey: "GATEWAY",
      type: "GATEWAY",
      requesterId: company.maker.id,
    });
    const list = await callRoute(collection.GET, "GET", "/api/v1/requests", { token: company.it.token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: older.id, details: null })]);
    const page = await callRoute(one.GET, "GET", `/api/v1/requests/${older.id}`, {
      token: company.it.token,
      params: { id: older.id },
    });
    expect(page.status).toBe(200);
    expect(page.body.details).toBeNull();
  });

  it("exports them as CSV columns, blank for the other type and for older requests", async () => {
    const gateway = await file(gatewayBody());
    const connector = await file(
      connectorBody({ ...API, vendor: "=Payroll Cloud", scopes: ["read:employees", 'read:"payslips"'] }),
    );
    const older = await insertRequest({
      automationId,
      prerequisiteKey: "GATEWAY",
      type: "GATEWAY",
      requesterId: company.colleague.id,
      status: "REJECTED",
      decidedById: company.it.id,
    });
    const response = await callRoute(exportRoute.GET, "GET", "/api/v1/requests/export", {
      token: company.it.token,
    });
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.response.text());
    const columns = [
      "Data source type",
      "Server",
      "Database or path",
      "Environment",
      "Vendor",
      "Base URL",
      "Authentication",
      "Scopes",
      "Data classification",
    ];
    expect(
      header!.slice(header!.indexOf("Justification") + 1, header!.indexOf("Justification") + 10),
    ).toEqual(columns);
    const id = header!.indexOf("Request id");
    const cells = (requestId: string) => {
      const row = rows.find((r) => r[id] === requestId)!;
      return Object.fromEntries(columns.map((column) => [column, row[header!.indexOf(column)]]));
    };
    expect(cells(gateway.body.id)).toEqual({
      // The words the pages show; the codes are in the "… code" columns.
      "Data source type": DATA_SOURCE_TYPE_LABELS.SQL_SERVER,
      Server: DATA_SOURCE.server,
      "Database or path": "PayrollDB",
      Environment: DATA_SOURCE_ENVIRONMENT_LABELS.PRODUCTION,
      Vendor: "",
      "Base URL": "",
      Authentication: "",
      Scopes: "",
      "Data classification": "",
    });
    expect(cells(connector.body.id)).toEqual({
      "Data source type": "",
      Server: "",
      "Database or path": "",
      Environment: "",
      // A formula-like cell is defused, as every other cell is.
      Vendor: "'=Payroll Cloud",
      "Base URL": API.baseUrl,
      Authentication: AUTH_SCHEME_LABELS.API_KEY_HEADER,
      Scopes: 'read:employees; read:"payslips"',
      "Data classification": DATA_CLASSIFICATION_LABELS.CONFIDENTIAL,
    });
    const codes = (requestId: string) => {
      const row = rows.find((r) => r[id] === requestId)!;
      return [
        "Data source type code",
        "Environment code",
        "Authentication code",
        "Data classification code",
      ].map((column) => row[header!.indexOf(column)]);
    };
    expect(codes(gateway.body.id)).toEqual(["SQL_SERVER", "PRODUCTION", "", ""]);
    expect(codes(connector.body.id)).toEqual(["", "", "API_KEY_HEADER", "CONFIDENTIAL"]);
    expect(Object.values(cells(older.id)).every((cell) => cell === "")).toBe(true);
  });
});
