import { beforeEach, describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/automations/[id]/route";
import * as collection from "@/app/api/v1/automations/route";
import * as gatewayItem from "@/app/api/v1/gateways/[id]/route";
import * as requestItem from "@/app/api/v1/requests/[id]/route";
import * as requests from "@/app/api/v1/requests/route";
import { insertGateway } from "@/lib/testing/factories";
import { decide } from "@/test/support/approvals";
import { buildCompany, type Company } from "@/test/support/company";
import { resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// The history reads as what people did, in sentences: a re-derivation is told only as the
// changes it caused, under the event that caused it; no ids, codes or developer notation.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

interface Line {
  action: string;
  actor: string;
  text: string;
  changes: string[];
}

const get = (token: string, id: string) =>
  callRoute(one.GET, "GET", `/api/v1/automations/${id}`, { token, params: { id } });

/** A cloud flow that reads an on-premises SQL Server: it needs a gateway and nothing else. */
async function plantReport() {
  const created = await callRoute(collection.POST, "POST", "/api/v1/automations", {
    token: company.maker.token,
    body: {
      name: "Plant report",
      description: "Reads the plant's production figures every morning",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      runAs: "Plant planners (Entra group)",
      systems: [{ name: "SQL Server", location: "ON_PREMISES", signInMethod: "ENTRA_ID" }],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; prerequisites: Array<{ id: string; type: string }> };
}

async function requestAndApproveGateway(automation: Awaited<ReturnType<typeof plantReport>>) {
  const gateway = await insertGateway({ name: "Plant-GW-02" });
  const filed = await callRoute(requests.POST, "POST", "/api/v1/requests", {
    token: company.maker.token,
    body: {
      type: "GATEWAY",
      automationId: automation.id,
      prerequisiteId: automation.prerequisites.find((p) => p.type === "GATEWAY")!.id,
      justification: "The production figures are in the plant's SQL Server.",
      details: {
        type: "SQL_SERVER",
        server: "sql-plant-01.corp.example.com",
        database: "Production",
        environment: "PRODUCTION",
      },
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const approved = await decide(company.it.token, filed.body.id, {
    decision: "APPROVE",
    reason: "The plant's gateway serves it.",
    version: 1,
    gatewayId: gateway.id,
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { gateway, requestId: filed.body.id as string };
}

/** Nothing a developer log would say: no re-derivation lines, ids, codes or array counts. */
function expectPlain(lines: Line[]) {
  for (const line of lines) {
    expect(line.action).not.toBe("automation.rederived");
    for (const text of [line.text, ...line.changes, line.actor]) {
      expect(text).not.toMatch(/rederived|[0-9a-f]{8}-[0-9a-f]{4}|\[\d+\]|→|[A-Z]{2,}_[A-Z]+|@/);
    }
  }
}

describe("an automation's history", () => {
  it("tells a gateway approval in one sentence, with the changes it caused beneath", async () => {
    const automation = await plantReport();
    await requestAndApproveGateway(automation);

    const history = (await get(company.maker.token, automation.id)).body.history as Line[];
    expect(history.map((line) => [line.text, line.changes, line.actor])).toEqual([
      [
        "IT approved the gateway request — “SQL Server” now reaches the gateway “Plant-GW-02”.",
        [
          "The automation is now Ready (was Pending).",
          "On-premises data gateway: now Satisfied (was Requested).",
        ],
        company.it.name,
      ],
      [
        `${company.maker.name} requested access to a gateway.`,
        ["On-premises data gateway: now Requested (was Outstanding)."],
        company.maker.name,
      ],
      [
        `${company.maker.name} registered the automation.`,
        ["Now needed: On-premises data gateway (Outstanding); Entra ID connection (Satisfied)."],
        company.maker.name,
      ],
    ]);
    expectPlain(history);
  });

  it("says what an edit changed, and a change made in the catalog as a sentence of its own", async () => {
    const automation = await plantReport();
    const { gateway } = await requestAndApproveGateway(automation);
    const edited = await callRoute(one.PATCH, "PATCH", `/api/v1/automations/${automation.id}`, {
      token: company.maker.token,
      params: { id: automation.id },
      body: { version: 1, name: "Plant report (daily)", description: "Reads the plant's figures" },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const offline = await callRoute(gatewayItem.PATCH, "PATCH", `/api/v1/gateways/${gateway.id}`, {
      token: company.it.token,
      params: { id: gateway.id },
      // Version 2: the approval listed the request's data source on the gateway.
      body: { version: 2, status: "OFFLINE" },
    });
    expect(offline.status, JSON.stringify(offline.body)).toBe(200);

    const history = (await get(company.manager.token, automation.id)).body.history as Line[];
    expect(history.slice(0, 2).map((line) => [line.text, line.changes])).toEqual([
      [
        "IT changed the status of its gateway.",
        [
          "The automation is now Blocked (was Ready).",
          "On-premises data gateway: now Expired (was Satisfied).",
        ],
      ],
      [`${company.maker.name} changed the name and the purpose.`, []],
    ]);
    expectPlain(history);
  });

  it("on the request's page too", async () => {
    const automation = await plantReport();
    const { requestId } = await requestAndApproveGateway(automation);
    const page = await callRoute(requestItem.GET, "GET", `/api/v1/requests/${requestId}`, {
      token: company.it.token,
      params: { id: requestId },
    });
    const history = page.body.history as Line[];
    expect(history.map((line) => line.text)).toEqual([
      "IT approved the gateway request — “SQL Server” now reaches the gateway “Plant-GW-02”.",
      `${company.maker.name} requested access to a gateway.`,
    ]);
    expectPlain(history);
  });
});
