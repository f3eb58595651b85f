import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/server/config";
import { sessionCookieName } from "@/lib/auth/server/cookies";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { insertDepartment, insertUser } from "@/lib/testing/factories";
import { createToken } from "@/lib/tokens/server/tokens";

// Who calls in route tests: one person per role with a personal API token and a browser
// session cookie, and the credentials that must fail (none, expired token, revoked token).
// Route handlers are called directly with a NextRequest, as Next would call them.

export const APP_ORIGIN = "http://localhost:3000";

export const ROLE_PRINCIPALS = [
  "MAKER",
  "IT_APPROVER",
  "MANAGER",
  "ADMIN",
] as const satisfies readonly Role[];
export const FAILING_PRINCIPALS = ["NONE", "EXPIRED_TOKEN", "REVOKED_TOKEN"] as const;
export type RolePrincipal = (typeof ROLE_PRINCIPALS)[number];
export type Principal = RolePrincipal | (typeof FAILING_PRINCIPALS)[number];
export const PRINCIPALS: readonly Principal[] = [...ROLE_PRINCIPALS, ...FAILING_PRINCIPALS];

export interface Person {
  id: string;
  email: string;
  token: string;
  sessionCookie: string;
}

export interface World {
  departments: { finance: string; sales: string; it: string };
  people: Record<RolePrincipal, Person>;
  expiredToken: string;
  revokedToken: string;
}

const TEST_ACTOR = { id: null, label: "system: test" };

export async function sessionCookieFor(userId: string): Promise<string> {
  const value = await encode({ token: { uid: userId, provider: "dev-idp" }, secret: authSecret() });
  return `${sessionCookieName()}=${value}`;
}

export async function tokenFor(userId: string, days = 30): Promise<string> {
  const created = await createToken({ userId, name: "test", expiresInDays: days, actor: TEST_ACTOR });
  return created.token;
}

/** The demo company in miniature: Finance, Sales, IT and one person per role. */
export async function createWorld(): Promise<World> {
  const finance = (await insertDepartment("Finance")).id;
  const sales = (await insertDepartment("Sales")).id;
  const it = (await insertDepartment("IT")).id;
  const specs: Record<RolePrincipal, { email: string; departmentId: string; manages?: string[] }> = {
    MAKER: { email: "maker@preflight.test", departmentId: finance },
    IT_APPROVER: { email: "it@preflight.test", departmentId: it },
    MANAGER: { email: "manager@preflight.test", departmentId: finance, manages: [finance, sales] },
    ADMIN: { email: "admin@preflight.test", departmentId: it },
  };
  const people = {} as Record<RolePrincipal, Person>;
  for (const role of ROLE_PRINCIPALS) {
    const spec = specs[role];
    const user = await insertUser({ ...spec, roles: [role] });
    people[role] = {
      id: user.id,
      email: user.email,
      token: await tokenFor(user.id),
      sessionCookie: await sessionCookieFor(user.id),
    };
  }
  const expiredToken = await tokenFor(people.ADMIN.id);
  await prisma.apiToken.update({
    where: { prefix: expiredToken.slice(0, 10) },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });
  const revokedToken = await tokenFor(people.ADMIN.id);
  await prisma.apiToken.update({
    where: { prefix: revokedToken.slice(0, 10) },
    data: { revokedAt: new Date() },
  });
  return { departments: { finance, sales, it }, people, expiredToken, revokedToken };
}

export type Credential = "token" | "session";

/** Request headers for a principal: a bearer token, or a session cookie on a same-origin request. */
export function credentialsFor(world: World, principal: Principal, via: Credential): Record<string, string> {
  switch (principal) {
    case "NONE":
      return {};
    case "EXPIRED_TOKEN":
      return { authorization: `Bearer ${world.expiredToken}` };
    case "REVOKED_TOKEN":
      return { authorization: `Bearer ${world.revokedToken}` };
    default: {
      const person = world.people[principal];
      return via === "token"
        ? { authorization: `Bearer ${person.token}` }
        : { cookie: person.sessionCookie, origin: APP_ORIGIN, "sec-fetch-site": "same-origin" };
    }
  }
}

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
}

export async function callRoute(handler: unknown, call: Call): Promise<Response> {
  const headers = new Headers(call.headers);
  if (call.body !== undefined) headers.set("content-type", "application/json");
  const request = new NextRequest(new URL(call.path, APP_ORIGIN), {
    method: call.method ?? "GET",
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return (handler as Handler)(request, { params: Promise.resolve(call.params ?? {}) });
}
