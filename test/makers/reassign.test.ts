import { beforeEach, describe, expect, it } from "vitest";
import * as reassign from "@/app/api/v1/automations/reassign/route";
import { insertAutomation } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// Automations without an active owner get one: their department's manager (or an ADMIN) gives
// them to an active person, all or nothing, audited, the new owner told once.

let company: Company;
let finance: string[];
let hr: string;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
  const leaver = await prisma.user.create({
    data: { email: "left@preflight.test", name: "Lee Left", active: false, departmentId: company.finance.id },
  });
  const owned = (name: string, departmentId: string) =>
    insertAutomation({
      name,
      kind: "CLOUD_FLOW",
      ownerId: leaver.id,
      departmentId,
      systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
    });
  finance = [
    (await owned("Invoice capture", company.finance.id)).id,
    (await owned("Ledger export", company.finance.id)).id,
  ];
  hr = (await owned("Leave sync", company.hr.id)).id;
  await prisma.automation.updateMany({ data: { ownerMissing: "LEFT", ownerMissingSince: new Date() } });
});

const call = (token: string, body: unknown) =>
  callRoute(reassign.POST, "POST", "/api/v1/automations/reassign", { token, body });

describe("POST /api/v1/automations/reassign", () => {
  it("the department's manager gives its ownerless automations to an active person", async () => {
    const answer = await call(company.manager.token, {
      automationIds: finance,
      ownerEmail: company.maker.email.toUpperCase(),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ reassigned: 2, owner: { id: company.maker.id } });
    const rows = await prisma.automation.findMany({ where: { id: { in: finance } } });
    for (const row of rows)
      expect(row).toMatchObject({ ownerId: company.maker.id, ownerMissing: null, version: 2 });
    expect(await prisma.auditEvent.count({ where: { action: "automation.reassigned" } })).toBe(2);
    const told = await prisma.notification.findMany({
      where: { userId: company.maker.id, kind: "automation.reassigned" },
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toBe("You now own 2 automations");
  });

  it("is all or nothing: another department's automation is a 404 and nothing changes", async () => {
    const before = await rowCounts();
    const answer = await call(company.manager.token, {
      automationIds: [...finance, hr],
      ownerEmail: company.maker.email,
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toContain(hr);
    expect(await rowCounts()).toEqual(before);
    expect(await prisma.automation.count({ where: { ownerMissing: "LEFT" } })).toBe(3);
    // An ADMIN reaches every department.
    const admin = await call(company.admin.token, {
      automationIds: [...finance, hr],
      ownerEmail: company.maker.email,
    });
    expect(admin.body.reassigned).toBe(3);
  });

  it("refuses an owner who is not an active person (422), bad input (400) and makers and IT (403)", async () => {
    const inactive = await call(company.manager.token, {
      automationIds: finance,
      ownerEmail: "left@preflight.test",
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.fields).toHaveProperty("ownerEmail");
    const unknown = await call(company.manager.token, {
      automationIds: finance,
      ownerEmail: "nobody@preflight.test",
    });
    expect(unknown.status).toBe(422);
    const bad = await call(company.manager.token, { automationIds: ["x"], ownerEmail: "not an address" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(
      expect.arrayContaining(["automationIds.0", "ownerEmail"]),
    );
    for (const person of [company.maker, company.it]) {
      const refused = await call(person.token, { automationIds: finance, ownerEmail: company.maker.email });
      expect(refused.status).toBe(403);
    }
    expect(await prisma.automation.count({ where: { ownerMissing: "LEFT" } })).toBe(3);
  });
});
