import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getAuthOptions } from "@/lib/auth/server/config";
import { sessionCookieName } from "@/lib/auth/server/cookies";
import { sessionCallerFromRequest } from "@/lib/auth/server/session";
import { sessionCookieFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { buildWorld, type World } from "@/test/support/principals";
import { APP_ORIGIN } from "@/test/support/route";

// The session cookie is decrypted once and what it says kept until the token expires; who the
// person is, whether they may still sign in and whether they signed out since the cookie was
// issued are read from the database every time.

let world: World;

beforeEach(async () => {
  await resetDatabase();
  world = await buildWorld();
});

afterEach(() => {
  vi.useRealTimers();
});

const requestWith = (cookie: string) => new NextRequest(`${APP_ORIGIN}/api/v1/me`, { headers: { cookie } });

describe("the session cookie of an API call", () => {
  it("names the same person on every request, with roles read afresh", async () => {
    const maker = world.people.MAKER;
    const cookie = await sessionCookieFor(maker.id);
    expect((await sessionCallerFromRequest(requestWith(cookie)))?.roles).toEqual(["MAKER"]);

    await prisma.roleAssignment.deleteMany({ where: { userId: maker.id } });
    expect((await sessionCallerFromRequest(requestWith(cookie)))?.roles).toEqual([]);

    await prisma.user.update({ where: { id: maker.id }, data: { active: false } });
    expect(await sessionCallerFromRequest(requestWith(cookie))).toBeNull();
  });

  it("stops working when the token expires, even after it was accepted", async () => {
    const cookie = await sessionCookieFor(world.people.ADMIN.id, { maxAgeSeconds: 60 });
    expect((await sessionCallerFromRequest(requestWith(cookie)))?.id).toBe(world.people.ADMIN.id);

    // Past the expiry and next-auth's 15 s clock tolerance.
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    expect(await sessionCallerFromRequest(requestWith(cookie))).toBeNull();
  });

  it("refuses a cookie that was tampered with, and one signed with another secret", async () => {
    const cookie = await sessionCookieFor(world.people.ADMIN.id);
    expect(await sessionCallerFromRequest(requestWith(`${cookie.slice(0, -4)}AAAA`))).toBeNull();

    const foreign = await encode({
      token: { uid: world.people.ADMIN.id },
      secret: "another-secret-entirely-000000",
    });
    expect(await sessionCallerFromRequest(requestWith(`${sessionCookieName()}=${foreign}`))).toBeNull();
  });

  it("signing out ends that cookie, its copies and every older one; a later sign-in works", async () => {
    const it_ = world.people.IT_APPROVER;
    const cookie = await sessionCookieFor(it_.id);
    const otherBrowser = await sessionCookieFor(it_.id);
    expect((await sessionCallerFromRequest(requestWith(cookie)))?.id).toBe(it_.id);

    await getAuthOptions().events!.signOut!({ token: { uid: it_.id }, session: null as never });
    expect(await sessionCallerFromRequest(requestWith(cookie))).toBeNull();
    expect(await sessionCallerFromRequest(requestWith(otherBrowser))).toBeNull();
    const audit = await prisma.auditEvent.count({ where: { action: "user.signed_out", entityId: it_.id } });
    expect(audit).toBe(1);
    // Someone else's sessions are untouched.
    expect(
      await sessionCallerFromRequest(requestWith(await sessionCookieFor(world.people.ADMIN.id))),
    ).not.toBeNull();

    // Signing in again starts a new session, which works.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await sessionCallerFromRequest(requestWith(await sessionCookieFor(it_.id))))?.id).toBe(it_.id);
  });
});
