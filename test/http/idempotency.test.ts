import { beforeEach, describe, expect, it, vi } from "vitest";
import * as automations from "@/app/api/v1/automations/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as gateways from "@/app/api/v1/gateways/route";
import * as decision from "@/app/api/v1/requests/[id]/decision/route";
import * as requests from "@/app/api/v1/requests/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { ZCreateAutomationBody } from "@/lib/automations/schemas";
import { createAutomation } from "@/lib/automations/server/create-automation";
import { IDEMPOTENT_OPERATIONS } from "@/lib/http/idempotency";
import { deleteExpiredIdempotencyKeys } from "@/lib/http/server/idempotency";
import { openApiDocument } from "@/lib/openapi/server/registry";
import { expenseReporting } from "@/test/support/bodies";
import { buildCompany, type Company, type Person } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";
import { APP_ORIGIN, callRoute } from "@/test/support/route";

// Idempotency-Key (decision 020): a retry of a POST that creates something gets the first answer
// and makes no second record; the same key with another body is 422; a malformed key is 400
// naming the header; a key belongs to the person who sent it; two copies at once make one record.

// A database that goes away in the middle of a write: the audit event (which records the key)
// is written, then the transaction fails as a dropped connection would.
const outage = vi.hoisted(() => ({ afterNextAudit: false }));
vi.mock("@/lib/audit/server/record-audit", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit/server/record-audit")>();
  return {
    ...original,
    recordAudit: async (...args: Parameters<typeof original.recordAudit>) => {
      await original.recordAudit(...args);
      if (outage.afterNextAudit) {
        outage.afterNextAudit = false;
        throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
      }
    },
  };
});

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const counts = async () =>
  (
    await pool().query<Record<string, number>>(`
      select (select count(*)::int from automations) as automations,
             (select count(*)::int from requests) as requests,
             (select count(*)::int from connectors) as connectors,
             (select count(*)::int from gateways) as gateways,
             (select count(*)::int from audit_events) as audit`)
  ).rows[0]!;

interface Case {
  operation: (typeof IDEMPOTENT_OPERATIONS)[number];
  /** The table that gains one row per creation (audit_events for a decision). */
  table: "automations" | "requests" | "connectors" | "gateways" | "audit";
  setup: () => Promise<{
    person: Person;
    handler: unknown;
    path: string;
    params?: Record<string, string>;
    body: Record<string, unknown>;
    otherBody: Record<string, unknown>;
  }>;
}

async function payrollAutomation() {
  const body = expenseReporting();
  body.systems[2]!.service = "payroll";
  return createAutomation({ caller: company.maker.caller, input: ZCreateAutomationBody.parse(body) });
}

const CONNECTOR_DETAILS = {
  vendor: "Payroll Cloud",
  baseUrl: "https://api.payroll.example.com/v2",
  authScheme: "API_KEY_HEADER",
  scopes: ["read:employees"],
  dataClassification: "CONFIDENTIAL",
};

const connectorBody = (name: string) => ({
  name,
  service: "workday",
  ownerTeam: "IT Integration",
  keyReference: "https://kv-integration.vault.azure.net/secrets/workday",
  keyExpiresAt: inDays(90).toISOString(),
  sharedWith: "ALL",
});

const CASES: Case[] = [
  {
    operation: "POST /api/v1/automations",
    table: "automations",
    setup: async () => ({
      person: company.maker,
      handler: automations.POST,
      path: "/api/v1/automations",
      body: expenseReporting(),
      otherBody: { ...expenseReporting(), name: "Something else" },
    }),
  },
  {
    operation: "POST /api/v1/requests",
    table: "requests",
    setup: async () => {
      const automation = await payrollAutomation();
      const sharedKey = automation.prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR")!;
      const body = {
        type: "SHARED_KEY_CONNECTOR",
        automationId: automation.id,
        prerequisiteId: sharedKey.id,
        justification: "Payroll export needs the payroll API",
        details: CONNECTOR_DETAILS,
      };
      return {
        person: company.maker,
        handler: requests.POST,
        path: "/api/v1/requests",
        body,
        otherBody: { ...body, justification: "Another reason" },
      };
    },
  },
  {
    operation: "POST /api/v1/requests/{id}/decision",
    table: "audit",
    setup: async () => {
      const automation = await payrollAutomation();
      const sharedKey = automation.prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR")!;
      const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
        token: company.maker.token,
        body: {
          type: "SHARED_KEY_CONNECTOR",
          automationId: automation.id,
          prerequisiteId: sharedKey.id,
          justification: "Payroll export needs the payroll API",
          details: CONNECTOR_DETAILS,
        },
      });
      expect(filed.status).toBe(201);
      const id = filed.body.id as string;
      return {
        person: company.it,
        handler: decision.POST,
        path: `/api/v1/requests/${id}/decision`,
        params: { id },
        body: { decision: "REJECT", reason: "Use the HR connector", version: 1 },
        otherBody: { decision: "REJECT", reason: "Another reason", version: 1 },
      };
    },
  },
  {
    operation: "POST /api/v1/connectors",
    table: "connectors",
    setup: async () => ({
      person: company.it,
      handler: connectors.POST,
      path: "/api/v1/connectors",
      body: connectorBody("Workday"),
      otherBody: connectorBody("Workday EU"),
    }),
  },
  {
    operation: "POST /api/v1/gateways",
    table: "gateways",
    setup: async () => ({
      person: company.it,
      handler: gateways.POST,
      path: "/api/v1/gateways",
      body: { name: "gw-finance", kind: "DATA_GATEWAY", cluster: "c", host: "h", region: "r" },
      otherBody: { name: "gw-sales", kind: "DATA_GATEWAY", cluster: "c", host: "h", region: "r" },
    }),
  },
];

const send = (
  person: Person,
  handler: unknown,
  path: string,
  body: unknown,
  key: string | undefined,
  params?: Record<string, string>,
) =>
  callRoute(handler, "POST", path, {
    token: person.token,
    body,
    params,
    headers: key === undefined ? {} : { "idempotency-key": key },
  });

describe("the operations that honour Idempotency-Key", () => {
  it("are each tested here, and each carries the header in the OpenAPI document", () => {
    expect(CASES.map((c) => c.operation).sort()).toEqual([...IDEMPOTENT_OPERATIONS].sort());
    const document = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    for (const operation of IDEMPOTENT_OPERATIONS) {
      const [method, path] = operation.split(" ") as [string, string];
      const parameters = document.paths[path]?.[method.toLowerCase()]?.parameters ?? [];
      expect(parameters, operation).toContainEqual(
        expect.objectContaining({ name: "Idempotency-Key", in: "header" }),
      );
    }
  });
});

describe.each(CASES)("$operation", ({ table, setup }) => {
  it("a retry with the same key gets the first answer and makes no second record", async () => {
    const { person, handler, path, params, body } = await setup();
    const before = await counts();
    const first = await send(person, handler, path, body, "retry-1", params);
    expect(first.status).toBeLessThan(300);
    const afterFirst = await counts();
    expect(afterFirst[table]).toBeGreaterThan(before[table]!);

    const retry = await send(person, handler, path, body, "retry-1", params);
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect(retry.response.headers.get("idempotent-replayed")).toBe("true");
    expect(first.response.headers.get("idempotent-replayed")).toBeNull();
    expect(await counts()).toEqual(afterFirst);
  });

  it("the same key with another body is 422 naming the header, and writes nothing", async () => {
    const { person, handler, path, params, body, otherBody } = await setup();
    expect((await send(person, handler, path, body, "reused", params)).status).toBeLessThan(300);
    const afterFirst = await counts();
    const other = await send(person, handler, path, otherBody, "reused", params);
    expect(other.status).toBe(422);
    expect(Object.keys(other.body.error.fields)).toEqual(["Idempotency-Key"]);
    expect(await counts()).toEqual(afterFirst);
  });
});

describe("a malformed key", () => {
  it.each([
    ["too long", "k".repeat(256)],
    ["with a space", "two words"],
    ["empty", ""],
  ])("%s is 400 naming the header, and writes nothing", async (_what, key) => {
    const before = await counts();
    const answer = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      key,
    );
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields)).toEqual(["Idempotency-Key"]);
    expect(answer.body.error.message).toContain("Idempotency-Key");
    expect(await counts()).toEqual(before);
  });

  it("255 visible characters are a key", async () => {
    const key = "k".repeat(255);
    const answer = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      key,
    );
    expect(answer.status).toBe(201);
  });
});

describe("whose key it is", () => {
  it("is not shared: another person's same key and body makes their own record", async () => {
    const mine = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "shared",
    );
    const theirs = await send(
      company.colleague,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "shared",
    );
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.response.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.owner.id).toBe(company.colleague.id);
    expect((await counts()).automations).toBe(2);
  });

  it("the same person's key via a session cookie and via a token is one key", async () => {
    const viaToken = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "k1",
    );
    const viaSession = await callRoute(automations.POST, "POST", "/api/v1/automations", {
      body: expenseReporting(),
      headers: {
        cookie: company.maker.sessionCookie,
        origin: APP_ORIGIN,
        "idempotency-key": "k1",
      },
    });
    expect(viaSession.text).toBe(viaToken.text);
    expect((await counts()).automations).toBe(1);
  });
});

describe("two copies at once", () => {
  it("make one record: the other copy is 409 (still in progress) or the first answer", async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(company.maker, automations.POST, "/api/v1/automations", expenseReporting(), "burst"),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.status === 201);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect((await counts()).automations).toBe(1);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error.message).toContain("Idempotency-Key");
    }
  });
});

describe("a refused request", () => {
  it("keeps nothing under its key: the same key may be sent again once the request is put right", async () => {
    const past = { ...connectorBody("Workday"), keyExpiresAt: inDays(-1).toISOString() };
    const refused = await send(company.it, connectors.POST, "/api/v1/connectors", past, "fix-and-retry");
    expect(refused.status).toBe(422);
    expect(await prisma.idempotencyKey.count()).toBe(0);
    const fixed = await send(
      company.it,
      connectors.POST,
      "/api/v1/connectors",
      connectorBody("Workday"),
      "fix-and-retry",
    );
    expect(fixed.status).toBe(201);
    expect(await prisma.idempotencyKey.count()).toBe(1);
  });
});

describe("a request that fails half-way (503)", () => {
  it("takes its key with it: the key is written in the change's own transaction, and the retry runs", async () => {
    outage.afterNextAudit = true;
    const failed = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "after-503",
    );
    expect(failed.status).toBe(503);
    expect(await prisma.idempotencyKey.count()).toBe(0);
    expect((await counts()).automations).toBe(0);

    const retry = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "after-503",
    );
    expect(retry.status).toBe(201);
    const again = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "after-503",
    );
    expect(again.text).toBe(retry.text);
    expect((await counts()).automations).toBe(1);
  });
});

describe("expiry", () => {
  it("after 24 hours the key is free again, and the daily job deletes it", async () => {
    const first = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "old",
    );
    expect(first.status).toBe(201);
    const stored = await prisma.idempotencyKey.findFirstOrThrow();
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 3600 * 1000);
    await prisma.idempotencyKey.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });

    // An expired key is claimed anew: the request runs (the name is taken: 409 from the operation).
    const again = await send(
      company.maker,
      automations.POST,
      "/api/v1/automations",
      expenseReporting(),
      "old",
    );
    expect(again.response.headers.get("idempotent-replayed")).toBeNull();

    await prisma.idempotencyKey.create({
      data: {
        userId: company.maker.id,
        route: "POST /api/v1/automations",
        key: "stale",
        requestHash: "0".repeat(64),
        expiresAt: new Date(Date.now() - 1000),
      },
    });
    expect(await deleteExpiredIdempotencyKeys()).toBe(1);
  });
});

describe("where the header is not honoured", () => {
  it("POST /api/v1/tokens ignores it: its answer holds a secret that is never stored", async () => {
    const headers = { cookie: company.maker.sessionCookie, origin: APP_ORIGIN, "idempotency-key": "t1" };
    const body = { name: "laptop", expiresInDays: 7 };
    const first = await callRoute(tokens.POST, "POST", "/api/v1/tokens", { body, headers });
    const second = await callRoute(tokens.POST, "POST", "/api/v1/tokens", { body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await prisma.idempotencyKey.count()).toBe(0);
  });
});
