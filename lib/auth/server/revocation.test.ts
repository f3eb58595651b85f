import { beforeEach, describe, expect, it } from "vitest";
import { PATCH as updatePerson } from "@/app/api/v1/admin/people/[id]/route";
import { GET as listPeople } from "@/app/api/v1/admin/people/route";
import { GET as me } from "@/app/api/v1/me/route";
import { prisma, resetDatabase } from "@/test/support/db";
import { buildWorld, type World } from "@/test/support/principals";
import { callRoute } from "@/test/support/route";

// Roles and the active flag are read from the database on every request: taking a role
// away or deactivating someone takes effect on their very next request, whether they come
// with an API token or a browser session.

let world: World;

beforeEach(async () => {
  await resetDatabase();
  world = await buildWorld();
});

describe.each(["token", "session"] as const)("via %s", (via) => {
  const headers = (): Record<string, string> =>
    via === "token"
      ? { authorization: `Bearer ${world.people.ADMIN.token}` }
      : { cookie: world.people.ADMIN.sessionCookie };

  it("a removed role is gone on the next request", async () => {
    expect((await callRoute(listPeople, "GET", "/api/v1/admin/people", { headers: headers() })).status).toBe(
      200,
    );
    await prisma.roleAssignment.deleteMany({ where: { userId: world.people.ADMIN.id, role: "ADMIN" } });
    const response = await callRoute(listPeople, "GET", "/api/v1/admin/people", { headers: headers() });
    expect(response.status).toBe(403);
    const meAnswer = await callRoute(me, "GET", "/api/v1/me", { headers: headers() });
    expect(meAnswer.body.roles).toEqual([]);
  });

  it("a deactivated person is signed out on the next request", async () => {
    expect((await callRoute(me, "GET", "/api/v1/me", { headers: headers() })).status).toBe(200);
    await prisma.user.update({ where: { id: world.people.ADMIN.id }, data: { active: false } });
    const response = await callRoute(me, "GET", "/api/v1/me", { headers: headers() });
    expect(response.status).toBe(401);
  });

  it("a granted role works on the next request", async () => {
    const maker = world.people.MAKER;
    const makerHeaders: Record<string, string> =
      via === "token" ? { authorization: `Bearer ${maker.token}` } : { cookie: maker.sessionCookie };
    expect(
      (await callRoute(listPeople, "GET", "/api/v1/admin/people", { headers: makerHeaders })).status,
    ).toBe(403);
    await prisma.roleAssignment.create({ data: { userId: maker.id, role: "ADMIN", source: "APP" } });
    expect(
      (await callRoute(listPeople, "GET", "/api/v1/admin/people", { headers: makerHeaders })).status,
    ).toBe(200);
  });
});

describe("a leaver", () => {
  const setActive = (active: boolean) =>
    callRoute(updatePerson, "PATCH", `/api/v1/admin/people/${world.people.MAKER.id}`, {
      token: world.people.ADMIN.token,
      params: { id: world.people.MAKER.id },
      body: { active },
    });
  const asMaker = (headers: Record<string, string>) => callRoute(me, "GET", "/api/v1/me", { headers });

  it("deactivated: sessions end and API tokens are revoked for good, so reactivating gives back neither", async () => {
    const maker = world.people.MAKER;
    const token = { authorization: `Bearer ${maker.token}` };
    const session = { cookie: maker.sessionCookie };
    expect((await asMaker(token)).status).toBe(200);
    expect((await asMaker(session)).status).toBe(200);

    expect((await setActive(false)).status).toBe(200);
    const tokens = await prisma.apiToken.findMany({ where: { userId: maker.id } });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((row) => row.revokedAt !== null)).toBe(true);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.deactivated", entityId: maker.id },
    });
    expect(event.after).toMatchObject({
      active: false,
      cause: "ADMIN",
      sessionsEnded: true,
      tokensRevoked: tokens.length,
    });

    expect((await setActive(true)).status).toBe(200);
    expect((await asMaker(token)).status).toBe(401);
    expect((await asMaker(session)).status).toBe(401);
    const reactivated = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.reactivated", entityId: maker.id },
    });
    expect(reactivated.after).toEqual({ active: true });
  });

  it("a change that is not a deactivation leaves sessions and tokens alone", async () => {
    expect((await setActive(true)).status).toBe(200);
    expect((await asMaker({ authorization: `Bearer ${world.people.MAKER.token}` })).status).toBe(200);
    expect((await asMaker({ cookie: world.people.MAKER.sessionCookie })).status).toBe(200);
  });
});
