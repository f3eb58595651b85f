import { beforeEach, describe, expect, it } from "vitest";
import { insertAutomation } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { insertBankingAutomation, patchPersonAsAdmin, recordRotation } from "@/test/support/leavers";
import { callRoute } from "@/test/support/route";

// The leaver dashboard: what a person who left (or was never found here) left behind — their
// automations without an active owner and the credentials they knew — by department, aged from
// the leave, drilled down to the prerequisites and exported as CSV; back to zero once a new
// owner takes the automation and records the rotation.

let company: Company;
const DAY = 86_400_000;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

async function leave() {
  const reconciliation = await insertAutomation({
    name: "Bank reconciliation",
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  // A colleague's automation whose banking password the maker kept.
  const payments = await insertBankingAutomation({
    ownerId: company.colleague.id,
    departmentId: company.finance.id,
    knownBy: company.maker.email,
  });
  // In Sales, an imported flow whose owner has no account here, for 40 days.
  const imported = await insertAutomation({
    name: "Lead sync",
    kind: "CLOUD_FLOW",
    ownerId: company.salesMaker.id,
    departmentId: company.sales.id,
    systems: [{ name: "CRM", signInMethod: "ENTRA_ID" }],
  });
  await prisma.automation.update({
    where: { id: imported.id },
    data: { ownerMissing: "NOT_FOUND", ownerMissingSince: new Date(Date.now() - 40 * DAY) },
  });
  const left = await patchPersonAsAdmin(company.admin.sessionCookie, company.maker.id, { active: false });
  expect(left.status, left.text).toBe(200);
  return { reconciliation, payments, imported };
}

async function leavers(token: string, departmentId?: string) {
  const { GET } = await import("@/app/api/v1/dashboard/leavers/route");
  const query = departmentId ? `?departmentId=${departmentId}` : "";
  return callRoute(GET, "GET", `/api/v1/dashboard/leavers${query}`, { token });
}

describe("the leaver dashboard", () => {
  it("counts a manager's departments, and the whole company for IT, aged from the leave", async () => {
    await leave();
    const manager = await leavers(company.manager.token);
    expect(manager.status, manager.text).toBe(200);
    expect(manager.body).toMatchObject({
      scope: { departmentIds: [company.finance.id] },
      withoutActiveOwner: {
        total: 1,
        left: 1,
        notFound: 0,
        aging: { under7Days: 1, days7To30: 0, over30Days: 0 },
      },
      awaitingRotation: { total: 1, aging: { under7Days: 1, days7To30: 0, over30Days: 0 } },
      byDepartment: [
        { departmentId: company.finance.id, name: "Finance", withoutActiveOwner: 1, awaitingRotation: 1 },
      ],
    });

    const it = await leavers(company.it.token);
    expect(it.body.withoutActiveOwner).toEqual({
      total: 2,
      left: 1,
      notFound: 1,
      aging: { under7Days: 1, days7To30: 0, over30Days: 1 },
    });
    // The longest waiting first: Sales (40 days), then Finance.
    expect(it.body.byDepartment.map((row: { name: string }) => row.name)).toEqual(["Sales", "Finance"]);
    expect(Date.parse(it.body.byDepartment[0].waitingSince)).toBeLessThan(Date.now() - 39 * DAY);
  });

  it("is refused to makers, and a department outside the manager's scope is 404", async () => {
    await leave();
    expect((await leavers(company.colleague.token)).status).toBe(403);
    expect((await leavers(company.manager.token, company.sales.id)).status).toBe(404);
    expect((await leavers(company.manager.token, company.finance.id)).status).toBe(200);
  });

  it("drills down to the credentials to rotate, and exports every item as CSV", async () => {
    const { payments } = await leave();
    const { GET: list } = await import("@/app/api/v1/prerequisites/route");
    const page = await callRoute(list, "GET", "/api/v1/prerequisites?leaver=true", {
      token: company.manager.token,
    });
    expect(page.status, page.text).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({
      type: "CREDENTIAL",
      status: "OUTSTANDING",
      automation: { id: payments.id },
    });
    const bad = await callRoute(list, "GET", "/api/v1/prerequisites?leaver=yes", {
      token: company.manager.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("leaver");

    const { GET: exportCsv } = await import("@/app/api/v1/dashboard/leavers/export/route");
    const csv = await callRoute(exportCsv, "GET", "/api/v1/dashboard/leavers/export", {
      token: company.it.token,
    });
    expect(csv.status).toBe(200);
    expect(csv.response.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      '"Kind","Department","Automation","System","What","Person","Person e-mail","Since","Days waiting","Automation id","Kind code","What code"',
    );
    expect(lines).toHaveLength(4);
    // The longest waiting first: the imported flow of 40 days.
    expect(lines[1]).toContain('"Lead sync"');
    expect(lines[1]).toContain('"Owner not found here"');
    expect(lines[1]).toContain('"40"');
    const banking = lines.find((line) => line.includes('"Online banking"'));
    expect(banking).toContain('"Waiting for a rotation after a leaver"');
    expect(banking).toContain(`"${company.maker.email}"`);
  });

  it("goes back to zero when the manager reassigns and the new owner records the rotation", async () => {
    const { reconciliation, payments } = await leave();
    const { POST: reassign } = await import("@/app/api/v1/automations/reassign/route");
    const moved = await callRoute(reassign, "POST", "/api/v1/automations/reassign", {
      token: company.manager.token,
      body: { automationIds: [reconciliation.id], ownerEmail: company.colleague.email },
    });
    expect(moved.status, moved.text).toBe(200);
    const rotated = await recordRotation({
      token: company.colleague.token,
      automationId: payments.id,
      system: "Online banking",
      name: "kv-finance/banking-bot",
      ownerEmail: company.colleague.email,
    });
    expect(rotated.status, rotated.text).toBe(200);
    const after = await leavers(company.manager.token);
    expect(after.body).toMatchObject({
      withoutActiveOwner: { total: 0 },
      awaitingRotation: { total: 0 },
      byDepartment: [],
    });
  });
});
