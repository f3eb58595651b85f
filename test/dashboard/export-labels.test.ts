import { beforeAll, describe, expect, it } from "vitest";
import * as automationExport from "@/app/api/v1/automations/export/route";
import * as prerequisiteExport from "@/app/api/v1/prerequisites/export/route";
import * as prerequisiteList from "@/app/api/v1/prerequisites/route";
import * as requestExport from "@/app/api/v1/requests/export/route";
import {
  AUTOMATION_STATUS_BADGES,
  KIND_LABELS,
  PREREQUISITE_TYPE_LABELS,
  prerequisiteBadge,
  REQUEST_STATUS_BADGES,
} from "@/lib/automations/labels";
import { DATA_SOURCE_TYPE_LABELS } from "@/lib/catalog/labels";
import type { Lapse } from "@/lib/domain/lapse";
import type { PrerequisiteStatus } from "@/lib/domain/types";
import { insertAutomation, insertConnector, insertGateway, insertRequest } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { resetDatabase } from "@/test/support/db";
import { parseCsv } from "@/test/support/lists";
import { callRoute } from "@/test/support/route";

// The exports read like the pages: the words a badge shows (including why a prerequisite
// lapsed, which Postgres works out for the CSV and the server for the list — they must agree),
// with the codes in columns of their own.

let company: Omit<Company, "erpConnector">;

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"], erpConnector: false });
  const base = { ownerId: company.maker.id, departmentId: company.finance.id };
  const onPremises = [
    { name: "Plant SQL", location: "ON_PREMISES" as const, signInMethod: "ENTRA_ID" as const },
  ];
  for (const status of ["OFFLINE", "DECOMMISSIONED"] as const) {
    const gateway = await insertGateway({ name: `gw-${status}`, status });
    await insertAutomation({
      ...base,
      name: `Gateway ${status}`,
      kind: "CLOUD_FLOW",
      runAs: "Planners",
      gatewayId: gateway.id,
      systems: onPremises,
    });
  }
  await insertConnector({
    name: "Payroll (revoked)",
    service: "payroll",
    keyExpiresAt: inDays(90),
    sharing: "ALL",
    status: "REVOKED",
  });
  await insertConnector({
    name: "Benefits (expired)",
    service: "benefits",
    keyExpiresAt: inDays(-3),
    sharing: "ALL",
  });
  for (const service of ["payroll", "benefits"]) {
    await insertAutomation({
      ...base,
      name: `Key ${service}`,
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      systems: [{ name: `${service} API`, signInMethod: "SHARED_KEY", service }],
    });
  }
  const waiting = await insertAutomation({
    ...base,
    name: "Waiting",
    kind: "CLOUD_FLOW",
    runAs: "Planners",
    systems: onPremises,
  });
  await insertRequest({
    automationId: waiting.id,
    prerequisiteKey: "GATEWAY",
    type: "GATEWAY",
    requesterId: company.maker.id,
    details: {
      type: "SQL_SERVER",
      server: "sql-01.corp.example.com",
      database: "Plant",
      environment: "PRODUCTION",
    },
  });
});

async function csvOf(handler: unknown, path: string) {
  const { response } = await callRoute(handler, "GET", path, { token: company.it.token });
  expect(response.status).toBe(200);
  const [header, ...rows] = parseCsv(await response.text());
  const at = (row: string[], column: string) => {
    const index = header!.indexOf(column);
    expect(index, column).toBeGreaterThanOrEqual(0);
    return row[index];
  };
  return { rows, at };
}

describe("CSV exports say what the pages say", () => {
  it("prerequisites: the badge's words (why it lapsed, from the catalog), the codes apart", async () => {
    const { body } = await callRoute(prerequisiteList.GET, "GET", "/api/v1/prerequisites?limit=100", {
      token: company.it.token,
    });
    const items = body.items as Array<{
      id: string;
      type: keyof typeof PREREQUISITE_TYPE_LABELS;
      status: PrerequisiteStatus;
      lapse: Lapse | null;
      automation: { status: keyof typeof AUTOMATION_STATUS_BADGES };
    }>;
    const { rows, at } = await csvOf(prerequisiteExport.GET, "/api/v1/prerequisites/export");
    expect(rows.map((row) => at(row, "Prerequisite id"))).toEqual(items.map((item) => item.id));
    for (const [i, item] of items.entries()) {
      const row = rows[i]!;
      expect(at(row, "Status")).toBe(prerequisiteBadge(item).label);
      expect(at(row, "Status code")).toBe(item.status);
      expect(at(row, "Lapse code")).toBe(item.lapse ?? "");
      expect(at(row, "Type")).toBe(PREREQUISITE_TYPE_LABELS[item.type]);
      expect(at(row, "Type code")).toBe(item.type);
      expect(at(row, "Automation status")).toBe(AUTOMATION_STATUS_BADGES[item.automation.status].label);
    }
    // Every reason to lapse is there, each in its own words.
    const lapsed = new Map(rows.map((row) => [at(row, "Lapse code"), at(row, "Status")]));
    expect(Object.fromEntries([...lapsed].filter(([code]) => code))).toEqual({
      GATEWAY_OFFLINE: "Gateway offline",
      DECOMMISSIONED: "Decommissioned",
      REVOKED: "Revoked",
      EXPIRED: "Expired",
    });
  });

  it("automations and requests: labels where the page shows words, codes in their own columns", async () => {
    const automations = await csvOf(automationExport.GET, "/api/v1/automations/export");
    for (const row of automations.rows) {
      const code = automations.at(row, "Status code") as keyof typeof AUTOMATION_STATUS_BADGES;
      expect(automations.at(row, "Status")).toBe(AUTOMATION_STATUS_BADGES[code].label);
      const kind = automations.at(row, "Kind code") as keyof typeof KIND_LABELS;
      expect(automations.at(row, "Kind")).toBe(KIND_LABELS[kind]);
    }
    const requests = await csvOf(requestExport.GET, "/api/v1/requests/export");
    expect(requests.rows).toHaveLength(1);
    const [request] = requests.rows;
    expect(requests.at(request!, "Status")).toBe(REQUEST_STATUS_BADGES.PENDING.label);
    expect(requests.at(request!, "Status code")).toBe("PENDING");
    expect(requests.at(request!, "Type")).toBe("Gateway access");
    expect(requests.at(request!, "Type code")).toBe("GATEWAY");
    expect(requests.at(request!, "Data source type")).toBe(DATA_SOURCE_TYPE_LABELS.SQL_SERVER);
    expect(requests.at(request!, "Data source type code")).toBe("SQL_SERVER");
    expect(requests.at(request!, "Environment code")).toBe("PRODUCTION");
  });
});
