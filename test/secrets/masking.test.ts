import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as departments from "@/app/api/v1/admin/departments/route";
import * as auditExport from "@/app/api/v1/audit/export/route";
import * as audit from "@/app/api/v1/audit/route";
import * as automationItem from "@/app/api/v1/automations/[id]/route";
import * as automationExport from "@/app/api/v1/automations/export/route";
import * as connectorItem from "@/app/api/v1/connectors/[id]/route";
import * as connectors from "@/app/api/v1/connectors/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as prerequisiteExport from "@/app/api/v1/prerequisites/export/route";
import * as prerequisites from "@/app/api/v1/prerequisites/route";
import * as requestItem from "@/app/api/v1/requests/[id]/route";
import * as requestExport from "@/app/api/v1/requests/export/route";
import * as requests from "@/app/api/v1/requests/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { errorResponse } from "@/lib/http/server/api-route";
import { createMailTransport } from "@/lib/jobs/server/mail";
import { deliverOutbox } from "@/lib/jobs/server/outbox";
import { notify } from "@/lib/notifications/server/notify";
import { HIDDEN } from "@/lib/secrets/mask";
import { insertAutomation, insertConnector, insertDepartment, insertRequest } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { daysAgo, inDays } from "@/test/support/dates";
import { prisma, resetDatabase } from "@/test/support/db";
import { captureLogs } from "@/test/support/logs";
import { APP_ORIGIN, callRoute, type RouteAnswer } from "@/test/support/route";
import { bodyOf, startSmtpServer, subjectOf } from "@/test/support/smtp";

// Rows written before the rules existed: a password typed as a Key Vault reference, secrets
// in free text. Their values are never rewritten, and no surface shows them: API answers,
// CSV exports, the audit trail, notifications, e-mail and logs show HIDDEN instead.

const PLANTED = {
  // Fits no Key Vault grammar, though the detector alone would let it pass: a password.
  credentialName: "hunter2",
  secretCredentialName: `Hunter2!${"Password"}`,
  keyReference: `Sup3r$ecret${"P@ss!"}`,
  description: `Signs in with pwd=${"letmein99"}`,
  justification: `the password is ${"Winter2024!"}`,
  decisionReason: `use token ghp_${"a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}`,
  comment: `pass: ${"Spring-2025"}`,
  department: `Summer${"2024!x"}`,
  tokenName: `AKIA${"IOSFODNN7EXAMPLE"}`,
  notification: `Key rotated; the password is ${"Autumn-2025"}`,
};
// A department's name is masked where departments are listed and in every export; as the
// name of a record's department elsewhere it is shown as stored (secrets:scan lists it).
const { department: _department, ...ELSEWHERE } = PLANTED;
const VALUES = Object.values(ELSEWHERE);
const EVERYWHERE = Object.values(PLANTED);

let company: Company;
let automationId: string;
let connectorId: string;
let requestId: string;

const session = (cookie: string) => ({ cookie, origin: APP_ORIGIN, "sec-fetch-site": "same-origin" });

function expectNoPlantedValue(text: string | undefined, where: string, values = VALUES) {
  expect(text, where).toBeDefined();
  for (const value of values)
    expect(text!.includes(value), `${where} shows ${value.slice(0, 4)}…`).toBe(false);
}

async function csvText(answer: RouteAnswer): Promise<string> {
  expect(answer.status).toBe(200);
  return answer.response.text();
}

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany();
  const department = await insertDepartment(PLANTED.department);
  await prisma.user.update({ where: { id: company.maker.id }, data: { departmentId: department.id } });
  const automation = await insertAutomation({
    name: "Bank reconciliation",
    description: PLANTED.description,
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: department.id,
    systems: [
      {
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: {
          store: "AZURE_KEY_VAULT",
          name: PLANTED.credentialName,
          owner: company.maker.email,
          rotatesAt: inDays(60),
        },
      },
      {
        name: "Supplier portal",
        signInMethod: "USERNAME_PASSWORD",
        // Expired: the prerequisite's reason quotes the name.
        credential: {
          store: "CYBERARK",
          name: PLANTED.secretCredentialName,
          owner: company.maker.email,
          rotatesAt: daysAgo(3),
        },
      },
      { name: "Payroll API", signInMethod: "SHARED_KEY", service: "payroll" },
    ],
  });
  automationId = automation.id;
  connectorId = (
    await insertConnector({
      name: "Payroll",
      service: "payroll",
      keyReference: PLANTED.keyReference,
      keyExpiresAt: inDays(90),
    })
  ).id;
  const request = await insertRequest({
    automationId,
    prerequisiteKey: "SHARED_KEY_CONNECTOR:payroll api",
    type: "SHARED_KEY_CONNECTOR",
    requesterId: company.maker.id,
    justification: PLANTED.justification,
    status: "REJECTED",
    decidedById: company.it.id,
    decisionReason: PLANTED.decisionReason,
  });
  requestId = request.id;
  await prisma.requestComment.create({
    data: { requestId, authorId: company.maker.id, body: PLANTED.comment },
  });
  await prisma.apiToken.create({
    data: {
      userId: company.maker.id,
      name: PLANTED.tokenName,
      prefix: "pf_plnted1",
      hash: "planted",
      expiresAt: inDays(30),
    },
  });
  await prisma.$transaction(async (tx) => {
    await recordAudit(tx, {
      actor: { id: company.it.id, label: company.it.email },
      action: "connector.updated",
      entityType: "Connector",
      entityId: connectorId,
      before: { keyReference: "kv-integration/payroll" },
      after: { keyReference: PLANTED.keyReference },
    });
    await recordAudit(tx, {
      actor: { id: company.maker.id, label: company.maker.email },
      action: "automation.updated",
      entityType: "Automation",
      entityId: automationId,
      after: {
        description: PLANTED.description,
        systems: [
          {
            name: "Online banking",
            credentialStore: "AZURE_KEY_VAULT",
            credentialName: PLANTED.credentialName,
          },
        ],
      },
    });
    await notify(tx, [
      {
        userId: company.maker.id,
        kind: "connector.updated",
        title: "Payroll changed",
        body: PLANTED.notification,
      },
    ]);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("masking on every surface", () => {
  it("the automation's page: credential names, description and the prerequisites that quote them", async () => {
    const answer = await callRoute(automationItem.GET, "GET", `/api/v1/automations/${automationId}`, {
      token: company.maker.token,
      params: { id: automationId },
    });
    expect(answer.status).toBe(200);
    expectNoPlantedValue(answer.text, "GET /automations/{id}");
    const names = answer.body.systems.map(
      (system: { credentialReference: { name: string } | null }) => system.credentialReference?.name,
    );
    expect(names).toEqual([HIDDEN, HIDDEN, undefined]);
    expect(answer.body.description).toBe(HIDDEN);
    expect(answer.text).toContain(HIDDEN);
    // The stored rows are untouched.
    const stored = await prisma.systemAccess.findMany({
      where: { automationId },
      orderBy: { position: "asc" },
    });
    expect(stored[0]!.credentialName).toBe(PLANTED.credentialName);
  });

  it("the connector, on its page and in the catalog list (IT)", async () => {
    const item = await callRoute(connectorItem.GET, "GET", `/api/v1/connectors/${connectorId}`, {
      token: company.it.token,
      params: { id: connectorId },
    });
    expect(item.body.keyReference).toBe(HIDDEN);
    expect(item.body.keyStore).toBe("AZURE_KEY_VAULT");
    expectNoPlantedValue(item.text, "GET /connectors/{id}");
    const list = await callRoute(connectors.GET, "GET", "/api/v1/connectors", { token: company.it.token });
    expectNoPlantedValue(list.text, "GET /connectors");
    expect(list.text).toContain(HIDDEN);
  });

  it("the prerequisites list and its CSV export", async () => {
    const list = await callRoute(
      prerequisites.GET,
      "GET",
      `/api/v1/prerequisites?automationId=${automationId}`,
      {
        token: company.it.token,
      },
    );
    expect(list.status).toBe(200);
    expectNoPlantedValue(list.text, "GET /prerequisites");
    const csv = await csvText(
      await callRoute(
        prerequisiteExport.GET,
        "GET",
        `/api/v1/prerequisites/export?automationId=${automationId}`,
        {
          token: company.it.token,
        },
      ),
    );
    expectNoPlantedValue(csv, "prerequisites CSV", EVERYWHERE);
    expect(csv).toContain(HIDDEN);
  });

  it("the automations CSV export", async () => {
    const csv = await csvText(
      await callRoute(automationExport.GET, "GET", "/api/v1/automations/export", { token: company.it.token }),
    );
    expectNoPlantedValue(csv, "automations CSV", EVERYWHERE);
    expect(csv).toContain(`"${HIDDEN}"`);
    expect(csv).toContain('"Bank reconciliation"');
  });

  it("the request: its page with comments, the list and the CSV export", async () => {
    const item = await callRoute(requestItem.GET, "GET", `/api/v1/requests/${requestId}`, {
      token: company.it.token,
      params: { id: requestId },
    });
    expect(item.status).toBe(200);
    expectNoPlantedValue(item.text, "GET /requests/{id}");
    expect(item.body.justification).toBe(HIDDEN);
    expect(item.body.decisionReason).toBe(HIDDEN);
    expect(item.body.comments[0].body).toBe(HIDDEN);
    const list = await callRoute(requests.GET, "GET", "/api/v1/requests", { token: company.it.token });
    expectNoPlantedValue(list.text, "GET /requests");
    const csv = await csvText(
      await callRoute(requestExport.GET, "GET", "/api/v1/requests/export", { token: company.it.token }),
    );
    expectNoPlantedValue(csv, "requests CSV", EVERYWHERE);
    expect(csv).toContain(HIDDEN);
  });

  it("the audit trail: before and after values in the API and in the export", async () => {
    const list = await callRoute(audit.GET, "GET", "/api/v1/audit", { token: company.it.token });
    expect(list.status).toBe(200);
    expectNoPlantedValue(list.text, "GET /audit");
    const updated = list.body.items.find((event: { action: string }) => event.action === "connector.updated");
    expect(updated.before).toEqual({ keyReference: "kv-integration/payroll" });
    expect(updated.after).toEqual({ keyReference: HIDDEN });
    const csv = await csvText(
      await callRoute(auditExport.GET, "GET", "/api/v1/audit/export", { token: company.it.token }),
    );
    expectNoPlantedValue(csv, "audit CSV", EVERYWHERE);
    expect(csv).toContain(HIDDEN);
  });

  it("notifications in the bell and in the e-mail", async () => {
    const bell = await callRoute(notifications.GET, "GET", "/api/v1/notifications", {
      token: company.maker.token,
    });
    expectNoPlantedValue(bell.text, "GET /notifications");
    expect(bell.body.items.map((item: { body: string }) => item.body)).toContain(HIDDEN);

    const smtp = await startSmtpServer();
    try {
      const result = await deliverOutbox({ now: new Date(), transport: createMailTransport(smtp.url) });
      expect(result.sent).toBeGreaterThan(0);
      const mails = smtp.received.map((mail) => `${subjectOf(mail.raw)}\n${bodyOf(mail.raw)}`);
      for (const mail of mails) expectNoPlantedValue(mail, "e-mail");
      expect(mails.some((mail) => mail.includes(HIDDEN))).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it("departments and API tokens, and the 409 of a department name that clashes", async () => {
    const list = await callRoute(departments.GET, "GET", "/api/v1/admin/departments", {
      token: company.admin.token,
    });
    expectNoPlantedValue(list.text, "GET /admin/departments", EVERYWHERE);
    expect(list.text).toContain(HIDDEN);
    // The same name in lower case is no secret by the rules, so it reaches the name check.
    const clash = await callRoute(departments.POST, "POST", "/api/v1/admin/departments", {
      token: company.admin.token,
      body: { name: PLANTED.department.toLowerCase() },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toBe(`A department named "${HIDDEN}" already exists.`);
    expectNoPlantedValue(clash.text, "409 of POST /admin/departments", EVERYWHERE);

    const own = await callRoute(tokens.GET, "GET", "/api/v1/tokens", {
      headers: session(company.maker.sessionCookie),
    });
    expectNoPlantedValue(own.text, "GET /tokens");
    expect(own.body.items.map((item: { name: string }) => item.name)).toContain(HIDDEN);
  });

  it("logs: an unexpected error quoting a stored value is logged with that line masked", async () => {
    const logged = captureLogs();
    const error = Object.assign(new Error("insert failed"), {
      detail: `Key (name)=(${PLANTED.department}) already exists.`,
    });
    const answer = errorResponse(error);
    logged.restore();
    expect(answer.status).toBe(500);
    const lines = JSON.stringify(logged.entries());
    expect(lines).toContain("insert failed");
    expect(lines).toContain(HIDDEN);
    expectNoPlantedValue(lines, "the log", EVERYWHERE);
  });
});
