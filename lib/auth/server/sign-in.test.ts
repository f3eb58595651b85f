import { beforeEach, describe, expect, it } from "vitest";
import type { Identity } from "@/lib/auth/claims";
import { DEMO_ACCOUNTS, demoExternalId } from "@/lib/auth/demo-accounts";
import { recordSignIn } from "@/lib/auth/server/sign-in";
import { insertDepartment, insertUser } from "@/lib/testing/factories";
import { prisma, resetDatabase } from "@/test/support/db";

let finance: string;
let sales: string;

const identity = (overrides: Partial<Identity> = {}): Identity => ({
  subject: "sub-1",
  email: "mia@example.com",
  name: "Mia Maker",
  department: "Finance",
  roles: ["MAKER"],
  managedDepartments: null,
  ...overrides,
});

async function rolesOf(userId: string) {
  const rows = await prisma.roleAssignment.findMany({
    where: { userId },
    orderBy: [{ role: "asc" }, { source: "asc" }],
  });
  return rows.map((row) => `${row.role}:${row.source}`);
}

beforeEach(async () => {
  await resetDatabase();
  finance = (await insertDepartment("Finance")).id;
  sales = (await insertDepartment("Sales")).id;
});

describe("recordSignIn", () => {
  it("creates the person on first sign-in, with claim roles and department, audited", async () => {
    const outcome = await recordSignIn({ provider: "entra", identity: identity() });
    expect(outcome).toMatchObject({ ok: true, created: true });
    if (!outcome.ok) return;
    const user = await prisma.user.findUniqueOrThrow({ where: { id: outcome.userId } });
    expect(user).toMatchObject({
      email: "mia@example.com",
      externalId: "entra:sub-1",
      departmentId: finance,
    });
    expect(user.lastSignInAt).not.toBeNull();
    expect(await rolesOf(user.id)).toEqual(["MAKER:CLAIM"]);
    const actions = await prisma.auditEvent.findMany({
      where: { entityId: user.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((event) => event.action)).toEqual(["user.created", "user.signed_in"]);
  });

  it("replaces claim roles at each sign-in and keeps the roles an ADMIN gave", async () => {
    const first = await recordSignIn({
      provider: "entra",
      identity: identity({ roles: ["MAKER", "MANAGER"] }),
    });
    if (!first.ok) throw new Error("sign-in refused");
    await prisma.roleAssignment.create({ data: { userId: first.userId, role: "ADMIN", source: "APP" } });
    await recordSignIn({ provider: "entra", identity: identity({ roles: ["IT_APPROVER"], name: "Mia M." }) });
    expect(await rolesOf(first.userId)).toEqual(["IT_APPROVER:CLAIM", "ADMIN:APP"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: first.userId } })).name).toBe("Mia M.");
  });

  it("links a person added before their first sign-in by e-mail", async () => {
    const seeded = await insertUser({ email: "mia@example.com", roles: ["MAKER"], departmentId: sales });
    const outcome = await recordSignIn({
      provider: "oidc",
      identity: identity({ department: "Unknown Dept" }),
    });
    expect(outcome).toEqual({ ok: true, userId: seeded.id, created: false });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: seeded.id } });
    // An unknown department name leaves the department an ADMIN set.
    expect(user).toMatchObject({ externalId: "oidc:sub-1", departmentId: sales });
  });

  it("sets managed departments when the provider sends them, leaves them when it does not", async () => {
    const outcome = await recordSignIn({
      provider: "dev-idp",
      identity: identity({ roles: ["MANAGER"], managedDepartments: ["finance", "Sales", "Nowhere"] }),
    });
    if (!outcome.ok) throw new Error("sign-in refused");
    const managed = async () =>
      (await prisma.departmentManager.findMany({ where: { userId: outcome.userId } }))
        .map((row) => row.departmentId)
        .sort();
    expect(await managed()).toEqual([finance, sales].sort());
    await recordSignIn({ provider: "dev-idp", identity: identity({ roles: ["MANAGER"] }) });
    expect(await managed()).toEqual([finance, sales].sort());
    await recordSignIn({
      provider: "dev-idp",
      identity: identity({ roles: ["MANAGER"], managedDepartments: [] }),
    });
    expect(await managed()).toEqual([]);
  });

  it("refuses a deactivated person and records why", async () => {
    const user = await insertUser({ email: "mia@example.com", active: false });
    expect(await recordSignIn({ provider: "entra", identity: identity() })).toEqual({
      ok: false,
      reason: "AccountDisabled",
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id } });
    expect(event).toMatchObject({
      action: "user.sign_in_refused",
      after: { reason: "AccountDisabled", provider: "entra" },
    });
    expect(await rolesOf(user.id)).toEqual([]);
  });

  it("never merges an e-mail that belongs to another identity", async () => {
    await insertUser({ email: "mia@example.com", externalId: "entra:someone-else" });
    expect(await recordSignIn({ provider: "entra", identity: identity() })).toEqual({
      ok: false,
      reason: "AccountConflict",
    });
  });

  it("the demo seed's external ids match what the dev identity provider signs in with", async () => {
    const account = DEMO_ACCOUNTS[0]!;
    const seeded = await insertUser({ email: account.email, externalId: demoExternalId(account) });
    const outcome = await recordSignIn({
      provider: "dev-idp",
      identity: identity({ subject: account.subject, email: account.email }),
    });
    expect(outcome).toMatchObject({ ok: true, userId: seeded.id });
  });
});
