import { NextRequest } from "next/server";
import { expect } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { prisma } from "@/lib/db";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import {
  insertAutomation,
  insertConnector,
  insertDepartment,
  insertRequest,
  insertUser,
} from "@/lib/testing/factories";
import { tokenFor } from "../makers/helpers";

// A small company whose dashboard figures are known: three departments (the manager runs
// Finance and Sales, not HR), automations of every kind in each, one retired automation that
// still has outstanding prerequisites, pending requests of known ages, decided ones that must
// not count, and connectors expiring in 3, 20, 60, 85 and 200 days with every kind of sharing.

export const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
export const inDays = (days: number) => new Date(Date.now() + days * DAY);

export interface Person {
  id: string;
  token: string;
  caller: Caller;
}

async function person(
  email: string,
  departmentId: string | null,
  roles: ("MAKER" | "MANAGER" | "IT_APPROVER" | "ADMIN")[],
  manages: string[] = [],
): Promise<Person> {
  const user = await insertUser({ email, departmentId, roles, manages });
  return { id: user.id, token: await tokenFor(user.id), caller: (await loadCaller(user.id, "token"))! };
}

export async function buildCompany() {
  const finance = await insertDepartment("Finance");
  const sales = await insertDepartment("Sales");
  const hr = await insertDepartment("HR");
  const makerF = await person("fiona@preflight.test", finance.id, ["MAKER"]);
  const makerS = await person("sam@preflight.test", sales.id, ["MAKER"]);
  const makerH = await person("hana@preflight.test", hr.id, ["MAKER"]);
  const manager = await person("maya@preflight.test", finance.id, ["MANAGER"], [finance.id, sales.id]);
  const admin = await person("ada@preflight.test", null, ["ADMIN"]);
  const it = await person("ivan@preflight.test", null, ["IT_APPROVER"]);

  const connectors = [
    await insertConnector({ name: "Survey tool", service: "survey", keyExpiresAt: inDays(3) }),
    await insertConnector({
      name: "Workday (Finance)",
      service: "workday",
      keyExpiresAt: inDays(20),
      sharing: "DEPARTMENTS",
      departmentIds: [finance.id],
    }),
    await insertConnector({
      name: "Payroll API (HR)",
      service: "payroll-api",
      keyExpiresAt: inDays(60),
      sharing: "DEPARTMENTS",
      departmentIds: [hr.id],
    }),
    await insertConnector({
      name: "CRM (Sales)",
      service: "crm",
      keyExpiresAt: inDays(85),
      sharing: "DEPARTMENTS",
      departmentIds: [sales.id],
    }),
    await insertConnector({ name: "Archive", service: "archive", keyExpiresAt: inDays(200) }),
    await insertConnector({
      name: "Old CRM",
      service: "old-crm",
      keyExpiresAt: inDays(10),
      status: "REVOKED",
    }),
    await insertConnector({ name: "Fax gateway", service: "fax", keyExpiresAt: daysAgo(2) }),
  ];

  const F = { ownerId: makerF.id, departmentId: finance.id };
  const S = { ownerId: makerS.id, departmentId: sales.id };
  const H = { ownerId: makerH.id, departmentId: hr.id };
  const automation = insertAutomation;
  const fDesktop = await automation({
    ...F,
    name: "Bank statement download",
    kind: "DESKTOP_FLOW",
    systems: [{ name: "Finance PC", location: "ON_PREMISES", signInMethod: "WINDOWS" }],
  });
  await automation({
    ...F,
    name: "Invoice reminders",
    kind: "CLOUD_FLOW",
    runAs: "Finance team",
    systems: [{ name: "SharePoint", signInMethod: "ENTRA_ID" }],
  });
  const fErp = await automation({
    ...F,
    name: "Vendor sync",
    kind: "API_INTEGRATION",
    runMode: "UNATTENDED",
    runAs: "sp-vendor-sync",
    systems: [{ name: "ERP", signInMethod: "SHARED_KEY", service: "sap-erp" }],
  });
  await automation({
    ...F,
    name: "Expense reporting",
    kind: "CLOUD_FLOW",
    systems: [
      { name: "Online banking", signInMethod: "USERNAME_PASSWORD" },
      { name: "SharePoint", signInMethod: "ENTRA_ID" },
    ],
  });
  await automation({
    ...F,
    name: "Month-end close",
    kind: "CLOUD_FLOW",
    runMode: "UNATTENDED",
    runAs: "svc-close",
    systems: [{ name: "Workday", signInMethod: "SHARED_KEY", service: "workday" }],
  });
  const retired = await automation({
    ...F,
    name: "Old CRM export",
    kind: "DESKTOP_FLOW",
    systems: [{ name: "CRM client", location: "ON_PREMISES", signInMethod: "WINDOWS" }],
  });
  const sWeb = await automation({
    ...S,
    name: "Competitor prices",
    kind: "WEBSITE_AUTOMATION",
    systems: [{ name: "Market portal", signInMethod: "USERNAME_PASSWORD" }],
  });
  const sErp = await automation({
    ...S,
    name: "Order import",
    kind: "API_INTEGRATION",
    runMode: "UNATTENDED",
    runAs: "sp-orders",
    systems: [{ name: "erp", signInMethod: "SHARED_KEY", service: "sap-erp" }],
  });
  await automation({
    ...S,
    name: "Survey follow-up",
    kind: "CLOUD_FLOW",
    runAs: "Sales team",
    systems: [{ name: "Survey", signInMethod: "SHARED_KEY", service: "survey" }],
  });
  const hDesktop = await automation({
    ...H,
    name: "Payroll check",
    kind: "DESKTOP_FLOW",
    systems: [{ name: "Payroll", signInMethod: "SHARED_KEY", service: "payroll-api" }],
  });

  await prisma.$transaction(async (tx) => {
    await tx.automation.update({
      where: { id: retired.id },
      data: { status: "RETIRED", retiredAt: new Date() },
    });
    await rederiveAutomations(tx, [retired.id], { actor: SYSTEM_ACTOR("test"), cause: "automation.retired" });
  });

  // Pending requests of known ages; decided ones that must not count as pending.
  const request = (
    automationId: string,
    key: string,
    type: "GATEWAY" | "SHARED_KEY_CONNECTOR",
    by: Person,
    days: number,
    status?: "REJECTED" | "APPROVED",
  ) =>
    insertRequest({
      automationId,
      prerequisiteKey: key,
      type,
      requesterId: by.id,
      createdAt: daysAgo(days),
      ...(status ? { status, decidedById: it.id, decisionReason: "Decided in the test." } : {}),
    });
  await request(fDesktop.id, "GATEWAY", "GATEWAY", makerF, 45, "REJECTED");
  await request(fDesktop.id, "GATEWAY", "GATEWAY", makerF, 1);
  await request(fErp.id, "SHARED_KEY_CONNECTOR:erp", "SHARED_KEY_CONNECTOR", makerF, 3);
  await request(sWeb.id, "GATEWAY", "GATEWAY", makerS, 5);
  await request(sErp.id, "SHARED_KEY_CONNECTOR:erp", "SHARED_KEY_CONNECTOR", makerS, 10);
  await request(hDesktop.id, "GATEWAY", "GATEWAY", makerH, 40);

  return { finance, sales, hr, makerF, makerS, makerH, manager, admin, it, connectors, retired };
}

export type Company = Awaited<ReturnType<typeof buildCompany>>;

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** Calls a GET route handler as Next would, with a bearer token; the raw Response. */
export function get(handler: Handler, path: string, token?: string): Promise<Response> {
  const request = new NextRequest(`http://localhost:3000${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return handler(request, { params: Promise.resolve({}) });
}

export async function getJson(handler: Handler, path: string, token?: string) {
  const response = await get(handler, path, token);
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely
  return { status: response.status, body: (await response.json()) as any };
}

/** A list's filters as a query string. */
export function search(filters: object): string {
  return new URLSearchParams(filters as Record<string, string>).toString();
}

/** Every item of a list (`path` without a query), following nextCursor two at a time. */
export async function listAll(handler: Handler, path: string, token: string, filters: object) {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({
      ...(filters as Record<string, string>),
      limit: "2",
      ...(cursor ? { cursor } : {}),
    });
    const { status, body } = await getJson(handler, `${path}?${params}`, token);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(2);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF), without the byte-order mark. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
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
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
