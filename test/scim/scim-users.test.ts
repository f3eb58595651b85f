import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { insertUser } from "@/lib/testing/factories";
import { proxy } from "@/proxy";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { APP_ORIGIN, type CallOptions, callRoute } from "@/test/support/route";

// SCIM Users beyond Entra's happy path: who may call, bad input (SCIM's 400 with a scimType,
// never a 500), taking over people known from elsewhere, pagination, PUT, the last ADMIN.

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const users = () => import("@/app/scim/v2/Users/route");
const user = () => import("@/app/scim/v2/Users/[id]/route");

let company: Company;
let token: string;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
  token = await scimTokenFor();
});

const body = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
  userName,
  active: true,
  displayName: `Person ${userName}`,
  ...extra,
});

async function post(payload: unknown, options: CallOptions = {}) {
  return callRoute((await users()).POST, "POST", "/scim/v2/Users", { token, body: payload, ...options });
}
async function list(query: string) {
  return callRoute((await users()).GET, "GET", `/scim/v2/Users?${query}`, { token });
}
async function patch(id: string, operations: unknown[]) {
  return callRoute((await user()).PATCH, "PATCH", `/scim/v2/Users/${id}`, {
    token,
    params: { id },
    body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: operations },
  });
}

describe("who may call SCIM", () => {
  it("only a SCIM token: none, a personal API token or a revoked SCIM token get SCIM's 401", async () => {
    const { GET } = await users();
    const revoked = await scimTokenFor({ revoked: true });
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: `Bearer ${company.admin.token}` },
      { authorization: `Bearer ${revoked}` },
      { cookie: company.admin.sessionCookie },
    ]) {
      const answer = await callRoute(GET, "GET", "/scim/v2/Users", { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.body).toMatchObject({ schemas: [ERROR], status: "401" });
      expect(answer.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.text).not.toContain(revoked.slice(14));
    }
  });

  it("a SCIM token is refused by the rest of the API", async () => {
    const { GET } = await import("@/app/api/v1/me/route");
    const answer = await callRoute(GET, "GET", "/api/v1/me", { token });
    expect(answer.status).toBe(401);
  });

  it("/scim/v2 is never sent to the sign-in page", () => {
    for (const path of ["/scim/v2/Users", "/scim/v2/ServiceProviderConfig"]) {
      const response = proxy(new NextRequest(new URL(path, APP_ORIGIN)));
      expect(response.status, path).not.toBe(307);
      expect(response.headers.get("location")).toBeNull();
    }
    expect(proxy(new NextRequest(new URL("/automations", APP_ORIGIN))).status).toBe(307);
  });

  it("answers as Next calls a route without dynamic segments: no params", async () => {
    const { GET } = await users();
    const request = new NextRequest(new URL("/scim/v2/Users", APP_ORIGIN), {
      headers: { authorization: `Bearer ${token}` },
    });
    for (const context of [undefined, {}, { params: Promise.resolve(undefined) }]) {
      const response = await GET(request, context as never);
      expect(response.status, JSON.stringify(context)).toBe(200);
    }
  });

  it("discovery endpoints answer in SCIM's shape", async () => {
    for (const [load, path] of [
      [() => import("@/app/scim/v2/ServiceProviderConfig/route"), "/scim/v2/ServiceProviderConfig"],
      [() => import("@/app/scim/v2/Schemas/route"), "/scim/v2/Schemas"],
      [() => import("@/app/scim/v2/ResourceTypes/route"), "/scim/v2/ResourceTypes"],
    ] as const) {
      const answer = await callRoute((await load()).GET, "GET", path, { token });
      expect(answer.status, path).toBe(200);
      expect(answer.response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(answer.body.schemas[0]).toMatch(/^urn:ietf:params:scim:/);
    }
  });
});

describe("bad input is SCIM's 400 with a scimType", () => {
  it.each([
    ["not JSON", { rawBody: "{nope" }, "invalidSyntax"],
    ["no userName", { body: { schemas: [] } }, "invalidValue"],
    ["userName not a string", { body: { userName: 42 } }, "invalidValue"],
    [
      "externalId not an object id",
      { body: body("a@example.com", { externalId: "mailnick" }) },
      "invalidValue",
    ],
    ["active not a boolean", { body: body("a@example.com", { active: "maybe" }) }, "invalidValue"],
    ["no e-mail anywhere", { body: body("justaname") }, "invalidValue"],
    ["a control character", { body: body("a@example.com", { displayName: "A\u0007" }) }, "invalidValue"],
    // Found by test/scim/fuzz.test.ts: both were 500s (the audit trail is jsonb).
    ["an unpaired surrogate", { body: body("a\udc00@example.com") }, "invalidValue"],
    ["a NUL character", { body: body("a@example.com", { displayName: "A\u0000B" }) }, "invalidValue"],
    [
      "a right-to-left override",
      { body: body("a@example.com", { displayName: "\u202Eevil" }) },
      "invalidValue",
    ],
    [
      "an unknown manager",
      { body: body("a@example.com", { [ENTERPRISE]: { manager: { value: crypto.randomUUID() } } }) },
      "invalidValue",
    ],
  ])("%s", async (_label, options, scimType) => {
    const { POST } = await users();
    const answer = await callRoute(POST, "POST", "/scim/v2/Users", { token, ...(options as CallOptions) });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: "400", scimType });
  });

  it("unknown attributes are ignored", async () => {
    const answer = await post(body("x@example.com", { nickName: "X", "urn:example:custom": { a: 1 } }));
    expect(answer.status, answer.text).toBe(201);
  });

  it.each([
    ['userName sw "a"', "invalidFilter"],
    ["userName eq", "invalidFilter"],
    ['title eq "boss"', "invalidFilter"],
  ])("filter %s", async (filter, scimType) => {
    const answer = await list(`filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.scimType).toBe(scimType);
  });

  it("PATCH: a bad op or a path into nothing", async () => {
    const created = await post(body("p@example.com"));
    expect((await patch(created.body.id, [{ op: "move", path: "active" }])).body.scimType).toBe(
      "invalidSyntax",
    );
    expect((await patch(created.body.id, [])).body.scimType).toBe("invalidSyntax");
    const answer = await patch(created.body.id, [{ op: "replace", path: "active", value: "perhaps" }]);
    expect(answer.status).toBe(400);
    expect(answer.body.scimType).toBe("invalidValue");
  });

  it("PATCH without a path: replace needs an object of attributes, remove needs a path (a 500 before)", async () => {
    const created = await post(body("q@example.com"));
    for (const operation of [
      { op: "replace" },
      { op: "add", value: "text" },
      { op: "replace", value: [1] },
    ]) {
      const answer = await patch(created.body.id, [operation]);
      expect(answer.status, JSON.stringify(operation)).toBe(400);
      expect(answer.body.scimType).toBe("invalidValue");
    }
    const remove = await patch(created.body.id, [{ op: "remove" }]);
    expect(remove.status).toBe(400);
    expect(remove.body.scimType).toBe("noTarget");
    const fine = await patch(created.body.id, [{ op: "replace", value: { active: false } }]);
    expect(fine.status, fine.text).toBe(200);
  });

  it("a body that is not JSON by its content type is 415; application/scim+json is accepted", async () => {
    const { POST } = await users();
    const send = (type: string, payload: string) =>
      POST(
        new NextRequest(new URL("/scim/v2/Users", APP_ORIGIN), {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type },
          body: payload,
        }),
        { params: Promise.resolve({}) },
      );
    const refused = await send("text/plain", "userName=x");
    expect(refused.status).toBe(415);
    expect((await refused.json()).schemas).toEqual([ERROR]);
    const accepted = await send(
      "application/scim+json; charset=utf-8",
      JSON.stringify(body("u@example.com")),
    );
    expect(accepted.status).toBe(201);
  });

  it("an unknown or malformed id is 404", async () => {
    const { GET } = await user();
    for (const id of [crypto.randomUUID(), "nope", company.maker.id]) {
      const answer = await callRoute(GET, "GET", `/scim/v2/Users/${id}`, { token, params: { id } });
      expect(answer.status, id).toBe(404);
    }
  });
});

describe("people Preflight already knows", () => {
  it("a person from an inventory import is taken over, not duplicated", async () => {
    const objectId = crypto.randomUUID();
    const known = await insertUser({ email: "olga@example.com", active: false });
    await prisma.user.update({
      where: { id: known.id },
      data: { knownFrom: "INVENTORY", entraObjectId: objectId },
    });
    const answer = await post(body("olga.upn@example.com", { externalId: objectId.toUpperCase() }));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body.id).toBe(known.id);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: known.id } });
    expect(row).toMatchObject({ knownFrom: "SCIM", active: true, scimUserName: "olga.upn@example.com" });
    expect(row.email).toBe("olga.upn@example.com");
    expect(await prisma.user.count({ where: { OR: [{ email: { contains: "olga" } }] } })).toBe(1);
  });

  it("a person who signed in is matched by e-mail and keeps where they came from", async () => {
    const answer = await post(
      body(company.maker.email, { emails: [{ value: company.maker.email, primary: true }] }),
    );
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body.id).toBe(company.maker.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: company.maker.id } })).knownFrom).toBe(
      "SIGN_IN",
    );
    // Provisioned now: a second create is a conflict, which Entra answers with a filtered GET.
    const again = await post(body(company.maker.email));
    expect(again.status).toBe(409);
    expect(again.body.scimType).toBe("uniqueness");
  });

  it("an identical PUT changes nothing and records nothing", async () => {
    const created = await post(body("r@example.com", { [ENTERPRISE]: { department: "Finance" } }));
    const { PUT } = await user();
    const put = () =>
      callRoute(PUT, "PUT", `/scim/v2/Users/${created.body.id}`, {
        token,
        params: { id: created.body.id },
        body: body("r@example.com", { [ENTERPRISE]: { department: "finance" } }),
      });
    expect((await put()).status).toBe(200);
    const events = await prisma.auditEvent.count();
    const row = await prisma.user.findUniqueOrThrow({ where: { id: created.body.id } });
    expect((await put()).status).toBe(200);
    expect(await prisma.auditEvent.count()).toBe(events);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: created.body.id } })).toEqual(row);
    expect(row.departmentId).toBe(company.finance.id);
  });

  it("PUT without the department clears it", async () => {
    const created = await post(body("s@example.com", { [ENTERPRISE]: { department: "Sales" } }));
    const { PUT } = await user();
    const answer = await callRoute(PUT, "PUT", `/scim/v2/Users/${created.body.id}`, {
      token,
      params: { id: created.body.id },
      body: body("s@example.com"),
    });
    expect(answer.status).toBe(200);
    expect(answer.body[ENTERPRISE]).toEqual({});
  });
});

describe("lists", () => {
  it("pages with startIndex and count", async () => {
    for (const name of ["a", "b", "c"]) expect((await post(body(`${name}@example.com`))).status).toBe(201);
    const page = await list("startIndex=2&count=1");
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.body.Resources[0].userName).toBe("b@example.com");
    expect((await list("count=0")).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await list("startIndex=0&count=500")).body.itemsPerPage).toBe(3);
    expect((await list("count=abc")).status).toBe(400);
  });
});

describe("leavers over SCIM", () => {
  it("deactivating or deleting the last ADMIN is refused; nothing changes", async () => {
    const created = await post(body(company.admin.email));
    expect(created.body.id).toBe(company.admin.id);
    const deactivate = await patch(company.admin.id, [{ op: "replace", path: "active", value: false }]);
    expect(deactivate.status).toBe(400);
    expect(deactivate.body.scimType).toBe("mutability");
    const { DELETE } = await user();
    const removal = await callRoute(DELETE, "DELETE", `/scim/v2/Users/${company.admin.id}`, {
      token,
      params: { id: company.admin.id },
    });
    expect(removal.status).toBe(400);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: company.admin.id } });
    expect(row).toMatchObject({ active: true, scimDeletedAt: null });
  });

  it("a deactivated person's tokens stay revoked when SCIM reactivates them", async () => {
    const created = await post(body(company.maker.email));
    expect((await patch(created.body.id, [{ op: "replace", value: { active: false } }])).body.active).toBe(
      false,
    );
    expect((await patch(created.body.id, [{ op: "replace", value: { active: true } }])).body.active).toBe(
      true,
    );
    const tokens = await prisma.apiToken.findMany({ where: { userId: company.maker.id } });
    expect(tokens.every((row) => row.revokedAt !== null)).toBe(true);
    const { GET } = await import("@/app/api/v1/me/route");
    expect((await callRoute(GET, "GET", "/api/v1/me", { token: company.maker.token })).status).toBe(401);
  });

  it("a deleted person provisioned again comes back under the same id", async () => {
    const created = await post(body("t@example.com"));
    const { DELETE } = await user();
    const id = created.body.id;
    expect(
      (await callRoute(DELETE, "DELETE", `/scim/v2/Users/${id}`, { token, params: { id } })).status,
    ).toBe(204);
    const again = await post(body("t@example.com"));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(again.body.active).toBe(true);
  });
});
