import { beforeAll, describe, expect, it } from "vitest";
import * as departmentItem from "@/app/api/v1/admin/departments/[id]/route";
import * as departments from "@/app/api/v1/admin/departments/route";
import * as scimTokens from "@/app/api/v1/admin/scim-tokens/route";
import * as review from "@/app/api/v1/automations/[id]/prerequisites/[prerequisiteId]/review/route";
import * as automationItem from "@/app/api/v1/automations/[id]/route";
import * as reassign from "@/app/api/v1/automations/reassign/route";
import * as automations from "@/app/api/v1/automations/route";
import * as connectorRevoke from "@/app/api/v1/connectors/[id]/revoke/route";
import * as connectorItem from "@/app/api/v1/connectors/[id]/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gatewayItem from "@/app/api/v1/gateways/[id]/route";
import * as gateways from "@/app/api/v1/gateways/route";
import * as comments from "@/app/api/v1/requests/[id]/comments/route";
import * as decision from "@/app/api/v1/requests/[id]/decision/route";
import * as requests from "@/app/api/v1/requests/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { CREDENTIAL_STORES } from "@/lib/domain/types";
import { openApiDocument } from "@/lib/openapi/server/registry";
import { REFERENCE_GRAMMARS } from "@/lib/secrets/references";
import { LEGITIMATE_TEXT, SECRET_SAMPLES } from "@/test/secrets/samples";
import { expenseReporting, newConnector } from "@/test/support/bodies";
import { buildCompany, type Company, type Person } from "@/test/support/company";
import { resetDatabase, rowCounts } from "@/test/support/db";
import { APP_ORIGIN, callRoute, type RouteAnswer } from "@/test/support/route";

// Every free-text field of every write route refuses every secret sample, names the field,
// writes nothing and never repeats the value; references fit their store's grammar. Bodies are
// refused before any record is looked up, so the ids in the paths need not exist.

let company: Company;

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const SOME_ID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";

/** A signed-in browser session (tokens cannot create tokens, and sessions are not rate-limited). */
const session = (person: Person) => ({
  cookie: person.sessionCookie,
  origin: APP_ORIGIN,
  "sec-fetch-site": "same-origin",
});

type Json = Record<string, unknown>;

/** `body` with `value` at `path` ("systems.0.name"), copied, the original untouched. */
function withValue(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split(".");
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return copy;
}

interface WriteRoute {
  /** "POST /api/v1/automations", as the OpenAPI document names the operation. */
  operation: string;
  handler: unknown;
  path: string;
  params?: Record<string, string>;
  who: () => Person;
  body: () => Json;
  /** The free-text fields of the body, as paths into it. */
  fields: string[];
}

const windowsSystem = {
  name: "SAP GUI",
  location: "ON_PREMISES",
  signInMethod: "WINDOWS",
  machineGroup: "MG-FIN-1",
  windowsAccount: "CORP\\svc-sap-bot",
  windowsAccountType: "SERVICE",
};

const automationBody = (): Json => {
  const body = expenseReporting(company.maker.email) as Json & { systems: unknown[] };
  return { ...body, systems: [...body.systems, windowsSystem] };
};

const automationFields = [
  "name",
  "description",
  "runAs",
  "systems.0.name",
  "systems.0.credentialReference.name",
  "systems.3.machineGroup",
  "systems.3.windowsAccount",
];

/** A desktop flow says where it runs: the machine and the Windows account it signs in with. */
const desktopBody = (): Json => ({
  ...automationBody(),
  kind: "DESKTOP_FLOW",
  machine: "PC-FIN-042",
  windowsAccount: "CORP\\svc-expense-bot",
  windowsAccountType: "SERVICE",
});

const gatewayFields = {
  name: "gw-fin-01",
  cluster: "FIN-CLUSTER",
  host: "gw01.corp.example.com",
  region: "EU West",
};

/** The API a connector calls, as a request names it and IT approves it. */
const connectorApi = {
  vendor: "Workday",
  baseUrl: "https://api.workday.example.com/v1",
  authScheme: "OAUTH2_CLIENT_CREDENTIALS",
  scopes: ["read:employees"],
  dataClassification: "CONFIDENTIAL",
};
const connectorApiFields = ["vendor", "baseUrl", "scopes.0"];

const dataSource = {
  type: "SQL_SERVER",
  server: "sql-fin-01.corp.example.com",
  database: "FinanceDW",
  environment: "PRODUCTION",
};
const dataSourceFields = ["dataSources.0.server", "dataSources.0.database"];

const WRITE_ROUTES: WriteRoute[] = [
  {
    operation: "POST /api/v1/automations",
    handler: automations.POST,
    path: "/api/v1/automations",
    who: () => company.maker,
    body: automationBody,
    fields: automationFields,
  },
  {
    operation: "PATCH /api/v1/automations/{id}",
    handler: automationItem.PATCH,
    path: `/api/v1/automations/${SOME_ID}`,
    params: { id: SOME_ID },
    who: () => company.maker,
    body: () => {
      const { kind: _kind, runMode: _runMode, ...rest } = automationBody();
      return { ...rest, version: 1 };
    },
    fields: automationFields,
  },
  {
    operation: "POST /api/v1/connectors",
    handler: connectors.POST,
    path: "/api/v1/connectors",
    who: () => company.it,
    body: () => ({ ...newConnector("ALL"), service: "workday", ...connectorApi }),
    fields: ["name", "ownerTeam", "keyReference", ...connectorApiFields],
  },
  {
    operation: "PATCH /api/v1/connectors/{id}",
    handler: connectorItem.PATCH,
    path: `/api/v1/connectors/${SOME_ID}`,
    params: { id: SOME_ID },
    who: () => company.it,
    body: () => ({
      version: 1,
      name: "Workday",
      ownerTeam: "IT Integration",
      keyReference: "kv-int/workday",
      ...connectorApi,
    }),
    fields: ["name", "ownerTeam", "keyReference", ...connectorApiFields],
  },
  {
    operation: "POST /api/v1/connectors/{id}/revoke",
    handler: connectorRevoke.POST,
    path: `/api/v1/connectors/${SOME_ID}/revoke`,
    params: { id: SOME_ID },
    who: () => company.it,
    body: () => ({ reason: "The vendor contract ended." }),
    fields: ["reason"],
  },
  {
    operation: "POST /api/v1/gateways",
    handler: gateways.POST,
    path: "/api/v1/gateways",
    who: () => company.it,
    body: () => ({ ...gatewayFields, dataSources: [dataSource] }),
    fields: ["name", "cluster", "host", "region", ...dataSourceFields],
  },
  {
    operation: "PATCH /api/v1/gateways/{id}",
    handler: gatewayItem.PATCH,
    path: `/api/v1/gateways/${SOME_ID}`,
    params: { id: SOME_ID },
    who: () => company.it,
    body: () => ({ version: 1, ...gatewayFields, dataSources: [dataSource] }),
    fields: ["name", "cluster", "host", "region", ...dataSourceFields],
  },
  {
    operation: "POST /api/v1/requests",
    handler: requests.POST,
    path: "/api/v1/requests",
    who: () => company.maker,
    body: () => ({
      type: "SHARED_KEY_CONNECTOR",
      automationId: SOME_ID,
      prerequisiteId: SOME_ID,
      justification: "The nightly sync needs the API.",
      details: { ...connectorApi },
    }),
    fields: ["justification", "details.vendor", "details.baseUrl", "details.scopes.0"],
  },
  {
    operation: "POST /api/v1/requests",
    handler: requests.POST,
    path: "/api/v1/requests",
    who: () => company.maker,
    body: () => ({
      type: "GATEWAY",
      automationId: SOME_ID,
      prerequisiteId: SOME_ID,
      justification: "The flow reads the finance warehouse.",
      details: { ...dataSource },
    }),
    fields: ["details.server", "details.database"],
  },
  {
    operation: "POST /api/v1/requests/{id}/decision",
    handler: decision.POST,
    path: `/api/v1/requests/${SOME_ID}/decision`,
    params: { id: SOME_ID },
    who: () => company.it,
    body: () => ({
      decision: "APPROVE",
      reason: "Approved for the sync.",
      version: 1,
      connector: { ...newConnector("ALL"), ...connectorApi },
    }),
    fields: [
      "reason",
      "connector.name",
      "connector.ownerTeam",
      "connector.keyReference",
      ...connectorApiFields.map((field) => `connector.${field}`),
    ],
  },
  {
    operation: "POST /api/v1/requests/{id}/decision",
    handler: decision.POST,
    path: `/api/v1/requests/${SOME_ID}/decision`,
    params: { id: SOME_ID },
    who: () => company.it,
    body: () => ({ decision: "APPROVE", reason: "Approved.", version: 1, gateway: { ...gatewayFields } }),
    fields: ["gateway.name", "gateway.cluster", "gateway.host", "gateway.region"],
  },
  {
    operation: "POST /api/v1/requests/{id}/comments",
    handler: comments.POST,
    path: `/api/v1/requests/${SOME_ID}/comments`,
    params: { id: SOME_ID },
    who: () => company.maker,
    body: () => ({ body: "Any news?" }),
    fields: ["body"],
  },
  {
    operation: "POST /api/v1/admin/departments",
    handler: departments.POST,
    path: "/api/v1/admin/departments",
    who: () => company.admin,
    body: () => ({ name: "Treasury" }),
    fields: ["name"],
  },
  {
    operation: "PATCH /api/v1/admin/departments/{id}",
    handler: departmentItem.PATCH,
    path: `/api/v1/admin/departments/${SOME_ID}`,
    params: { id: SOME_ID },
    who: () => company.admin,
    body: () => ({ name: "Treasury" }),
    fields: ["name"],
  },
  {
    operation: "POST /api/v1/tokens",
    handler: tokens.POST,
    path: "/api/v1/tokens",
    who: () => company.maker,
    body: () => ({ name: "Nightly export", expiresInDays: 30 }),
    fields: ["name"],
  },
  {
    operation: "POST /api/v1/admin/scim-tokens",
    handler: scimTokens.POST,
    path: "/api/v1/admin/scim-tokens",
    who: () => company.admin,
    body: () => ({ name: "Entra ID provisioning" }),
    fields: ["name"],
  },
  {
    operation: "POST /api/v1/automations/reassign",
    handler: reassign.POST,
    path: "/api/v1/automations/reassign",
    who: () => company.manager,
    body: () => ({ automationIds: [SOME_ID], ownerEmail: company.maker.email }),
    fields: ["ownerEmail"],
  },
  // Appended: the tests below pick some routes by their place in this list.
  {
    operation: "POST /api/v1/automations",
    handler: automations.POST,
    path: "/api/v1/automations",
    who: () => company.maker,
    body: desktopBody,
    fields: ["machine", "windowsAccount"],
  },
  {
    operation: "PATCH /api/v1/automations/{id}",
    handler: automationItem.PATCH,
    path: `/api/v1/automations/${SOME_ID}`,
    params: { id: SOME_ID },
    who: () => company.maker,
    body: () => {
      const { kind: _kind, runMode: _runMode, ...rest } = desktopBody();
      return { ...rest, version: 1 };
    },
    fields: ["machine", "windowsAccount"],
  },
  {
    operation: "POST /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review",
    handler: review.POST,
    path: `/api/v1/automations/${SOME_ID}/prerequisites/${SOME_ID}/review`,
    params: { id: SOME_ID, prerequisiteId: SOME_ID },
    who: () => company.it,
    body: () => ({
      outcome: "SENT_BACK",
      reason: "The vault has no entry of that name.",
      declaration: "Azure Key Vault: kv-finance/banking-bot, owner Finance IT, rotates 2027-01-31",
    }),
    fields: ["reason", "declaration"],
  },
];

function send(route: WriteRoute, body: Json): Promise<RouteAnswer> {
  const [method] = route.operation.split(" ");
  return callRoute(route.handler, method!, route.path, {
    headers: session(route.who()),
    body,
    params: route.params,
  });
}

/** Fields with a format of their own, which a secret breaks as well (400 naming the field). */
const OWN_FORMAT = /baseUrl$|ownerEmail$/;

/** What must not appear in an answer: the value, and each of its parts that holds a digit or symbol. */
function needles(value: string): string[] {
  const parts = value.split(/[\s=;:,/@"{}]+/).filter((part) => part.length >= 6 && /[^A-Za-z]/.test(part));
  return [value, ...parts];
}

// The free-text fields the OpenAPI document lists for a write, and why a string is not one.
const NOT_FREE_TEXT_FORMATS = new Set(["uuid", "date", "date-time", "email"]);
/** Strings with a grammar of their own that no secret fits: the service key (lower case, "-", "."). */
const KEYS = new Set(["service", "connector.service", "systems.0.service"]);

function freeTextPaths(document: ReturnType<typeof openApiDocument>): string[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  const found = new Set<string>();
  const walk = (schema: Json | undefined, path: string[], operation: string, seen: Set<string>) => {
    if (!schema) return;
    const ref = schema.$ref as string | undefined;
    if (ref) {
      const name = ref.split("/").pop()!;
      if (seen.has(name)) return;
      walk(schemas[name], path, operation, new Set([...seen, name]));
      return;
    }
    for (const key of ["anyOf", "oneOf", "allOf"]) {
      for (const option of (schema[key] as Json[] | undefined) ?? []) walk(option, path, operation, seen);
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("object") || schema.properties) {
      for (const [key, property] of Object.entries((schema.properties as Record<string, Json>) ?? {})) {
        walk(property, [...path, key], operation, seen);
      }
    }
    if (types.includes("array")) walk(schema.items as Json, [...path, "0"], operation, seen);
    if (types.includes("string") && !schema.enum && !NOT_FREE_TEXT_FORMATS.has(schema.format as string)) {
      const field = path.join(".");
      if (!KEYS.has(field)) found.add(`${operation} ${field}`);
    }
  };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
      const body = (operation.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const schema = body?.["application/json"]?.schema as Json | undefined;
      if (schema) walk(schema, [], `${method.toUpperCase()} ${path}`, new Set());
    }
  }
  return [...found].sort();
}

/** "systems.3.machineGroup" → "systems.0.machineGroup", as the document names an array's items. */
const documentPath = (field: string) => field.replace(/\.\d+(?=\.|$)/g, ".0");

describe("the route inventory", () => {
  it("covers every free-text field of every write route in the API document", () => {
    const covered = new Set(
      WRITE_ROUTES.flatMap((route) =>
        route.fields.map((field) => `${route.operation} ${documentPath(field)}`),
      ),
    );
    const missing = freeTextPaths(openApiDocument()).filter((field) => !covered.has(field));
    expect(missing, missing.join("\n")).toEqual([]);
  });

  it("has bodies the routes accept as they are (the refusals below are the samples' doing)", async () => {
    for (const route of WRITE_ROUTES) {
      const answer = await send(route, route.body());
      // Accepted by the schema: the answer is the operation's own (a missing record: 404).
      expect([200, 201, 404, 409, 422], `${route.operation}: ${answer.text}`).toContain(answer.status);
      expect(answer.body?.error?.code === "BAD_REQUEST", `${route.operation}: ${answer.text}`).toBe(false);
      if (answer.status === 422) expect(answer.body.error.message).not.toMatch(/looks like a secret/);
    }
  });
});

describe("secret samples in every free-text field of every write route", () => {
  const cases = WRITE_ROUTES.flatMap((route) =>
    route.fields.map((field) => [`${route.operation} ${field}`, route, field] as const),
  );

  it.each(cases)(
    "%s refuses all of them, naming the field and repeating none",
    async (_name, route, field) => {
      const before = await rowCounts();
      const problems: string[] = [];
      for (const [label, value] of SECRET_SAMPLES) {
        const answer = await send(route, withValue(route.body(), field, value));
        // Refused: 422 when the secret is the only problem; 400 when the value also breaks a
        // length, character or format rule of the field (a private key's line breaks, say).
        const fits =
          value.length <= 100 && ![...value].some((c) => c.charCodeAt(0) < 0x20) && !OWN_FORMAT.test(field);
        const expected = fits ? [422] : [400, 422];
        if (!expected.includes(answer.status))
          problems.push(`${label}: status ${answer.status} ${answer.text}`);
        if (answer.body?.error?.fields?.[field] === undefined) problems.push(`${label}: field not named`);
        for (const needle of needles(value)) {
          if (answer.text?.includes(needle))
            problems.push(`${label}: the answer repeats ${JSON.stringify(needle.slice(0, 4))}…`);
        }
      }
      expect(problems).toEqual([]);
      expect(await rowCounts()).toEqual(before);
    },
  );
});

describe("references", () => {
  const automationWith = (store: string, name: string) =>
    withValue(
      withValue(automationBody(), "systems.0.credentialReference.store", store),
      "systems.0.credentialReference.name",
      name,
    );
  const create = (body: Json) => send(WRITE_ROUTES[0]!, body);
  const connectorWith = (keyStore: string, keyReference: string, service: string) =>
    send(WRITE_ROUTES[2]!, { ...newConnector("ALL"), service, keyStore, keyReference });

  it.each(CREDENTIAL_STORES)(
    "a %s credential: its examples are accepted and stored as sent",
    async (store) => {
      for (const example of REFERENCE_GRAMMARS[store].examples) {
        const answer = await create(automationWith(store, example));
        expect(answer.status, answer.text).toBe(201);
        expect(answer.body.systems[0].credentialReference).toMatchObject({ store, name: example });
      }
    },
  );

  it("accepts the legitimate references of every store, and UUIDs and DOMAIN\\account names", async () => {
    const legitimate: Array<[string, string]> = [
      [
        "AZURE_KEY_VAULT",
        "https://kv-finance.vault.azure.net/secrets/banking-bot/0123456789abcdef0123456789abcdef",
      ],
      ["CYBERARK", "CORP\\svc-bot"],
      ["POWER_AUTOMATE", "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"],
      ["HASHICORP_VAULT", "secret/data/finance/bank-bot"],
      ["AWS_SECRETS_MANAGER", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:finance/bank-bot-a1B2c3"],
      ["AWS_SECRETS_MANAGER", "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:finance/bank-bot"],
      ["OTHER", "op://finance/bank-bot/password"],
    ];
    for (const [store, name] of legitimate) {
      const answer = await create(automationWith(store, name));
      expect(answer.status, `${store} ${name}: ${answer.text}`).toBe(201);
    }
    for (const [index, [store, reference]] of legitimate.entries()) {
      const answer = await connectorWith(store, reference, `svc-${index}`);
      expect(answer.status, `${store} ${reference}: ${answer.text}`).toBe(201);
      expect(answer.body).toMatchObject({ keyStore: store, keyReference: reference });
    }
  });

  it("accepts ordinary text in every free-text field", async () => {
    for (const route of WRITE_ROUTES.slice(0, 1)) {
      for (const text of LEGITIMATE_TEXT.filter((value) => value.length <= 100)) {
        const answer = await send(route, withValue(route.body(), "description", text));
        expect(answer.status, `${JSON.stringify(text)}: ${answer.text}`).toBe(201);
      }
    }
  });

  const outside: Array<[string, string]> = [
    ["AZURE_KEY_VAULT", "hunter2"],
    ["AZURE_KEY_VAULT", "kv/bank-bot"],
    ["CYBERARK", "payroll-robot"],
    ["HASHICORP_VAULT", "payroll-robot"],
    ["AWS_SECRETS_MANAGER", "finance/payroll-robot"],
    ["OTHER", "the blue folder"],
  ];

  it.each(outside)(
    "refuses a %s credential name outside the grammar (400): grammar and example, not the value",
    async (store, name) => {
      const before = await rowCounts();
      const answer = await create(automationWith(store, name));
      expect(answer.status).toBe(400);
      const message = answer.body.error.fields["systems.0.credentialReference.name"] as string;
      expect(message).toContain(REFERENCE_GRAMMARS[store as "OTHER"].grammar);
      expect(message).toContain(`Example: ${REFERENCE_GRAMMARS[store as "OTHER"].examples[0]}`);
      expect(answer.body.error.message).toContain("systems.0.credentialReference.name");
      expect(answer.text).not.toContain(name);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it.each(outside)(
    "refuses a %s key reference outside the grammar, on every connector route",
    async (store, reference) => {
      const create = await connectorWith(store, reference, "workday");
      expect(create.status).toBe(400);
      expect(create.body.error.fields.keyReference).toContain(REFERENCE_GRAMMARS[store as "OTHER"].grammar);
      expect(create.text).not.toContain(reference);
      const approval = await send(
        WRITE_ROUTES[9]!,
        withValue(
          withValue(WRITE_ROUTES[9]!.body(), "connector.keyStore", store),
          "connector.keyReference",
          reference,
        ),
      );
      expect(approval.status).toBe(400);
      expect(approval.body.error.fields["connector.keyReference"]).toContain("Example:");
      expect(approval.text).not.toContain(reference);
    },
  );

  it("defaults a connector's key store to Key Vault, and checks a PATCH of one half against the other", async () => {
    const created = await connectorWith("AZURE_KEY_VAULT", "kv-integration/workday", "workday");
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patch = (body: Json) =>
      callRoute(connectorItem.PATCH, "PATCH", `/api/v1/connectors/${id}`, {
        headers: session(company.it),
        body,
        params: { id },
      });
    const byDefault = await send(WRITE_ROUTES[2]!, { ...newConnector("ALL"), service: "payroll" });
    expect(byDefault.body.keyStore).toBe("AZURE_KEY_VAULT");

    const storeOnly = await patch({ version: 1, keyStore: "HASHICORP_VAULT" });
    expect(storeOnly.status).toBe(200);
    const referenceOnly = await patch({ version: 2, keyReference: "kv-integration/workday-2" });
    expect(referenceOnly.status).toBe(200);
    const misfit = await patch({ version: 3, keyStore: "AWS_SECRETS_MANAGER" });
    expect(misfit.status).toBe(422);
    expect(misfit.body.error.fields.keyStore).toContain(REFERENCE_GRAMMARS.AWS_SECRETS_MANAGER.grammar);
    const misfitReference = await patch({ version: 3, keyReference: "not a path" });
    expect(misfitReference.status).toBe(422);
    expect(misfitReference.body.error.fields.keyReference).toContain("Example: secret/data/finance/bank-bot");
    expect(misfitReference.text).not.toContain("not a path");
    const both = await patch({
      version: 3,
      keyStore: "AWS_SECRETS_MANAGER",
      keyReference: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:workday",
    });
    expect(both.status, both.text).toBe(200);
    expect(both.body).toMatchObject({ keyStore: "AWS_SECRETS_MANAGER", version: 4 });
  });
});
