import { beforeEach, describe, expect, it } from "vitest";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { APP_ORIGIN, callRoute } from "@/test/support/route";

// The SCIM token's life: created by an ADMIN on the page and shown once, stored as a hash,
// working only on /scim/v2, rotated and revoked — and still working after its creator left.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const session = () => ({
  cookie: company.admin.sessionCookie,
  origin: APP_ORIGIN,
  "sec-fetch-site": "same-origin",
});

async function create(name = "Entra ID provisioning") {
  const { POST } = await import("@/app/api/v1/admin/scim-tokens/route");
  return callRoute(POST, "POST", "/api/v1/admin/scim-tokens", { headers: session(), body: { name } });
}

async function scimStatus(token: string) {
  const { GET } = await import("@/app/scim/v2/Users/route");
  return (await callRoute(GET, "GET", "/scim/v2/Users", { token })).status;
}

describe("SCIM tokens", () => {
  it("is shown once, kept as a hash, and opens SCIM", async () => {
    const created = await create();
    expect(created.status, created.text).toBe(201);
    const { token, prefix } = created.body;
    expect(token).toMatch(/^pfscim_/);
    expect(token.startsWith(prefix)).toBe(true);
    const row = await prisma.scimToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(14));
    expect(await scimStatus(token)).toBe(200);
    const { GET } = await import("@/app/api/v1/admin/scim-tokens/route");
    const list = await callRoute(GET, "GET", "/api/v1/admin/scim-tokens", { headers: session() });
    expect(list.text).not.toContain(token.slice(14));
    expect(list.body.items[0]).toMatchObject({ prefix, status: "ACTIVE", createdBy: company.admin.email });
    const audit = JSON.stringify(
      await prisma.auditEvent.findMany({ select: { action: true, before: true, after: true } }),
    );
    expect(audit).toContain("scim_token.created");
    expect(audit).not.toContain(token.slice(14));
  });

  it("records its use, writing lastUsedAt again only once it is more than a minute old", async () => {
    const created = await create();
    const lastUsed = async () =>
      (await prisma.scimToken.findUniqueOrThrow({ where: { id: created.body.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect(await scimStatus(created.body.token)).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(await scimStatus(created.body.token)).toBe(200);
    expect(await lastUsed()).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await prisma.scimToken.update({ where: { id: created.body.id }, data: { lastUsedAt: twoMinutesAgo } });
    expect(await scimStatus(created.body.token)).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("rotation hands out a new token and ends the old one", async () => {
    const first = await create();
    const { POST } = await import("@/app/api/v1/admin/scim-tokens/[id]/rotate/route");
    const rotated = await callRoute(POST, "POST", `/api/v1/admin/scim-tokens/${first.body.id}/rotate`, {
      headers: session(),
      params: { id: first.body.id },
    });
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.body.name).toBe(first.body.name);
    expect(await scimStatus(first.body.token)).toBe(401);
    expect(await scimStatus(rotated.body.token)).toBe(200);
  });

  it("revocation ends it; revoking twice is harmless; an unknown id is 404", async () => {
    const created = await create();
    const { POST } = await import("@/app/api/v1/admin/scim-tokens/[id]/revoke/route");
    const revoke = (id: string) =>
      callRoute(POST, "POST", `/api/v1/admin/scim-tokens/${id}/revoke`, {
        headers: session(),
        params: { id },
      });
    expect((await revoke(created.body.id)).body.status).toBe("REVOKED");
    expect((await revoke(created.body.id)).status).toBe(200);
    expect((await revoke(crypto.randomUUID())).status).toBe(404);
    expect(await scimStatus(created.body.token)).toBe(401);
  });

  it("outlives the ADMIN who created it", async () => {
    const created = await create();
    const other = await prisma.user.create({ data: { email: "second.admin@example.com", name: "Second" } });
    await prisma.roleAssignment.create({ data: { userId: other.id, role: "ADMIN", source: "APP" } });
    await prisma.user.update({ where: { id: company.admin.id }, data: { active: false } });
    expect(await scimStatus(created.body.token)).toBe(200);
  });

  it("a name holding a secret is refused", async () => {
    const answer = await create("ghp_0123456789abcdefghijABCDEFGHIJ012345");
    expect(answer.status).toBe(422);
  });
});
