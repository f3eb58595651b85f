import { beforeEach, describe, expect, it } from "vitest";
import { LEAVER_REQUEST_REASON } from "@/lib/admin/server/deactivate-person";
import { insertAutomation, insertConnector, insertGateway } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { insertBankingAutomation, patchPersonAsAdmin, recordRotation } from "@/test/support/leavers";
import { callRoute } from "@/test/support/route";

// A leaver, whoever says so (an ADMIN or SCIM): their automations lose their owner (flag LEFT),
// their pending requests are cancelled, managers are told — in the one transaction of the leave.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

async function makerWithWork() {
  const owned = await insertAutomation({
    name: "Bank reconciliation",
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  const retired = await insertAutomation({
    name: "Old export",
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  await prisma.automation.update({
    where: { id: retired.id },
    data: { status: "RETIRED", retiredAt: new Date() },
  });
  const colleagues = await insertAutomation({
    name: "Invoices",
    kind: "CLOUD_FLOW",
    ownerId: company.colleague.id,
    departmentId: company.finance.id,
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  const request = await prisma.request.create({
    data: {
      type: "GATEWAY",
      requesterId: company.maker.id,
      automationId: owned.id,
      departmentId: company.finance.id,
      justification: "Needs the file share",
    },
  });
  return { owned, retired, colleagues, request };
}

async function expectLeaver(work: Awaited<ReturnType<typeof makerWithWork>>) {
  const owned = await prisma.automation.findUniqueOrThrow({ where: { id: work.owned.id } });
  expect(owned.ownerMissing).toBe("LEFT");
  expect(owned.ownerMissingSince).not.toBeNull();
  expect(owned.ownerId).toBe(company.maker.id);
  expect(
    (await prisma.automation.findUniqueOrThrow({ where: { id: work.retired.id } })).ownerMissing,
  ).toBeNull();
  expect(
    (await prisma.automation.findUniqueOrThrow({ where: { id: work.colleagues.id } })).ownerMissing,
  ).toBeNull();
  const request = await prisma.request.findUniqueOrThrow({ where: { id: work.request.id } });
  expect(request).toMatchObject({ status: "CANCELLED", decisionReason: LEAVER_REQUEST_REASON });
  const notice = await prisma.notification.findFirstOrThrow({
    where: { userId: company.manager.id, kind: "user.left" },
  });
  expect(notice.body).toBe("1 automation they owned needs a new owner; 1 pending request was cancelled.");
  const actions = (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.action);
  expect(actions).toEqual(
    expect.arrayContaining(["user.deactivated", "automation.owner_left", "request.cancelled"]),
  );
}

describe("leavers", () => {
  it("an ADMIN's deactivation", async () => {
    const work = await makerWithWork();
    const answer = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: false });
    expect(answer.status, answer.text).toBe(200);
    await expectLeaver(work);

    // Reactivated: nothing comes back on its own.
    const again = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: true });
    expect(again.status).toBe(200);
    expect((await prisma.automation.findUniqueOrThrow({ where: { id: work.owned.id } })).ownerMissing).toBe(
      "LEFT",
    );
    expect((await prisma.request.findUniqueOrThrow({ where: { id: work.request.id } })).status).toBe(
      "CANCELLED",
    );
  });

  it("SCIM's active:false and delete", async () => {
    const work = await makerWithWork();
    await prisma.user.update({
      where: { id: company.maker.id },
      data: { scimUserName: company.maker.email },
    });
    const token = await scimTokenFor();
    const { PATCH, DELETE } = await import("@/app/scim/v2/Users/[id]/route");
    const id = company.maker.id;
    const answer = await callRoute(PATCH, "PATCH", `/scim/v2/Users/${id}`, {
      token,
      params: { id },
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Replace", path: "active", value: false }],
      },
    });
    expect(answer.status, answer.text).toBe(200);
    await expectLeaver(work);
    // The delete that follows finds the person already gone: nothing is done twice.
    const events = await prisma.auditEvent.count({ where: { action: "automation.owner_left" } });
    expect(
      (await callRoute(DELETE, "DELETE", `/scim/v2/Users/${id}`, { token, params: { id } })).status,
    ).toBe(204);
    expect(await prisma.auditEvent.count({ where: { action: "automation.owner_left" } })).toBe(events);
  });

  it("a leaver who owned 1,000 automations is handled in one transaction", async () => {
    await prisma.automation.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        name: `Flow ${i}`,
        kind: "CLOUD_FLOW" as const,
        runMode: "ATTENDED" as const,
        ownerId: company.maker.id,
        departmentId: company.finance.id,
      })),
    });
    const started = performance.now();
    const answer = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: false });
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(await prisma.automation.count({ where: { ownerMissing: "LEFT" } })).toBe(1000);
    // A figure, not an assertion: time is measured by the benchmark on a quiet machine.
    console.info(`leaver with 1,000 automations: ${Math.round(elapsed)} ms`);
  });

  it("what they knew goes back to OUTSTANDING through the engine until it is rotated", async () => {
    const local = company.maker.email.split("@")[0]!;
    // A colleague's automation whose banking password the maker kept.
    const payments = await insertBankingAutomation({
      ownerId: company.colleague.id,
      departmentId: company.finance.id,
      knownBy: company.maker.email,
    });
    const desktop = await insertAutomation({
      name: "Month end",
      kind: "DESKTOP_FLOW",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      machine: "PC-7",
      windowsAccount: `CORP\\${local}`,
      windowsAccountType: "PERSONAL",
      systems: [],
    });
    const statusOf = async (automationId: string, type: "CREDENTIAL" | "WINDOWS_SIGN_IN") =>
      prisma.prerequisite.findFirstOrThrow({ where: { automationId, type } });
    expect((await statusOf(payments.id, "CREDENTIAL")).status).toBe("SATISFIED");
    expect((await statusOf(desktop.id, "WINDOWS_SIGN_IN")).status).toBe("SATISFIED");

    const left = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: false });
    expect(left.status, left.text).toBe(200);
    const credential = await statusOf(payments.id, "CREDENTIAL");
    expect(credential.status).toBe("OUTSTANDING");
    expect(credential.reason).toContain("The person who knew this has left: rotate it and name a new owner.");
    expect((await statusOf(desktop.id, "WINDOWS_SIGN_IN")).status).toBe("OUTSTANDING");
    const deactivated = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.deactivated" } });
    expect(deactivated.after).toMatchObject({ secretsReopened: 2 });

    // The colleague rotates the password and names themself the new owner.
    const rotated = await recordRotation({
      token: company.colleague.token,
      automationId: payments.id,
      system: "Online banking",
      name: "kv-finance/banking-bot",
      ownerEmail: company.colleague.email,
    });
    expect(rotated.status, rotated.text).toBe(200);
    expect((await statusOf(payments.id, "CREDENTIAL")).status).toBe("SATISFIED");
  });

  it("flags for IT the connectors they owned and the gateways they administered, until IT names others", async () => {
    const owned = await insertConnector({
      name: "Payroll API",
      service: "payroll",
      ownerId: company.maker.id,
      keyExpiresAt: new Date(Date.now() + 60 * 86_400_000),
    });
    const other = await insertConnector({
      name: "CRM API",
      service: "crm",
      ownerId: company.colleague.id,
      keyExpiresAt: new Date(Date.now() + 60 * 86_400_000),
    });
    const gateway = await insertGateway({ name: "gw-finance", adminIds: [company.maker.id, company.it.id] });
    await insertGateway({ name: "gw-sales", adminIds: [company.it.id] });
    const left = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: false });
    expect(left.status, left.text).toBe(200);
    const deactivated = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.deactivated" } });
    expect(deactivated.after).toMatchObject({ connectorsFlagged: 1, gatewaysFlagged: 1 });

    // Each IT approver is told, once, with the names.
    for (const approver of [company.it, company.it2]) {
      const notices = await prisma.notification.findMany({
        where: { userId: approver.id, kind: "user.left.catalog" },
      });
      expect(notices).toHaveLength(1);
      expect(notices[0]!.body).toBe(
        "they owned connector Payroll API: name a new owner; they administered gateway gw-finance: name another admin and remove them.",
      );
    }

    const { GET: connectors } = await import("@/app/api/v1/connectors/route");
    const flagged = await callRoute(connectors, "GET", "/api/v1/connectors?ownerLeft=true", {
      token: company.it.token,
    });
    expect(flagged.status, flagged.text).toBe(200);
    expect(flagged.body.items.map((c: { id: string }) => c.id)).toEqual([owned.id]);
    expect(flagged.body.items[0].ownerLeft).toBe(true);
    const all = await callRoute(connectors, "GET", "/api/v1/connectors", { token: company.it.token });
    expect(all.body.items.find((c: { id: string }) => c.id === other.id).ownerLeft).toBe(false);

    const { GET: gateways } = await import("@/app/api/v1/gateways/route");
    const flaggedGateways = await callRoute(gateways, "GET", "/api/v1/gateways?adminLeft=true", {
      token: company.it.token,
    });
    expect(flaggedGateways.body.items.map((g: { name: string }) => g.name)).toEqual(["gw-finance"]);
    expect(flaggedGateways.body.items[0].adminsLeft).toEqual([
      { id: company.maker.id, name: company.maker.name, email: company.maker.email },
    ]);

    // IT names a new owner and drops the leaver from the admins: the flags clear.
    const { PATCH: patchConnector } = await import("@/app/api/v1/connectors/[id]/route");
    const renamed = await callRoute(patchConnector, "PATCH", `/api/v1/connectors/${owned.id}`, {
      token: company.it.token,
      params: { id: owned.id },
      body: { version: owned.version, ownerId: company.colleague.id },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.ownerLeft).toBe(false);
    const { PATCH: patchGateway } = await import("@/app/api/v1/gateways/[id]/route");
    const cleaned = await callRoute(patchGateway, "PATCH", `/api/v1/gateways/${gateway.id}`, {
      token: company.it.token,
      params: { id: gateway.id },
      body: { version: gateway.version, adminIds: [company.it.id] },
    });
    expect(cleaned.status, cleaned.text).toBe(200);
    expect(cleaned.body.adminsLeft).toEqual([]);
    expect(
      (await callRoute(gateways, "GET", "/api/v1/gateways?adminLeft=true", { token: company.it.token })).body
        .items,
    ).toEqual([]);
  });

  it("an ADMIN's successor takes over every automation at the leave, and is told of the cancelled requests", async () => {
    const work = await makerWithWork();
    const refused = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, {
      active: false,
      successorId: company.maker.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty("successorId");
    // Refused as a whole: the maker is still active, nothing was flagged.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: company.maker.id } })).active).toBe(true);
    expect(await prisma.automation.count({ where: { ownerMissing: "LEFT" } })).toBe(0);
    const alone = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, {
      successorId: company.colleague.id,
    });
    expect(alone.status).toBe(400);
    expect(alone.text).toContain("successorId");

    const left = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, {
      active: false,
      successorId: company.colleague.id,
    });
    expect(left.status, left.text).toBe(200);
    const owned = await prisma.automation.findUniqueOrThrow({ where: { id: work.owned.id } });
    expect(owned).toMatchObject({ ownerId: company.colleague.id, ownerMissing: null });
    const notice = await prisma.notification.findFirstOrThrow({
      where: { userId: company.colleague.id, kind: "automation.reassigned" },
    });
    expect(notice.body).toContain(
      "1 request was cancelled when the former owner left: ask again if still needed.",
    );
    const actions = (await prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions.indexOf("automation.reassigned")).toBeGreaterThan(
      actions.indexOf("automation.owner_left"),
    );
  });
});
