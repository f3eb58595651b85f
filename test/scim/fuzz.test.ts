import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
} from "@/lib/scim/constants";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase, tableDigests } from "@/test/support/db";
import { hostileArbitrary, type JsonSchema, validArbitrary } from "@/test/support/json-schema-arbitrary";
import { APP_ORIGIN } from "@/test/support/route";

// The SCIM writes (Users and Groups: POST, PUT, PATCH), fuzzed as test/http/fuzz.test.ts fuzzes
// the JSON API: bodies from the resources' shapes (RFC 7643, the attributes Entra sends), hostile
// values mixed in, sent as application/scim+json with the identity provider's token. Never a
// 5xx; a refusal is SCIM's error body (`status`, `detail`) and changes nothing in the database
// (rate_limits and scim_tokens aside: attempts are counted and the token's last use noted).

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const text = (maxLength: number): JsonSchema => ({ type: "string", minLength: 1, maxLength });

const USER: JsonSchema = {
  type: "object",
  properties: {
    schemas: { type: "array", items: { enum: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] }, minItems: 1 },
    userName: { type: "string", format: "email" },
    externalId: { type: "string", format: "uuid" },
    active: { type: "boolean" },
    displayName: text(200),
    name: {
      type: "object",
      properties: { givenName: text(100), familyName: text(100), formatted: text(200) },
    },
    emails: {
      type: "array",
      maxItems: 3,
      items: {
        type: "object",
        properties: {
          value: { type: "string", format: "email" },
          type: { enum: ["work", "home"] },
          primary: { type: "boolean" },
        },
        required: ["value"],
      },
    },
    [ENTERPRISE_USER_SCHEMA]: {
      type: "object",
      properties: {
        department: text(120),
        manager: { type: "object", properties: { value: { type: "string", format: "uuid" } } },
      },
    },
  },
  required: ["schemas", "userName"],
};

const GROUP: JsonSchema = {
  type: "object",
  properties: {
    schemas: { type: "array", items: { enum: [GROUP_SCHEMA] }, minItems: 1, maxItems: 1 },
    displayName: text(200),
    externalId: { type: "string", format: "uuid" },
    members: {
      type: "array",
      maxItems: 5,
      items: {
        type: "object",
        properties: { value: { type: "string", format: "uuid" } },
        required: ["value"],
      },
    },
  },
  required: ["schemas", "displayName"],
};

const PATCH: JsonSchema = {
  type: "object",
  properties: {
    schemas: { type: "array", items: { enum: [PATCH_OP_SCHEMA] }, minItems: 1, maxItems: 1 },
    Operations: {
      type: "array",
      minItems: 1,
      maxItems: 4,
      items: {
        type: "object",
        properties: {
          op: { enum: ["add", "replace", "remove", "Add", "Replace", "Remove"] },
          path: {
            enum: [
              "active",
              "userName",
              "displayName",
              "externalId",
              "name.givenName",
              'emails[type eq "work"].value',
              `${ENTERPRISE_USER_SCHEMA}:department`,
              `${ENTERPRISE_USER_SCHEMA}:manager`,
              "members",
              'members[value eq "00000000-0000-0000-0000-000000000000"]',
              "nonsense[[",
            ],
          },
          value: {
            anyOf: [
              { type: "string" },
              { type: "boolean" },
              {
                type: "array",
                items: { type: "object", properties: { value: { type: "string", format: "uuid" } } },
              },
              { type: "object", properties: { active: { type: "boolean" }, displayName: text(200) } },
            ],
          },
        },
        required: ["op"],
      },
    },
  },
  required: ["schemas", "Operations"],
};

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

interface Operation {
  name: string;
  method: "POST" | "PUT" | "PATCH";
  load: () => Promise<Record<string, unknown>>;
  path: (ids: Ids) => string;
  params?: (ids: Ids) => Record<string, string>;
  schema: JsonSchema;
}

interface Ids {
  userId: string;
  groupId: string;
}

const OPERATIONS: Operation[] = [
  {
    name: "POST /scim/v2/Users",
    method: "POST",
    load: () => import("@/app/scim/v2/Users/route"),
    path: () => "/scim/v2/Users",
    schema: USER,
  },
  {
    name: "PUT /scim/v2/Users/{id}",
    method: "PUT",
    load: () => import("@/app/scim/v2/Users/[id]/route"),
    path: (ids) => `/scim/v2/Users/${ids.userId}`,
    params: (ids) => ({ id: ids.userId }),
    schema: USER,
  },
  {
    name: "PATCH /scim/v2/Users/{id}",
    method: "PATCH",
    load: () => import("@/app/scim/v2/Users/[id]/route"),
    path: (ids) => `/scim/v2/Users/${ids.userId}`,
    params: (ids) => ({ id: ids.userId }),
    schema: PATCH,
  },
  {
    name: "POST /scim/v2/Groups",
    method: "POST",
    load: () => import("@/app/scim/v2/Groups/route"),
    path: () => "/scim/v2/Groups",
    schema: GROUP,
  },
  {
    name: "PUT /scim/v2/Groups/{id}",
    method: "PUT",
    load: () => import("@/app/scim/v2/Groups/[id]/route"),
    path: (ids) => `/scim/v2/Groups/${ids.groupId}`,
    params: (ids) => ({ id: ids.groupId }),
    schema: GROUP,
  },
  {
    name: "PATCH /scim/v2/Groups/{id}",
    method: "PATCH",
    load: () => import("@/app/scim/v2/Groups/[id]/route"),
    path: (ids) => `/scim/v2/Groups/${ids.groupId}`,
    params: (ids) => ({ id: ids.groupId }),
    schema: PATCH,
  },
];

let company: Company;
let token: string;
let ids: Ids;
const statuses = new Map<number, number>();
let sent = 0;

const digest = () => tableDigests(["rate_limits", "scim_tokens"]);

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany();
  token = await scimTokenFor();
  const person = await prisma.user.update({
    where: { id: company.hrMaker.id },
    data: { scimUserName: company.hrMaker.email },
  });
  const group = await prisma.scimGroup.create({
    data: { displayName: "Automation makers", members: { create: { userId: person.id } } },
  });
  ids = { userId: person.id, groupId: group.id };
});

afterAll(() => {
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  const fiveHundreds = [...statuses.entries()].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.warn(`scim fuzz: ${sent} requests; by status ${byStatus.join(", ")}; 5xx: ${fiveHundreds}`);
});

async function send(operation: Operation, handler: Handler, body: string, contentType = SCIM_CONTENT_TYPE) {
  const path = operation.path(ids);
  const params = operation.params?.(ids) ?? {};
  const before = await digest();
  const request = new NextRequest(new URL(path, APP_ORIGIN), {
    method: operation.method,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const raw = await response.text();
  sent++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const sample = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} characters)` : body;
  const what = `${operation.name} with ${contentType} ${sample}\n→ ${response.status} ${raw.slice(0, 500)}`;
  expect(response.status, what).toBeLessThan(500);
  if (response.status >= 400) {
    const error = JSON.parse(raw);
    expect(error.status, what).toBe(String(response.status));
    expect(error.detail, what).toEqual(expect.any(String));
    expect(await digest(), `a refused request wrote: ${what}`).toEqual(before);
  }
  return response.status;
}

describe.each(OPERATIONS)("$name", (operation) => {
  it("answers every generated body without a 5xx, writing nothing when it refuses", async () => {
    const handler = (await operation.load())[operation.method] as Handler;
    const options = {
      components: {},
      ids: [ids.userId, ids.groupId, company.maker.id, company.finance.id],
      emails: [company.hrMaker.email, company.maker.email, "new.person@preflight.test"],
    };
    const bodies = fc.oneof(
      { weight: 2, arbitrary: validArbitrary(operation.schema, options) },
      { weight: 6, arbitrary: hostileArbitrary(operation.schema, options) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], "text", 42, { "": 1 }) },
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        await send(operation, handler, JSON.stringify(body) ?? "null");
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    );
    const valid = JSON.stringify(
      fc.sample(validArbitrary(operation.schema, options), { numRuns: 1, seed: 1 })[0],
    );
    expect(await send(operation, handler, valid, "text/plain")).toBe(415);
    expect(await send(operation, handler, "{ not json")).toBe(400);
    expect(await send(operation, handler, `{"x":"${"y".repeat(1024 * 1024)}"}`)).toBe(413);
  });
});
