import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { callerFromBearer, hashToken } from "@/lib/auth/server/caller";
import { authHandler } from "@/lib/auth/server/handler";
import { AppError } from "@/lib/http/errors";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/server/client-address";
import { consumeRateLimit } from "@/lib/http/server/rate-limit";
import { insertUser } from "@/lib/testing/factories";
import { createOwnToken, createToken, listTokens, revokeOwnToken } from "@/lib/tokens/server/tokens";
import { prisma, resetDatabase } from "@/test/support/db";

const ACTOR = { id: null, label: "system: test" };

async function refusal(header: string): Promise<{ status: number; message: string }> {
  try {
    await callerFromBearer(header);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

let userId: string;
let token: string;

beforeEach(async () => {
  await resetDatabase();
  userId = (await insertUser({ email: "it@test", roles: ["IT_APPROVER"] })).id;
  token = (await createToken({ userId, name: "ci", expiresInDays: 30, actor: ACTOR })).token;
});

describe("createToken", () => {
  it("returns pf_ + 43 characters once and stores only the hash and the prefix", async () => {
    expect(token).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId } });
    expect(row.hash).toBe(hashToken(token));
    expect(row.prefix).toBe(token.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
    const audit = await prisma.auditEvent.findMany({
      where: { entityType: "ApiToken" },
      select: { action: true, actorLabel: true, before: true, after: true },
    });
    expect(audit.map((event) => event.action)).toEqual(["token.created"]);
    expect(JSON.stringify(audit)).not.toContain(token.slice(10));
  });

  it("refuses to mint a token from a token", async () => {
    const caller = await callerFromBearer(`Bearer ${token}`);
    await expect(createOwnToken(caller, { name: "more", expiresInDays: 7 })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("callerFromBearer", () => {
  it("accepts a valid token with the owner's current roles and records its use", async () => {
    const caller = await callerFromBearer(`Bearer ${token}`);
    expect(caller).toMatchObject({
      id: userId,
      roles: ["IT_APPROVER"],
      via: "token",
      tokenPrefix: token.slice(0, 10),
    });
    const [listed] = await listTokens({ caller: { id: userId } });
    expect(listed?.lastUsedAt).not.toBeNull();
    await prisma.roleAssignment.deleteMany({ where: { userId } });
    expect((await callerFromBearer(`Bearer ${token}`)).roles).toEqual([]);
  });

  it("writes lastUsedAt again only once it is more than a minute old", async () => {
    const lastUsed = async () =>
      (await prisma.apiToken.findFirstOrThrow({ where: { userId }, select: { lastUsedAt: true } }))
        .lastUsedAt;
    await callerFromBearer(`Bearer ${token}`);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await callerFromBearer(`Bearer ${token}`);
    expect(await lastUsed()).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await prisma.apiToken.updateMany({ where: { userId }, data: { lastUsedAt: twoMinutesAgo } });
    await callerFromBearer(`Bearer ${token}`);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it.each([
    ["Bearer", "Malformed"],
    ["Basic dXNlcjpwYXNz", "Malformed"],
    ["Bearer not-a-preflight-token-at-all", "Malformed"],
    ["Bearer pf_short", "Malformed"],
    [`Bearer pf_${"x".repeat(43)}`, "Unknown API token"],
  ])("refuses %s with 401", async (header, message) => {
    const result = await refusal(header);
    expect(result.status).toBe(401);
    expect(result.message).toContain(message);
  });

  it("refuses an expired token, naming only its prefix", async () => {
    await prisma.apiToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await refusal(`Bearer ${token}`);
    expect(result).toEqual({ status: 401, message: `API token ${token.slice(0, 10)}… has expired.` });
  });

  it("refuses a revoked token", async () => {
    const caller = await callerFromBearer(`Bearer ${token}`);
    const [row] = await listTokens({ caller: { id: userId } });
    await revokeOwnToken(caller, row!.id);
    const result = await refusal(`Bearer ${token}`);
    expect(result).toEqual({ status: 401, message: `API token ${token.slice(0, 10)}… was revoked.` });
    expect(await prisma.auditEvent.count({ where: { action: "token.revoked" } })).toBe(1);
  });

  it("refuses the token of a deactivated person", async () => {
    await prisma.user.update({ where: { id: userId }, data: { active: false } });
    expect(await refusal(`Bearer ${token}`)).toEqual({
      status: 401,
      message: "The owner of this API token is deactivated.",
    });
  });

  it("revoking someone else's token is 'not found'", async () => {
    const other = await insertUser({ email: "other@test", roles: ["MAKER"] });
    const otherToken = await createToken({ userId: other.id, name: "x", expiresInDays: 1, actor: ACTOR });
    const caller = await callerFromBearer(`Bearer ${token}`);
    await expect(revokeOwnToken(caller, otherToken.id)).rejects.toMatchObject({ status: 404 });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: otherToken.id } })).revokedAt).toBeNull();
  });
});

describe("the API-token rate limit", () => {
  it("counts only a proven token, so forged tokens with its prefix cannot lock its owner out", async () => {
    // API_TOKEN_RATE_LIMIT defaults to 600 per minute; the prefix is public (audit trail, errors).
    const prefix = token.slice(0, 10);
    for (let attempt = 0; attempt < 620; attempt++) {
      const forged = `${prefix}${attempt.toString(36).padStart(40, "x")}`;
      expect((await refusal(`Bearer ${forged}`)).status).toBe(401);
    }
    await expect(callerFromBearer(`Bearer ${token}`)).resolves.toMatchObject({ id: userId });
    const keys = (await prisma.rateLimit.findMany()).map((row) => row.key);
    expect(keys.some((key) => key.includes(prefix))).toBe(false);
  });

  it("still limits the token itself", async () => {
    for (let attempt = 0; attempt < 600; attempt++) await callerFromBearer(`Bearer ${token}`);
    expect(await refusal(`Bearer ${token}`)).toMatchObject({ status: 429 });
  });
});

describe("rate limits (Postgres store)", () => {
  it("counts in the rate_limits table and says how long to wait", async () => {
    // AUTH_SIGNIN_RATE_LIMIT defaults to 20 per minute.
    for (let attempt = 0; attempt < 20; attempt++)
      expect(await consumeRateLimit("signin", "203.0.113.9")).toBeNull();
    const wait = await consumeRateLimit("signin", "203.0.113.9");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await consumeRateLimit("signin", "203.0.113.10")).toBeNull();
    const rows = await prisma.rateLimit.findMany();
    expect(rows.map((row) => row.key).sort()).toEqual(["signin:203.0.113.10", "signin:203.0.113.9"]);
  });

  it("answers a sign-in over the limit without reaching the identity provider", async () => {
    const ip = "198.51.100.7";
    for (let attempt = 0; attempt < 20; attempt++) await consumeRateLimit("signin", ip);
    const context = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
    const start = await authHandler(
      new NextRequest("http://localhost:3000/api/auth/signin/dev-idp", {
        method: "POST",
        // The peer address counts (TRUSTED_PROXY_HOPS=0); X-Forwarded-For is the client's own words.
        headers: { [CLIENT_ADDRESS_HEADER]: ip, "x-forwarded-for": "203.0.113.1" },
      }),
      context("signin", "dev-idp"),
    );
    expect(start.status).toBe(429);
    expect(start.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await start.json()).toMatchObject({
      url: "/signin?error=RateLimited",
      error: { code: "RATE_LIMITED" },
    });
    const callback = await authHandler(
      new NextRequest("http://localhost:3000/api/auth/callback/dev-idp?code=x&state=y", {
        headers: { [CLIENT_ADDRESS_HEADER]: ip },
      }),
      context("callback", "dev-idp"),
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("http://localhost:3000/signin?error=RateLimited");
  });
});
