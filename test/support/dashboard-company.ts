import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { insertAutomation, insertConnector, insertRequest } from "@/lib/testing/factories";
import { buildCompany, type Person } from "./company";
import { daysAgo, inDays } from "./dates";
import { prisma } from "./db";

// The company with dashboard figures that are known: the manager runs Finance and Sales, not
// HR; automations of every kind in each department, one retired automation that still has
// outstanding prerequisites, pending requests of known ages, decided ones that must not
// count, and connectors expiring in 3, 20, 60, 85 and 200 days with every kind of sharing.

export async function buildDashboardCompany() {
  const company = await buildCompany({ erpConnector: false });
  const { finance, sales, hr, maker, salesMaker, hrMaker, it } = company;

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

  const F = { ownerId: maker.id, departmentId: finance.id };
  const S = { ownerId: salesMaker.id, departmentId: sales.id };
  const H = { ownerId: hrMaker.id, departmentId: hr.id };
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
  await request(fDesktop.id, "GATEWAY", "GATEWAY", maker, 45, "REJECTED");
  await request(fDesktop.id, "GATEWAY", "GATEWAY", maker, 1);
  await request(fErp.id, "SHARED_KEY_CONNECTOR:erp", "SHARED_KEY_CONNECTOR", maker, 3);
  await request(sWeb.id, "GATEWAY", "GATEWAY", salesMaker, 5);
  await request(sErp.id, "SHARED_KEY_CONNECTOR:erp", "SHARED_KEY_CONNECTOR", salesMaker, 10);
  await request(hDesktop.id, "GATEWAY", "GATEWAY", hrMaker, 40);

  return { ...company, connectors, retired };
}

export type DashboardCompany = Awaited<ReturnType<typeof buildDashboardCompany>>;
