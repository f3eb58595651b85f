import { readFile } from "node:fs/promises";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { sessionOf, signedInPage } from "./sessions";

// Issue #6's done-when (b): the demo manager (Finance and Sales) opens the dashboard, sees
// only their departments, follows the GATEWAY bar of Finance to exactly those prerequisites,
// exports them as CSV (the file's rows are the list's rows), and — with the dashboard open
// and never reloaded — sees its figures change after it@preflight.test approves a request
// in another browser.

interface Named {
  id: string;
  name: string;
}

async function json<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** RFC 4180 CSV as the export writes it (quotes doubled, CRLF), without the byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The number shown by a headline figure, e.g. the "Pending requests" card (a link). */
async function figure(page: Page, label: string): Promise<number> {
  const card = page.getByRole("link", { name: new RegExp(`^[\\d,.]+\\s*${label}$`) });
  return Number(((await card.locator("span").first().textContent()) ?? "").replaceAll(",", ""));
}

/**
 * A pending GATEWAY request of the manager's departments for IT to approve: one of the demo's,
 * or — if another spec already decided those — one the demo maker files now.
 */
async function pendingGatewayRequest(
  browser: Browser,
  it: APIRequestContext,
  baseURL: string,
  departments: string[],
): Promise<{ id: string; version: number }> {
  const pending = await json<{ items: Array<{ id: string; version: number; departmentId: string }> }>(
    it,
    "/api/v1/requests?status=PENDING&type=GATEWAY&limit=200",
  );
  const existing = pending.items.find((request) => departments.includes(request.departmentId));
  if (existing) return existing;
  const maker = await signedInPage(browser, "maker", "/automations");
  const created = await maker.request.post("/api/v1/automations", {
    headers: { origin: baseURL },
    data: {
      name: `Scanner upload ${Date.now()}`,
      kind: "DESKTOP_FLOW",
      runMode: "ATTENDED",
      runAs: "Finance team",
      systems: [{ name: "Scanner", location: "CLOUD", signInMethod: "ENTRA_ID" }],
    },
  });
  expect(created.status()).toBe(201);
  const automation = (await created.json()) as {
    id: string;
    prerequisites: Array<{ id: string; type: string }>;
  };
  const gateway = automation.prerequisites.find((prerequisite) => prerequisite.type === "GATEWAY")!;
  const filed = await maker.request.post("/api/v1/requests", {
    headers: { origin: baseURL },
    data: {
      type: "GATEWAY",
      automationId: automation.id,
      prerequisiteId: gateway.id,
      justification: "Scans",
      details: {
        type: "FILE_SHARE",
        server: "fs-01",
        database: "\\\\fs-01\\scans",
        environment: "PRODUCTION",
      },
    },
  });
  expect(filed.status()).toBe(201);
  await maker.context().close();
  return (await filed.json()) as { id: string; version: number };
}

test.use({ storageState: sessionOf("manager") });

test("a manager drills from the GATEWAY bar of Finance to its prerequisites, exports them, and sees IT's approval live", async ({
  page: manager,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await manager.goto("/dashboard");
  await expect(manager.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // Finance and Sales only: the department picker, and the rows of the type × department table.
  const picker = manager.getByLabel("Department");
  await expect(picker.locator("option")).toHaveText(["All my departments", "Finance", "Sales"]);
  const byDepartment = manager.getByRole("table", { name: /Outstanding prerequisites by department/ });
  await expect(byDepartment.locator("tbody th")).toHaveText(["Finance", "Sales"]);
  await expect(manager.getByText("Figures for Finance and Sales")).toBeVisible();

  // The GATEWAY bar of Finance: as many as its table cell says.
  const cell = byDepartment.getByRole("link", { name: /outstanding Gateway prerequisites in Finance$/ });
  const gateways = Number(await cell.textContent());
  expect(gateways).toBeGreaterThan(0);
  await manager.locator('[data-segment="Finance GATEWAY"]').click();
  await manager.waitForURL((url) => url.pathname === "/prerequisites");
  const url = new URL(manager.url());
  expect(url.searchParams.get("type")).toBe("GATEWAY");
  expect(url.searchParams.get("outstanding")).toBe("true");
  const departments = await json<{ items: Named[] }>(manager.request, "/api/v1/departments");
  const finance = departments.items.find((department) => department.name === "Finance")!;
  const sales = departments.items.find((department) => department.name === "Sales")!;
  expect(url.searchParams.get("departmentId")).toBe(finance.id);

  // Exactly those prerequisites: Finance's outstanding gateways, and as many as the bar.
  await expect(manager.getByRole("heading", { level: 1, name: "Prerequisites" })).toBeVisible();
  const rows = manager.getByRole("table", { name: "Prerequisites" }).locator("tbody tr");
  await expect(rows).toHaveCount(gateways);
  for (const row of await rows.all()) {
    await expect(row).toContainText("Finance");
    await expect(row).toContainText("On-premises data gateway");
    await expect(row.locator("[data-status]")).not.toHaveAttribute("data-status", "SATISFIED");
  }
  const listed = await rows.evaluateAll((elements) =>
    elements.map((element) => element.getAttribute("data-prerequisite-id")),
  );

  // Export: a CSV whose rows are the list's rows.
  const downloading = manager.waitForEvent("download");
  await manager.getByRole("link", { name: /^Export CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^prerequisites-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(await readFile((await download.path())!, "utf8"));
  const header = csv[0]!;
  const exported = csv.slice(1);
  expect(exported.map((row) => row[header.indexOf("Prerequisite id")])).toEqual(listed);
  for (const row of exported) {
    expect(row[header.indexOf("Department")]).toBe("Finance");
    // The page's words, with the code in a column of its own.
    expect(row[header.indexOf("Type")]).toBe("On-premises data gateway");
    expect(row[header.indexOf("Type code")]).toBe("GATEWAY");
  }

  // Back on the dashboard: IT approves a pending gateway request in another browser.
  await manager.goto("/dashboard");
  await expect(manager.getByRole("table", { name: /Outstanding prerequisites by department/ })).toBeVisible();
  const pendingBefore = await figure(manager, "Pending requests");
  const outstandingBefore = await figure(manager, "Outstanding prerequisites");
  await manager.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  const it = await signedInPage(browser, "it", "/");
  const request = await pendingGatewayRequest(browser, it.request, baseURL!, [finance.id, sales.id]);
  const gatewaysOnline = await json<{ items: Array<Named & { kind: string }> }>(
    it.request,
    "/api/v1/gateways?status=ONLINE&kind=DATA_GATEWAY",
  );
  const decided = await it.request.post(`/api/v1/requests/${request.id}/decision`, {
    headers: { origin: baseURL! },
    data: {
      decision: "APPROVE",
      reason: "Approved from the dashboard test: use the West Europe gateway.",
      version: request.version,
      gatewayId: gatewaysOnline.items[0]!.id,
    },
  });
  expect(decided.status(), await decided.text()).toBe(200);

  // The dashboard refreshes on its own (every 15 s, and on focus): no reload.
  await expect
    .poll(() => figure(manager, "Pending requests"), { timeout: 30_000, intervals: [1_000] })
    .toBe(pendingBefore - 1);
  await expect
    .poll(() => figure(manager, "Outstanding prerequisites"), { timeout: 30_000, intervals: [1_000] })
    .toBeLessThan(outstandingBefore);
  expect(await manager.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
    true,
  );
});
