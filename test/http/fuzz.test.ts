import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDEMPOTENT_OPERATIONS } from "@/lib/http/idempotency";
import { openApiDocument } from "@/lib/openapi/server/registry";
import { insertAutomation, insertGateway } from "@/lib/testing/factories";
import { checkContract } from "@/test/support/contract";
import { prisma, resetDatabase, tableDigests } from "@/test/support/db";
import {
  type ArbitraryOptions,
  HOSTILE_IDS,
  hostileArbitrary,
  type JsonSchema,
  nested,
  validArbitrary,
} from "@/test/support/json-schema-arbitrary";
import { buildWorld, credentialsFor, type RolePrincipal, type World } from "@/test/support/principals";
import { APP_ORIGIN } from "@/test/support/route";

// Every write operation of the OpenAPI document with a JSON body, called in-process with
// bodies generated from its own schema, hostile values mixed in (text no field accepts,
// strings past their limits, numbers at the int4 / int8 / double limits, impossible dates,
// wrong types, deep nesting, missing and extra fields, bodies that are not objects, a body
// over 1 MiB, a body that is not JSON or not sent as JSON; Idempotency-Keys fresh, reused and
// malformed where the operation takes one; path parameters that are not ids). Whatever comes:
//   - never a 5xx;
//   - every answer matches the contract (test/support/contract.ts);
//   - a 400 or 422 names the field it refuses (`error.fields`);
//   - a refused request (4xx) changes nothing in the database: a digest of every table
//     (rate_limits aside: counting attempts is its job) is the same before and after.
// The caller is the one the route is for (owner, IT_APPROVER or ADMIN), signed in with a session
// (so the token rate limit does not answer 429 half-way), on records that exist, so that valid
// bodies reach the operation and the database.

const IDEMPOTENT = new Set<string>(IDEMPOTENT_OPERATIONS);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const ROOT = path.resolve(import.meta.dirname, "../..");

interface Fixtures extends World {
  automationId: string;
  reviewable: { automationId: string; prerequisiteId: string };
  requestId: string;
  gatewayId: string;
  scimGroupId: string;
  environmentId: string;
}

interface Target {
  role: RolePrincipal;
  params?: (fixtures: Fixtures) => Record<string, string>;
  /** A 422 about the server's set-up rather than the body: no field to name. */
  setupRefusal?: RegExp;
}

/** Who calls each write operation, on which records. A write operation missing here fails the test. */
const TARGETS: Record<string, Target> = {
  "POST /api/v1/tokens": { role: "MAKER" },
  "POST /api/v1/automations": { role: "MAKER" },
  "PATCH /api/v1/automations/{id}": { role: "MAKER", params: (f) => ({ id: f.automationId }) },
  "POST /api/v1/automations/{id}/retire": { role: "MAKER", params: (f) => ({ id: f.automationId }) },
  "POST /api/v1/automations/reassign": { role: "ADMIN" },
  "POST /api/v1/automations/{id}/confirm": { role: "MAKER", params: (f) => ({ id: f.automationId }) },
  "POST /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review": {
    role: "IT_APPROVER",
    params: (f) => ({ id: f.reviewable.automationId, prerequisiteId: f.reviewable.prerequisiteId }),
  },
  "POST /api/v1/requests": { role: "MAKER" },
  "POST /api/v1/requests/{id}/decision": { role: "IT_APPROVER", params: (f) => ({ id: f.requestId }) },
  "POST /api/v1/requests/{id}/assign": { role: "IT_APPROVER", params: (f) => ({ id: f.requestId }) },
  "POST /api/v1/requests/{id}/comments": { role: "MAKER", params: (f) => ({ id: f.requestId }) },
  "POST /api/v1/requests/{id}/withdraw": { role: "MAKER", params: (f) => ({ id: f.requestId }) },
  "POST /api/v1/connectors": { role: "IT_APPROVER" },
  "PATCH /api/v1/connectors/{id}": { role: "IT_APPROVER", params: (f) => ({ id: f.erpConnector.id }) },
  "POST /api/v1/connectors/{id}/revoke": { role: "IT_APPROVER", params: (f) => ({ id: f.erpConnector.id }) },
  "POST /api/v1/gateways": { role: "IT_APPROVER" },
  "PATCH /api/v1/gateways/{id}": { role: "IT_APPROVER", params: (f) => ({ id: f.gatewayId }) },
  "POST /api/v1/notifications/read": { role: "MAKER" },
  "PATCH /api/v1/admin/people/{id}": { role: "ADMIN", params: (f) => ({ id: f.hrMaker.id }) },
  "POST /api/v1/admin/departments": { role: "ADMIN" },
  "PATCH /api/v1/admin/departments/{id}": { role: "ADMIN", params: (f) => ({ id: f.hr.id }) },
  // Not set up in the tests' environment: refused whatever the body.
  "POST /api/v1/sync": { role: "ADMIN", setupRefusal: /^The live sync is not set up/ },
  "PUT /api/v1/inventory/environments/{id}": { role: "ADMIN", params: (f) => ({ id: f.environmentId }) },
  "POST /api/v1/admin/scim-tokens": { role: "ADMIN" },
  "PATCH /api/v1/admin/scim-groups/{id}": { role: "ADMIN", params: (f) => ({ id: f.scimGroupId }) },
};

interface Operation {
  key: string;
  method: string;
  path: string;
  schema: JsonSchema;
}

// biome-ignore lint/suspicious/noExplicitAny: the generated document is walked loosely
const document = JSON.parse(JSON.stringify(openApiDocument())) as any;
const components = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;

// biome-ignore lint/suspicious/noExplicitAny: the generated document is walked loosely
const OPERATIONS: Operation[] = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
  ([route, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const schema = operation?.requestBody?.content?.["application/json"]?.schema;
      if (!["post", "put", "patch", "delete"].includes(method) || !schema) return [];
      const upper = method.toUpperCase();
      return [{ key: `${upper} ${route}`, method: upper, path: route, schema }];
    }),
);

let fixtures: Fixtures;
const statuses = new Map<number, number>();
let sent = 0;
let replayed = 0;

async function createFixtures(): Promise<Fixtures> {
  const world = await buildWorld();
  const automation = await prisma.automation.create({
    data: {
      name: "Expense reporting",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      ownerId: world.maker.id,
      departmentId: world.finance.id,
    },
  });
  const declared = await insertAutomation({
    name: "Declared",
    kind: "CLOUD_FLOW",
    runAs: "Finance clerks",
    ownerId: world.maker.id,
    departmentId: world.finance.id,
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  const prerequisite = await prisma.prerequisite.findFirstOrThrow({
    where: { automationId: declared.id, key: "ENTRA_CONNECTION" },
  });
  const request = await prisma.request.create({
    data: {
      type: "GATEWAY",
      requesterId: world.maker.id,
      automationId: automation.id,
      departmentId: world.finance.id,
      justification: "Needed",
    },
  });
  const gateway = await insertGateway({ name: "gw-fuzz" });
  const group = await prisma.scimGroup.create({
    data: { displayName: "Automation makers", members: { create: { userId: world.hrMaker.id } } },
  });
  const environment = await prisma.inventoryEnvironment.create({ data: { id: "env-fuzz" } });
  return {
    ...world,
    automationId: automation.id,
    reviewable: { automationId: declared.id, prerequisiteId: prerequisite.id },
    requestId: request.id,
    gatewayId: gateway.id,
    scimGroupId: group.id,
    environmentId: environment.id,
  };
}

/** Counting attempts is the rate limiter's job, refused or not. */
const digest = () => tableDigests(["rate_limits"]);

function concretePath(route: string, params: Record<string, string>): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

async function loadHandler(operation: Operation) {
  const file = path.join(ROOT, "app", operation.path.replace(/\{([^}]+)\}/g, "[$1]"), "route.ts");
  const module = (await import(file)) as Record<string, unknown>;
  const handler = module[operation.method];
  if (typeof handler !== "function") throw new Error(`${file} exports no ${operation.method}`);
  return handler as (
    request: NextRequest,
    context: { params: Promise<Record<string, string>> },
  ) => Promise<Response>;
}

interface Sent {
  status: number;
  replayed: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected loosely
  body: any;
}

/** One request, with the checks every answer must pass. */
async function send(
  operation: Operation,
  handler: Awaited<ReturnType<typeof loadHandler>>,
  text: string,
  contentType = "application/json",
  idempotencyKey?: string | null,
  /** A value for every path parameter instead of the fixture's record. */
  hostileId?: string | null,
): Promise<Sent> {
  const target = TARGETS[operation.key]!;
  const fixed = target.params?.(fixtures) ?? {};
  const params =
    typeof hostileId === "string" ? Object.fromEntries(Object.keys(fixed).map((k) => [k, hostileId])) : fixed;
  const url = concretePath(operation.path, params);
  const before = await digest();
  const request = new NextRequest(new URL(url, APP_ORIGIN), {
    method: operation.method,
    headers: {
      ...credentialsFor(fixtures, target.role, "session"),
      "content-type": contentType,
      ...(typeof idempotencyKey === "string" ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: text,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const raw = await response.text();
  const body = raw ? JSON.parse(raw) : undefined;
  sent++;
  const isReplay = response.headers.get("idempotent-replayed") === "true";
  if (isReplay) replayed++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const sample = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
  const keyed = typeof idempotencyKey === "string" ? ` (Idempotency-Key ${idempotencyKey.slice(0, 40)})` : "";
  const what = `${operation.key}${keyed} with ${contentType} ${sample}\n→ ${response.status} ${raw.slice(0, 500)}`;
  expect(response.status, what).toBeLessThan(500);
  checkContract({ method: operation.method, path: url, status: response.status, body });
  // A body that is not JSON has no field to name.
  const setup = response.status === 422 && target.setupRefusal?.test(body?.error?.message ?? "");
  if ((response.status === 400 || response.status === 422) && isJson(text) && !setup) {
    expect(Object.keys(body?.error?.fields ?? {}).length, `no field named: ${what}`).toBeGreaterThan(0);
  }
  if (response.status >= 400) expect(await digest(), `a refused request wrote: ${what}`).toEqual(before);
  return { status: response.status, body, replayed: isReplay };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  await resetDatabase();
  fixtures = await createFixtures();
});

afterAll(() => {
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  const fiveHundreds = [...statuses.entries()].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.warn(
    `fuzz: ${sent} requests to ${OPERATIONS.length} operations (${RUNS_PER_OPERATION} generated bodies each); by status ${byStatus.join(", ")}; 5xx: ${fiveHundreds}; replayed by Idempotency-Key: ${replayed}`,
  );
});

describe("the fuzzer's reach", () => {
  it("covers every write operation with a JSON body in the document", () => {
    expect(OPERATIONS.length).toBeGreaterThan(20);
    expect(OPERATIONS.map((o) => o.key).filter((key) => !(key in TARGETS))).toEqual([]);
  });
});

describe.each(OPERATIONS)("$key", (operation) => {
  it("answers every generated body without a 5xx, naming the field it refuses, writing nothing when it refuses", async () => {
    const handler = await loadHandler(operation);
    const options: ArbitraryOptions = {
      components,
      ids: [
        fixtures.finance.id,
        fixtures.hr.id,
        fixtures.maker.id,
        fixtures.it.id,
        fixtures.automationId,
        fixtures.requestId,
        fixtures.gatewayId,
        fixtures.erpConnector.id,
      ],
      emails: [fixtures.maker.email, fixtures.hrMaker.email, fixtures.admin.email],
    };
    const bodies = fc.oneof(
      { weight: 2, arbitrary: validArbitrary(operation.schema, options) },
      { weight: 6, arbitrary: hostileArbitrary(operation.schema, options) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<unknown>(null, [], "text", 42, true, nested(1000, {}), { "": 1 }),
      },
    );
    // The operations that honour Idempotency-Key get one now and then: fresh, reused (a replay
    // or, with another body, a 422), or malformed (400).
    const keys = IDEMPOTENT.has(operation.key)
      ? fc.option(
          fc.oneof(
            fc.uuid(),
            fc.constantFrom("fuzz-reused", "k".repeat(255), "k".repeat(256), "two words", ""),
          ),
          { freq: 2 },
        )
      : fc.constant(null);
    // Now and then, path parameters that name nothing, or are not ids at all.
    const ids = operation.path.includes("{")
      ? fc.oneof(
          { weight: 7, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(...HOSTILE_IDS, "x".repeat(5000), "..", "%00", "a/b", "\u202Eid", " "),
          },
        )
      : fc.constant(null);
    await fc.assert(
      fc.asyncProperty(bodies, keys, ids, async (body, key, hostileId) => {
        const text = JSON.stringify(body) ?? "null";
        const first = await send(operation, handler, text, "application/json", key, hostileId);
        // A keyed success sent again is the first answer, replayed, and writes nothing.
        if (typeof key === "string" && first.status < 300) {
          const before = await digest();
          const retry = await send(operation, handler, text, "application/json", key, hostileId);
          expect([retry.status, retry.body, retry.replayed]).toEqual([first.status, first.body, true]);
          expect(await digest()).toEqual(before);
        }
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    );

    // Bodies no generator writes: not JSON, not sent as JSON, too large, numbers JSON.parse
    // turns into Infinity.
    const valid = fc.sample(validArbitrary(operation.schema, options), { numRuns: 1, seed: 1 })[0];
    const validText = JSON.stringify(valid);
    expect((await send(operation, handler, validText, "text/plain")).status).toBe(415);
    expect((await send(operation, handler, validText, "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await send(operation, handler, "{ not json", "application/json")).status).toBe(400);
    expect((await send(operation, handler, `{"x":"${"y".repeat(1024 * 1024)}"}`)).status).toBe(413);
    const status = (await send(operation, handler, validText.replace(/:\s*(-?\d+(\.\d+)?)/, ":1e400")))
      .status;
    expect(status).toBeLessThan(500);
  });
});
