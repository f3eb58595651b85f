import type { Role } from "@/lib/generated/prisma/enums";
import { buildCompany, type Company, type Person } from "./company";
import { tokenFor } from "./credentials";
import { prisma } from "./db";
import { APP_ORIGIN } from "./route";

// Who calls in the access tests: the company's person of each role, with a personal API token
// and a browser session cookie, and the credentials that must fail (none, an expired token, a
// revoked token).

export const ROLE_PRINCIPALS = [
  "MAKER",
  "IT_APPROVER",
  "MANAGER",
  "ADMIN",
] as const satisfies readonly Role[];
export const FAILING_PRINCIPALS = ["NONE", "EXPIRED_TOKEN", "REVOKED_TOKEN"] as const;
export type RolePrincipal = (typeof ROLE_PRINCIPALS)[number];
export type Principal = RolePrincipal | (typeof FAILING_PRINCIPALS)[number];

export interface World extends Company {
  /** The company's person of each role. */
  people: Record<RolePrincipal, Person>;
  expiredToken: string;
  revokedToken: string;
}

/** The company (its manager manages Finance and Sales), its people by role, and failing tokens. */
export async function buildWorld(): Promise<World> {
  const company = await buildCompany();
  const expiredToken = await tokenFor(company.admin.id);
  await prisma.apiToken.update({
    where: { prefix: expiredToken.slice(0, 10) },
    data: { expiresAt: new Date(Date.now() - 60_000) },
  });
  const revokedToken = await tokenFor(company.admin.id);
  await prisma.apiToken.update({
    where: { prefix: revokedToken.slice(0, 10) },
    data: { revokedAt: new Date() },
  });
  const people = {
    MAKER: company.maker,
    IT_APPROVER: company.it,
    MANAGER: company.manager,
    ADMIN: company.admin,
  };
  return { ...company, people, expiredToken, revokedToken };
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
