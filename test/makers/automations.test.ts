import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as retire from "@/app/api/v1/automations/[id]/retire/route";
import * as one from "@/app/api/v1/automations/[id]/route";
import * as collection from "@/app/api/v1/automations/route";
import * as requests from "@/app/api/v1/requests/route";
import { expenseReporting } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { captureLogs } from "@/test/support/logs";
import { callRoute } from "@/test/support/route";

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const create = (token: string, body: unknown) =>
  callRoute(collection.POST, "POST", "/api/v1/automations", { token, body });
const get = (token: string, id: string) =>
  callRoute(one.GET, "GET", `/api/v1/automations/${id}`, { token, params: { id } });
const patch = (token: string, id: string, body: unknown) =>
  callRoute(one.PATCH, "PATCH", `/api/v1/automations/${id}`, { token, body, params: { id } });

describe("POST /api/v1/automations", () => {
  it("registers API.md's expense-reporting example and answers 201 with the derived prerequisites", async () => {
    const { colleague, finance } = company;
    const response = await create(colleague.token, expenseReporting());

    expect(response.status).toBe(201);
    const automation = response.body;
    expect(automation).toMatchObject({
      name: "Expense reporting",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      status: "PENDING",
      version: 1,
      ownerId: colleague.id,
      departmentId: finance.id,
      department: { id: finance.id, name: "Finance" },
      permissions: { edit: true, retire: true },
    });
    expect(
      automation.systems.map((s: { name: string; service: string | null }) => [s.name, s.service]),
    ).toEqual([
      ["Online banking", null],
      ["SharePoint", null],
      ["ERP", "sap-erp"],
    ]);
    expect(automation.systems[0].credentialReference).toMatchObject({
      store: "AZURE_KEY_VAULT",
      name: "kv-finance/banking-bot",
      owner: "fiona.finance@preflight.test",
    });
    const prerequisites = automation.prerequisites.map(
      (p: { type: string; status: string; systemName: string | null }) => [p.type, p.status, p.systemName],
    );
    expect(prerequisites).toEqual([
      ["GATEWAY", "OUTSTANDING", null],
      ["ENTRA_CONNECTION", "SATISFIED", null],
      ["CREDENTIAL", "SATISFIED", "Online banking"],
      ["SHARED_KEY_CONNECTOR", "SATISFIED", "ERP"],
    ]);
    const [gateway, , , connector] = automation.prerequisites;
    expect(gateway.action).toEqual({ kind: "REQUEST_GATEWAY", label: "Request access to a gateway" });
    expect(gateway.reason).toMatch(/on premises/);
    // Reuse: an approved connector for the service already exists, so no request is needed.
    expect(connector.satisfiedBy).toBe("Connector “SAP ERP” (shared with all departments)");
    expect(connector.connectorId).toBe(company.erpConnector.id);
    expect(connector.action).toBeNull();

    const audit = await prisma.auditEvent.findMany({
      where: { entityId: automation.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual(["automation.created", "automation.rederived"]);
    expect(audit[0]?.actorId).toBe(colleague.id);
  });

  it("registers an unattended desktop flow with a Windows sign-in and its gateway prerequisite", async () => {
    const response = await create(company.maker.token, {
      name: "Bank statement download",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      systems: [
        {
          name: "Finance PC",
          location: "ON_PREMISES",
          signInMethod: "WINDOWS",
          machineGroup: "Finance desktops",
          windowsAccount: "CORP\\svc-bank-bot",
          windowsAccountType: "SERVICE",
        },
        {
          name: "Online banking",
          location: "CLOUD",
          signInMethod: "USERNAME_PASSWORD",
          sso: true,
        },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.description).toBe("");
    expect(response.body.systems[0]).toMatchObject({
      windowsAccount: "CORP\\svc-bank-bot",
      windowsAccountType: "SERVICE",
    });
    // Every desktop flow also needs the Windows sign-in on the machine it runs on (its own,
    // key WINDOWS_SIGN_IN), which nothing here records: outstanding.
    expect(
      response.body.prerequisites.map((p: { key: string; status: string }) => [p.key, p.status]),
    ).toEqual([
      ["GATEWAY", "OUTSTANDING"],
      ["WINDOWS_SIGN_IN", "OUTSTANDING"],
      ["WINDOWS_SIGN_IN:finance pc", "SATISFIED"],
    ]);
  });

  it("answers 403 to a caller who is not a maker, and 401 without a token", async () => {
    expect((await create(company.it.token, expenseReporting())).status).toBe(403);
    expect(
      (await callRoute(collection.POST, "POST", "/api/v1/automations", { body: expenseReporting() })).status,
    ).toBe(401);
  });

  it("refuses a department the maker neither belongs to nor manages (422 on departmentId)", async () => {
    const response = await create(company.maker.token, {
      ...expenseReporting(),
      departmentId: company.sales.id,
    });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.error.fields)).toEqual(["departmentId"]);
  });

  const base = expenseReporting();
  const system = base.systems[0]!;
  const badInputs: Array<[string, unknown, number, string]> = [
    ["an unknown kind", { ...base, kind: "ROBOT" }, 400, "kind"],
    ["an unknown run mode", { ...base, runMode: "SOMETIMES" }, 400, "runMode"],
    [
      "an unknown sign-in method",
      { ...base, systems: [{ ...system, signInMethod: "SMARTCARD" }] },
      400,
      "systems.0.signInMethod",
    ],
    [
      "an unknown credential store",
      {
        ...base,
        systems: [{ ...system, credentialReference: { ...system.credentialReference, store: "SAFE" } }],
      },
      400,
      "systems.0.credentialReference.store",
    ],
    ["an empty name", { ...base, name: "   " }, 400, "name"],
    ["an empty system name", { ...base, systems: [{ ...system, name: "" }] }, 400, "systems.0.name"],
    [
      "duplicate system names (ignoring case)",
      {
        ...base,
        systems: [...base.systems, { name: "online BANKING ", location: "CLOUD", signInMethod: "ENTRA_ID" }],
      },
      400,
      "systems.3.name",
    ],
    [
      "SHARED_KEY without service",
      { ...base, systems: [{ name: "ERP", location: "CLOUD", signInMethod: "SHARED_KEY" }] },
      400,
      "systems.0.service",
    ],
    [
      "a malformed service",
      {
        ...base,
        systems: [{ name: "ERP", location: "CLOUD", signInMethod: "SHARED_KEY", service: "sap erp!" }],
      },
      400,
      "systems.0.service",
    ],
    [
      "a past rotatesAt",
      {
        ...base,
        systems: [
          { ...system, credentialReference: { ...system.credentialReference, rotatesAt: "2020-01-31" } },
        ],
      },
      400,
      "systems.0.credentialReference.rotatesAt",
    ],
    [
      "an owner that is not an e-mail",
      {
        ...base,
        systems: [{ ...system, credentialReference: { ...system.credentialReference, owner: "Fiona" } }],
      },
      400,
      "systems.0.credentialReference.owner",
    ],
    ["an oversized name", { ...base, name: "x".repeat(121) }, 400, "name"],
    ["an oversized description", { ...base, description: "x".repeat(2001) }, 400, "description"],
    [
      "too many systems",
      {
        ...base,
        systems: Array.from({ length: 31 }, (_, i) => ({
          name: `S${i}`,
          location: "CLOUD",
          signInMethod: "ENTRA_ID",
        })),
      },
      400,
      "systems",
    ],
    ["no systems", { ...base, systems: [] }, 400, "systems"],
    ["an unknown field", { ...base, ownerId: "00000000-0000-4000-8000-000000000000" }, 400, "(root)"],
    [
      "a field of another sign-in method",
      {
        ...base,
        systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID", service: "sharepoint" }],
      },
      400,
      "systems.0.service",
    ],
    ["a missing name", { ...base, name: undefined }, 400, "name"],
    ["a malformed departmentId", { ...base, departmentId: "finance" }, 400, "departmentId"],
  ];

  it.each(badInputs)(
    "refuses %s with %i naming the field, and writes nothing",
    async (_label, body, status, field) => {
      const before = await rowCounts();
      const response = await create(company.maker.token, body);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(status === 400 ? "BAD_REQUEST" : "UNPROCESSABLE");
      expect(response.body.error.fields).toHaveProperty([field]);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it("answers 400 to a body that is not JSON", async () => {
    const response = await callRoute(collection.POST, "POST", "/api/v1/automations", {
      token: company.maker.token,
      rawBody: "{ not json",
    });
    expect(response.status).toBe(400);
  });

  describe("secret values", () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    const jwt = [
      b64('{"alg":"RS256","typ":"JWT"}'),
      b64('{"sub":"banking-bot"}'),
      "c2lnbmF0dXJlLXZhbHVlLTEyMzQ1Njc4",
    ].join(".");

    it("refuses a JWT as credential name with 422, keeping the value out of the answer, the logs and the audit", async () => {
      const logged = [
        vi.spyOn(console, "error"),
        vi.spyOn(console, "warn"),
        vi.spyOn(console, "log"),
        vi.spyOn(console, "info"),
      ];
      const structured = captureLogs();
      const body = expenseReporting();
      body.systems[0]!.credentialReference!.name = jwt;
      const before = await rowCounts();

      const response = await create(company.maker.token, body);

      expect(response.status).toBe(422);
      expect(response.body).toEqual({
        error: {
          code: "UNPROCESSABLE",
          message:
            "systems.0.credentialReference.name looks like a secret value (a JWT). Store it in a vault and enter its reference instead.",
          fields: {
            "systems.0.credentialReference.name":
              "Looks like a secret value (a JWT). Store it in a vault and enter its reference instead.",
          },
        },
      });
      expect(response.text).not.toContain(jwt);
      expect(response.text).not.toContain(jwt.split(".")[0]);
      expect(await rowCounts()).toEqual(before);
      const { rows } = await pool().query(
        `select count(*)::int as n from audit_events where coalesce(before::text, '') || coalesce(after::text, '') like $1`,
        [`%${jwt.split(".")[0]}%`],
      );
      expect(rows[0].n).toBe(0);
      for (const spy of logged) {
        for (const args of spy.mock.calls) expect(JSON.stringify(args)).not.toContain(jwt.split(".")[0]);
      }
      structured.restore();
      expect(structured.lines.length).toBeGreaterThan(0);
      for (const line of structured.lines) expect(line).not.toContain(jwt.split(".")[0]);
    });

    const secrets: Array<[string, (body: ReturnType<typeof expenseReporting>) => void, string]> = [
      [
        "an AWS key as description",
        (b) => {
          b.description = `uses AKIA${"IOSFODNN7EXAMPLE"}`;
        },
        "description",
      ],
      [
        "a password in runAs",
        (b) => {
          b.runAs = `svc-bank password=${"Winter2026"}`;
        },
        "runAs",
      ],
      [
        "a connection string as system name",
        (b) => {
          b.systems[1]!.name = `Server=db;Password=${"hunter22"};`;
        },
        "systems.1.name",
      ],
      [
        "a random key as credential name",
        (b) => {
          b.systems[0]!.credentialReference!.name = "aZ3kQ9vX2mB7nR4tW8yL1pC6dF5gH0jS";
        },
        "systems.0.credentialReference.name",
      ],
    ];

    it.each(secrets)("refuses %s with 422 on that field", async (_label, mutate, field) => {
      const body = expenseReporting();
      mutate(body);
      const before = await rowCounts();
      const response = await create(company.maker.token, body);
      expect(response.status).toBe(422);
      expect(Object.keys(response.body.error.fields)).toEqual([field]);
      expect(await rowCounts()).toEqual(before);
    });

    it("refuses a secret in a PATCH too, leaving the automation as it was", async () => {
      const created = (await create(company.maker.token, expenseReporting())).body;
      const response = await patch(company.maker.token, created.id, {
        version: 1,
        description: `token=${"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`,
      });
      expect(response.status).toBe(422);
      expect(response.text).not.toContain("a1B2c3D4");
      expect((await get(company.maker.token, created.id)).body.version).toBe(1);
    });
  });
});

describe("reading automations", () => {
  async function registerFor(token: string, name: string) {
    const response = await create(token, { ...expenseReporting(), name });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  it("includes the history timeline from the audit trail, newest first, with its requests' events", async () => {
    const { colleague } = company;
    const created = (await create(colleague.token, expenseReporting())).body;
    const detail = (await get(colleague.token, created.id)).body;
    const actions = detail.history.map((event: { action: string }) => event.action);
    expect(actions).toContain("automation.created");
    // The re-derivation is told as the changes it caused, under the registration.
    expect(actions).not.toContain("automation.rederived");
    const registered = detail.history.find(
      (event: { action: string }) => event.action === "automation.created",
    );
    expect(registered.changes.join(" ")).toContain("Now needed:");
    const times = detail.history.map((event: { createdAt: string }) => Date.parse(event.createdAt));
    expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
  });

  it("answers 404 for someone else's automation, a malformed id and an unknown one alike", async () => {
    const mine = await registerFor(company.maker.token, "Mine");
    const theirs = await get(company.salesMaker.token, mine.id);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toEqual({ code: "NOT_FOUND", message: "Automation not found." });
    expect((await get(company.maker.token, "not-a-uuid")).body.error.message).toBe("Automation not found.");
    expect((await get(company.maker.token, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await patch(company.salesMaker.token, mine.id, { version: 1, name: "Hijacked" })).status).toBe(
      404,
    );
  });

  it("scopes the list: makers their own, managers their departments, IT and admins all", async () => {
    await registerFor(company.maker.token, "Finance one");
    await registerFor(company.colleague.token, "Finance two");
    await registerFor(company.salesMaker.token, "Sales one");
    const names = async (token: string, query = "") =>
      (await callRoute(collection.GET, "GET", `/api/v1/automations${query}`, { token })).body.items
        .map((a: { name: string }) => a.name)
        .sort();

    expect(await names(company.maker.token)).toEqual(["Finance one"]);
    expect(await names(company.manager.token)).toEqual(["Finance one", "Finance two"]);
    expect(await names(company.it.token)).toEqual(["Finance one", "Finance two", "Sales one"]);
    expect(await names(company.admin.token)).toEqual(["Finance one", "Finance two", "Sales one"]);
    expect(await names(company.it.token, `?departmentId=${company.sales.id}`)).toEqual(["Sales one"]);
    expect(await names(company.it.token, "?q=TWO")).toEqual(["Finance two"]);
    expect(await names(company.it.token, "?status=READY")).toEqual([]);
    expect(await names(company.it.token, "?status=PENDING&kind=CLOUD_FLOW")).toHaveLength(3);
  });

  it("lets a manager read an automation of their department but not change it (403)", async () => {
    const automation = await registerFor(company.maker.token, "Finance one");
    const read = await get(company.manager.token, automation.id);
    expect(read.status).toBe(200);
    expect(read.body.permissions).toEqual({
      edit: false,
      retire: false,
      reassign: true,
      confirm: false,
      review: false,
    });
    expect((await patch(company.manager.token, automation.id, { version: 1, name: "Renamed" })).status).toBe(
      403,
    );
  });

  it("pages newest first with a stable cursor", async () => {
    for (let i = 1; i <= 5; i++) await registerFor(company.maker.token, `Automation ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await callRoute(collection.GET, "GET", `/api/v1/automations${query}`, {
        token: company.maker.token,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((a: { name: string }) => a.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["Automation 5", "Automation 4", "Automation 3", "Automation 2", "Automation 1"]);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=201", "limit"],
    ["?status=LOST", "status"],
    ["?cursor=bm9wZQ", "cursor"],
    ["?colour=red", "(root)"],
  ])("answers 400 to %s", async (query, field) => {
    const response = await callRoute(collection.GET, "GET", `/api/v1/automations${query}`, {
      token: company.maker.token,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toHaveProperty([field]);
  });
});

describe("PATCH /api/v1/automations/{id}", () => {
  it("changes fields and systems, keeps the identity of systems whose name stays, and re-derives", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    const banking = created.systems.find((s: { name: string }) => s.name === "Online banking");
    const credential = created.prerequisites.find((p: { type: string }) => p.type === "CREDENTIAL");

    const response = await patch(company.maker.token, created.id, {
      version: 1,
      description: "Now also books mileage",
      systems: [
        { ...expenseReporting().systems[0], name: "ONLINE BANKING" },
        { name: "Mileage portal", location: "CLOUD", signInMethod: "SHARED_KEY", service: "mileage" },
      ],
    });

    expect(response.status).toBe(200);
    const updated = response.body;
    expect(updated.version).toBe(2);
    expect(updated.description).toBe("Now also books mileage");
    expect(updated.systems.map((s: { id: string; name: string }) => [s.id === banking.id, s.name])).toEqual([
      [true, "ONLINE BANKING"],
      [false, "Mileage portal"],
    ]);
    expect(updated.prerequisites.map((p: { type: string; status: string }) => [p.type, p.status])).toEqual([
      ["CREDENTIAL", "SATISFIED"],
      ["SHARED_KEY_CONNECTOR", "OUTSTANDING"],
    ]);
    expect(updated.prerequisites[0].id).toBe(credential.id);
    expect(updated.prerequisites[1].action).toEqual({
      kind: "REQUEST_CONNECTOR",
      service: "mileage",
      label: "Request a connector for mileage",
    });
    expect(updated.status).toBe("PENDING");
    const audit = await prisma.auditEvent.findFirst({
      where: { entityId: created.id, action: "automation.updated" },
    });
    expect(audit?.before).toMatchObject({ description: created.description, version: 1 });
    expect(audit?.after).toMatchObject({ description: "Now also books mileage", version: 2 });
  });

  it("answers a stale version with 409 and the current automation", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    expect((await patch(company.maker.token, created.id, { version: 1, name: "First" })).status).toBe(200);

    const stale = await patch(company.maker.token, created.id, { version: 1, name: "Second" });

    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(stale.body.error.message).toMatch(/^Someone else changed this automation/);
    expect(stale.body.error.current).toMatchObject({ id: created.id, name: "First", version: 2 });
  });

  it("lets exactly one of two simultaneous edits from the same version win", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    const results = await Promise.all([
      patch(company.maker.token, created.id, { version: 1, name: "Edit A" }),
      patch(company.maker.token, created.id, { version: 1, name: "Edit B" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await get(company.maker.token, created.id)).body.version).toBe(2);
  });

  it("refuses a body without version, or with nothing to change", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    const noVersion = await patch(company.maker.token, created.id, { name: "x" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toHaveProperty(["version"]);
    expect((await patch(company.maker.token, created.id, { version: 1 })).status).toBe(400);
  });

  it("clears runAs with null, and the Entra prerequisite falls back to OUTSTANDING", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    const response = await patch(company.maker.token, created.id, { version: 1, runAs: null });
    expect(response.body.runAs).toBeNull();
    const entra = response.body.prerequisites.find((p: { type: string }) => p.type === "ENTRA_CONNECTION");
    expect(entra.status).toBe("OUTSTANDING");
  });

  it("cancels a pending request whose system was removed", async () => {
    const body = expenseReporting();
    body.systems[2]!.service = "payroll";
    const created = (await create(company.maker.token, body)).body;
    const sharedKey = created.prerequisites.find((p: { type: string }) => p.type === "SHARED_KEY_CONNECTOR");
    const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
      token: company.maker.token,
      body: {
        type: "SHARED_KEY_CONNECTOR",
        automationId: created.id,
        prerequisiteId: sharedKey.id,
        justification: "Payroll export",
        details: {
          vendor: "Payroll Cloud",
          baseUrl: "https://api.payroll.example.com/v2",
          authScheme: "API_KEY_HEADER",
          scopes: ["read:employees"],
          dataClassification: "CONFIDENTIAL",
        },
      },
    });
    expect(filed.status).toBe(201);

    const response = await patch(company.maker.token, created.id, {
      version: 1,
      systems: body.systems.slice(0, 2),
    });
    expect(response.status).toBe(200);
    expect(response.body.requests[0]).toMatchObject({ id: filed.body.id, status: "CANCELLED" });
  });
});

describe("POST /api/v1/automations/{id}/retire", () => {
  it("retires the automation and cancels its pending requests", async () => {
    const body = expenseReporting();
    body.systems[2]!.service = "payroll";
    const created = (await create(company.maker.token, body)).body;
    const gateway = created.prerequisites.find((p: { type: string }) => p.type === "GATEWAY");
    const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
      token: company.maker.token,
      body: {
        type: "GATEWAY",
        automationId: created.id,
        prerequisiteId: gateway.id,
        justification: "ERP is on premises",
        details: { type: "SAP", server: "erp.corp.example.com", database: "PRD", environment: "PRODUCTION" },
      },
    });
    expect(filed.status).toBe(201);

    const response = await callRoute(retire.POST, "POST", `/api/v1/automations/${created.id}/retire`, {
      token: company.maker.token,
      body: { version: 1 },
      params: { id: created.id },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "RETIRED",
      version: 2,
      permissions: { edit: false, retire: false },
    });
    expect(response.body.retiredAt).toBeTruthy();
    const request = await prisma.request.findUniqueOrThrow({ where: { id: filed.body.id } });
    expect(request.status).toBe("CANCELLED");
    expect(request.decisionReason).toBe("Cancelled: the automation was retired.");
    const actions = (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["automation.retired", "request.cancelled"]));

    const again = await callRoute(retire.POST, "POST", `/api/v1/automations/${created.id}/retire`, {
      token: company.maker.token,
      body: { version: 2 },
      params: { id: created.id },
    });
    expect(again.status).toBe(409);
    expect((await patch(company.maker.token, created.id, { version: 2, name: "Zombie" })).status).toBe(409);
  });

  it("lets an admin retire any automation, refuses a manager (403) and a stranger (404)", async () => {
    const created = (await create(company.maker.token, expenseReporting())).body;
    const retireAs = (token: string, version = 1) =>
      callRoute(retire.POST, "POST", `/api/v1/automations/${created.id}/retire`, {
        token,
        body: { version },
        params: { id: created.id },
      });
    expect((await retireAs(company.salesMaker.token)).status).toBe(404);
    expect((await retireAs(company.manager.token)).status).toBe(403);
    expect((await retireAs(company.admin.token, 7)).status).toBe(409);
    expect((await retireAs(company.admin.token)).status).toBe(200);
  });

  it("accepts a credential that rotates later today", async () => {
    const body = expenseReporting();
    body.systems[0]!.credentialReference!.rotatesAt = inDays(0.5).toISOString();
    expect((await create(company.maker.token, body)).status).toBe(201);
  });
});
