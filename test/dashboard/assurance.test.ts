import { beforeAll, describe, expect, it } from "vitest";
import * as review from "@/app/api/v1/automations/[id]/prerequisites/[prerequisiteId]/review/route";
import * as automationExport from "@/app/api/v1/automations/export/route";
import * as automationList from "@/app/api/v1/automations/route";
import * as summary from "@/app/api/v1/dashboard/summary/route";
import * as prerequisiteExport from "@/app/api/v1/prerequisites/export/route";
import * as prerequisiteList from "@/app/api/v1/prerequisites/route";
import { insertAutomation } from "@/lib/testing/factories";
import { checkContract } from "@/test/support/contract";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { inDays } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { listAll, parseCsv } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// "Satisfied on declaration only": the dashboard's figure, the prerequisites list's basis
// filter behind it (and its CSV), and the automations list's — all against the stored rows.

let company: DashboardCompany;
let verifiedId: string;

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
  const F = { ownerId: company.maker.id, departmentId: company.finance.id };
  const credential = { store: "AZURE_KEY_VAULT", owner: company.maker.email, rotatesAt: inDays(90) } as const;
  // Two declared credentials in Finance; IT verifies one of them.
  await insertAutomation({
    ...F,
    name: "Bank reconciliation",
    kind: "CLOUD_FLOW",
    systems: [
      {
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: { ...credential, name: "kv-fin/bank" },
      },
    ],
  });
  const verified = await insertAutomation({
    ...F,
    name: "Card statements",
    kind: "CLOUD_FLOW",
    systems: [
      {
        name: "Card portal",
        signInMethod: "USERNAME_PASSWORD",
        credential: { ...credential, name: "kv-fin/card" },
      },
    ],
  });
  verifiedId = verified.id;
  const prerequisite = await prisma.prerequisite.findFirstOrThrow({ where: { automationId: verified.id } });
  const path = `/api/v1/automations/${verified.id}/prerequisites/${prerequisite.id}/review`;
  const answer = await callRoute(review.POST, "POST", path, {
    token: company.it.token,
    body: { outcome: "VERIFIED" },
    params: { id: verified.id, prerequisiteId: prerequisite.id },
  });
  expect(answer.status).toBe(200);
});

/** The stored rows the figures must match: SATISFIED on the basis, automation not retired. */
async function storedOnBasis(basis: "DECLARED" | "APPROVED" | "VERIFIED", departmentIds?: string[]) {
  return prisma.prerequisite.findMany({
    where: {
      basis,
      status: "SATISFIED",
      automation: { status: { not: "RETIRED" } },
      ...(departmentIds ? { departmentId: { in: departmentIds } } : {}),
    },
    select: { id: true, automationId: true },
  });
}

describe("satisfied on declaration only", () => {
  it("the dashboard counts it for the caller's scope", async () => {
    for (const [person, scope] of [
      [company.manager, [company.finance.id, company.sales.id]],
      [company.admin, undefined],
    ] as const) {
      const answer = await callRoute(summary.GET, "GET", "/api/v1/dashboard/summary", {
        token: person.token,
      });
      checkContract({ method: "GET", path: "/api/v1/dashboard/summary", status: 200, body: answer.body });
      const expected = await storedOnBasis("DECLARED", scope ? [...scope] : undefined);
      expect(expected.length).toBeGreaterThan(1);
      expect(answer.body.satisfiedOnDeclarationOnly).toBe(expected.length);
    }
  });

  it("basis=DECLARED lists exactly those prerequisites, each with its basis, who and when", async () => {
    for (const basis of ["DECLARED", "APPROVED", "VERIFIED"] as const) {
      const items = await listAll(prerequisiteList.GET, "/api/v1/prerequisites", company.admin.token, {
        basis,
      });
      const expected = await storedOnBasis(basis);
      expect(items.map((item) => item.id).sort(), basis).toEqual(expected.map((row) => row.id).sort());
      for (const item of items) expect(item).toMatchObject({ status: "SATISFIED", basis });
    }
    const [verified] = await listAll(prerequisiteList.GET, "/api/v1/prerequisites", company.admin.token, {
      basis: "VERIFIED",
    });
    expect(verified).toMatchObject({
      automation: { id: verifiedId },
      basisBy: { id: company.it.id, name: company.it.name, email: company.it.email },
    });
    const page = await callRoute(prerequisiteList.GET, "GET", "/api/v1/prerequisites?basis=DECLARED", {
      token: company.manager.token,
    });
    checkContract({ method: "GET", path: "/api/v1/prerequisites", status: 200, body: page.body });
    const outstanding = await callRoute(
      prerequisiteList.GET,
      "GET",
      "/api/v1/prerequisites?outstanding=true",
      {
        token: company.manager.token,
      },
    );
    for (const item of outstanding.body.items)
      expect([item.basis, item.basisBy, item.basisAt]).toEqual([null, null, null]);
    const bad = await callRoute(prerequisiteList.GET, "GET", "/api/v1/prerequisites?basis=TRUSTED", {
      token: company.manager.token,
    });
    expect(bad.status).toBe(400);
  });

  it("the CSV export has the same rows, with the basis columns appended", async () => {
    const { response } = await callRoute(
      prerequisiteExport.GET,
      "GET",
      "/api/v1/prerequisites/export?basis=DECLARED",
      { token: company.admin.token },
    );
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header!.slice(-10)).toEqual([
      "Prerequisite id",
      "Basis",
      "Basis by",
      "Basis by e-mail",
      "Basis at",
      // The codes behind the labelled columns, after them.
      "Automation status code",
      "Type code",
      "Status code",
      "Lapse code",
      "Basis code",
    ]);
    const expected = await storedOnBasis("DECLARED");
    expect(rows.map((row) => row[header!.indexOf("Prerequisite id")]).sort()).toEqual(
      expected.map((row) => row.id).sort(),
    );
    for (const row of rows) {
      expect(row[header!.indexOf("Basis")]).toBe("Declared only");
      expect(row[header!.indexOf("Basis code")]).toBe("DECLARED");
      expect(row[header!.indexOf("Basis at")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    const approved = parseCsv(
      await (
        await callRoute(prerequisiteExport.GET, "GET", "/api/v1/prerequisites/export?basis=APPROVED", {
          token: company.admin.token,
        })
      ).response.text(),
    );
    // Approved through the catalog with nobody named: "IT", not a blank.
    for (const row of approved.slice(1)) expect(row[approved[0]!.indexOf("Basis by")]).toBe("IT");
  });

  it("the automations list (and its export) finds the automations with something declared only", async () => {
    const items = await listAll(automationList.GET, "/api/v1/automations", company.admin.token, {
      basis: "DECLARED",
    });
    const expected = new Set((await storedOnBasis("DECLARED")).map((row) => row.automationId));
    // Retired automations are listed too (the list shows them), when they have such rows.
    const retired = await prisma.prerequisite.findMany({
      where: { basis: "DECLARED", status: "SATISFIED", automation: { status: "RETIRED" } },
      select: { automationId: true },
    });
    for (const row of retired) expected.add(row.automationId);
    expect(items.map((item) => item.id).sort()).toEqual([...expected].sort());
    expect(items.map((item) => item.id)).not.toContain(verifiedId);

    const { response } = await callRoute(
      automationExport.GET,
      "GET",
      "/api/v1/automations/export?basis=DECLARED",
      {
        token: company.admin.token,
      },
    );
    const [header, ...rows] = parseCsv(await response.text());
    expect(rows.map((row) => row[header!.indexOf("Automation id")]).sort()).toEqual([...expected].sort());
  });
});
