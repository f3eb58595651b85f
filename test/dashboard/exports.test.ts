import { beforeAll, describe, expect, it } from "vitest";
import * as automationExport from "@/app/api/v1/automations/export/route";
import * as automationList from "@/app/api/v1/automations/route";
import * as prerequisiteExport from "@/app/api/v1/prerequisites/export/route";
import * as prerequisiteList from "@/app/api/v1/prerequisites/route";
import * as requestExport from "@/app/api/v1/requests/export/route";
import * as requestList from "@/app/api/v1/requests/route";
import { insertAutomation, insertDepartment } from "@/lib/testing/factories";
import { buildDashboardCompany, type DashboardCompany } from "@/test/support/dashboard-company";
import { pool, prisma, resetDatabase } from "@/test/support/db";
import { parseCsv } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// The drill-down list behind the dashboard and the CSV exports of every list: same rows as
// the list, same scope, header only when nothing matches, streamed in batches.

let company: DashboardCompany;

beforeAll(async () => {
  await resetDatabase();
  company = await buildDashboardCompany();
});

/** Every item of a list route, following nextCursor, `limit` at a time. */
async function allPages(handler: unknown, path: string, token: string, limit = 2) {
  const items: Array<Record<string, unknown> & { id: string }> = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await callRoute(handler, "GET", url, { token });
    expect(status, JSON.stringify(body)).toBe(200);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

async function csvOf(handler: unknown, path: string, token: string) {
  const { response } = await callRoute(handler, "GET", path, { token });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const disposition = response.headers.get("content-disposition") ?? "";
  expect(disposition).toMatch(/^attachment; filename="[a-z]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const rows = parseCsv(await response.text());
  return { header: rows[0]!, rows: rows.slice(1), disposition };
}

describe("GET /api/v1/prerequisites", () => {
  it("a manager pages through their departments' prerequisites only, by automation name", async () => {
    const items = await allPages(prerequisiteList.GET, "/api/v1/prerequisites", company.manager.token);
    const expected = await prisma.prerequisite.findMany({
      where: {
        departmentId: { in: [company.finance.id, company.sales.id] },
        automation: { status: { not: "RETIRED" } },
      },
      select: { id: true },
    });
    expect(items.map((item) => item.id).sort()).toEqual(expected.map((row) => row.id).sort());
    const names = items.map((item) => (item.automation as { name: string }).name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(items.map((item) => (item.department as { name: string }).name))).toEqual(
      new Set(["Finance", "Sales"]),
    );
  });

  it("filters: outstanding of one type in one department — what a dashboard bar counts", async () => {
    const items = await allPages(
      prerequisiteList.GET,
      `/api/v1/prerequisites?outstanding=true&type=GATEWAY&departmentId=${company.finance.id}`,
      company.manager.token,
    );
    const expected = await prisma.prerequisite.count({
      where: {
        departmentId: company.finance.id,
        type: "GATEWAY",
        status: { not: "SATISFIED" },
        automation: { status: { not: "RETIRED" } },
      },
    });
    expect(items).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
    for (const item of items)
      expect(item).toMatchObject({ type: "GATEWAY", department: { name: "Finance" } });
  });

  it("service and system filters, as the top-blocker links use them", async () => {
    const service = await allPages(
      prerequisiteList.GET,
      "/api/v1/prerequisites?outstanding=true&service=sap-erp",
      company.admin.token,
    );
    expect(service.map((item) => (item.automation as { name: string }).name)).toEqual([
      "Order import",
      "Vendor sync",
    ]);
    const system = await allPages(
      prerequisiteList.GET,
      "/api/v1/prerequisites?outstanding=true&system=online%20BANKING",
      company.admin.token,
    );
    expect(system).toHaveLength(1);
    expect(system[0]).toMatchObject({ type: "CREDENTIAL", system: { name: "Online banking" } });
  });

  it("a maker sees the prerequisites of their own automations", async () => {
    const items = await allPages(prerequisiteList.GET, "/api/v1/prerequisites", company.salesMaker.token);
    expect(items.length).toBeGreaterThan(0);
    const owners = await prisma.automation.findMany({
      where: { id: { in: items.map((item) => (item.automation as { id: string }).id) } },
      select: { ownerId: true },
    });
    expect(new Set(owners.map((owner) => owner.ownerId))).toEqual(new Set([company.salesMaker.id]));
  });

  it("malformed filters are a 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["type=NOPE", "type"],
      ["outstanding=yes", "outstanding"],
      ["departmentId=finance", "departmentId"],
      ["cursor=bm9wZQ", "cursor"],
      ["limit=500", "limit"],
    ]) {
      const { status, body } = await callRoute(
        prerequisiteList.GET,
        "GET",
        `/api/v1/prerequisites?${query}`,
        { token: company.admin.token },
      );
      expect(status, query).toBe(400);
      expect(Object.keys(body.error.fields), query).toEqual([field]);
    }
    const exported = await callRoute(
      prerequisiteExport.GET,
      "GET",
      "/api/v1/prerequisites/export?status=DONE",
      { token: company.admin.token },
    );
    expect(exported.status).toBe(400);
    expect(Object.keys(exported.body.error.fields)).toEqual(["status"]);
  });
});

describe("CSV exports", () => {
  it("prerequisites: exactly the list's rows, in its order, with the filters applied", async () => {
    for (const [person, query] of [
      [company.manager, ""],
      [company.admin, "?outstanding=true"],
      [company.maker, "?type=GATEWAY"],
    ] as const) {
      const list = await allPages(prerequisiteList.GET, `/api/v1/prerequisites${query}`, person.token, 3);
      const { header, rows, disposition } = await csvOf(
        prerequisiteExport.GET,
        `/api/v1/prerequisites/export${query}`,
        person.token,
      );
      expect(disposition).toMatch(/filename="prerequisites-/);
      const id = header.indexOf("Prerequisite id");
      expect(rows.map((row) => row[id])).toEqual(list.map((item) => item.id));
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("with nothing matching: the header only", async () => {
    const { header, rows } = await csvOf(
      prerequisiteExport.GET,
      "/api/v1/prerequisites/export?system=No%20such%20system",
      company.admin.token,
    );
    expect(header[0]).toBe("Automation");
    expect(rows).toEqual([]);
    const automations = await csvOf(
      automationExport.GET,
      "/api/v1/automations/export?q=nothing-like-this",
      company.admin.token,
    );
    expect(automations.rows).toEqual([]);
    const requests = await csvOf(
      requestExport.GET,
      "/api/v1/requests/export?status=WITHDRAWN",
      company.it.token,
    );
    expect(requests.header[0]).toBe("Filed");
    expect(requests.rows).toEqual([]);
  });

  it("automations and requests: the list's rows and scope", async () => {
    for (const [person, query] of [
      [company.manager, "?status=PENDING"],
      [company.maker, ""],
      [company.admin, `?departmentId=${company.hr.id}`],
    ] as const) {
      const list = await allPages(automationList.GET, `/api/v1/automations${query}`, person.token);
      const { header, rows } = await csvOf(
        automationExport.GET,
        `/api/v1/automations/export${query}`,
        person.token,
      );
      const id = header.indexOf("Automation id");
      expect(
        rows.map((row) => row[id]),
        `${query}`,
      ).toEqual(list.map((item) => item.id));
    }
    for (const [person, query] of [
      [company.manager, "?status=PENDING"],
      [company.it, "?status=PENDING&minAgeDays=2&maxAgeDays=7"],
      [company.salesMaker, ""],
    ] as const) {
      const list = await allPages(requestList.GET, `/api/v1/requests${query}`, person.token);
      const { header, rows } = await csvOf(
        requestExport.GET,
        `/api/v1/requests/export${query}`,
        person.token,
      );
      const id = header.indexOf("Request id");
      expect(
        rows.map((row) => row[id]),
        `${query}`,
      ).toEqual(list.map((item) => item.id));
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("cells that a spreadsheet would run as a formula are defused", async () => {
    const department = await insertDepartment("Legal");
    await insertAutomation({
      name: '=HYPERLINK("http://evil.example","Click")',
      kind: "CLOUD_FLOW",
      ownerId: company.maker.id,
      departmentId: department.id,
      systems: [{ name: "+cmd|' /C calc'!A0", signInMethod: "USERNAME_PASSWORD" }],
    });
    const { header, rows } = await csvOf(
      prerequisiteExport.GET,
      `/api/v1/prerequisites/export?departmentId=${department.id}&type=CREDENTIAL`,
      company.admin.token,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]![header.indexOf("Automation")]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(rows[0]![header.indexOf("System")]).toBe("'+cmd|' /C calc'!A0");
  });
});

describe("streaming", () => {
  let bulk: string;

  beforeAll(async () => {
    // 5,000 automations × 4 prerequisites, written with SQL: the export's size, not the rules, is under test.
    bulk = (await insertDepartment("Bulk")).id;
    await pool().query(
      `with a as (
         insert into automations (name, kind, "runMode", "ownerId", "departmentId", "updatedAt")
         select 'Bulk ' || lpad(i::text, 5, '0'), 'CLOUD_FLOW', 'ATTENDED', $1::uuid, $2::uuid, now()
           from generate_series(1, 5000) i
         returning id, "departmentId")
       insert into prerequisites ("automationId", "departmentId", key, type, status, reason, "updatedAt")
       select a.id, a."departmentId", t.type::text, t.type, 'OUTSTANDING', 'Needed, with a comma, and "quotes"', now()
         from a cross join unnest(array['GATEWAY','ENTRA_CONNECTION','CREDENTIAL','WINDOWS_SIGN_IN']::"PrerequisiteType"[]) as t(type)`,
      [company.maker.id, bulk],
    );
  });

  it("20,000 rows arrive as a stream of batches, every row once", async () => {
    const { response } = await callRoute(
      prerequisiteExport.GET,
      "GET",
      `/api/v1/prerequisites/export?departmentId=${bulk}`,
      { token: company.admin.token },
    );
    expect(response.status).toBe(200);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((row) => row[11])).size).toBe(20_000);
    expect(rows[0]![8]).toBe('Needed, with a comma, and "quotes"');
    // The header, then one chunk per batch of 1,000 rows: never the whole result at once.
    expect(chunks).toBeGreaterThanOrEqual(21);
    expect(pool().totalCount - pool().idleCount).toBe(0);
  });

  it("a download cancelled half-way gives its database connection back", async () => {
    const { response } = await callRoute(
      prerequisiteExport.GET,
      "GET",
      `/api/v1/prerequisites/export?departmentId=${bulk}`,
      { token: company.admin.token },
    );
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    expect(pool().totalCount - pool().idleCount).toBe(1);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool().totalCount - pool().idleCount).toBe(0);
    const { rows } = await pool().query<{ n: number }>("select 1 as n");
    expect(rows[0]!.n).toBe(1);
  });
});
