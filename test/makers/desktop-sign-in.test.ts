import { beforeEach, describe, expect, it } from "vitest";
import * as one from "@/app/api/v1/automations/[id]/route";
import * as collection from "@/app/api/v1/automations/route";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { insertGateway } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { checkContract } from "@/test/support/contract";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// Every desktop flow needs a Windows sign-in on the machine it runs on, whatever its systems
// declare: its own WINDOWS_SIGN_IN, satisfied by the automation's machine and Windows account.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

async function call(method: "POST" | "PATCH" | "GET", path: string, token: string, body?: unknown) {
  const id = path.split("/")[4];
  const handler = path === "/api/v1/automations" ? collection.POST : method === "PATCH" ? one.PATCH : one.GET;
  const answer = await callRoute(handler, method, path, { token, body, params: id ? { id } : {} });
  checkContract({ method, path, status: answer.status, body: answer.body });
  return answer;
}

const invoiceBot = (fields: Record<string, unknown> = {}) => ({
  name: "Invoice entry",
  kind: "DESKTOP_FLOW",
  runMode: "UNATTENDED",
  runAs: "svc-invoices@corp.example",
  systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
  ...fields,
});

const own = (automation: { prerequisites: Array<{ key: string }> }) =>
  automation.prerequisites.find((p) => p.key === "WINDOWS_SIGN_IN") as
    | {
        status: string;
        systemAccessId: string | null;
        reason: string;
        satisfiedBy: string | null;
        basis: string | null;
      }
    | undefined;

describe("a desktop flow's own Windows sign-in", () => {
  it("is outstanding when nothing says where it runs, with a plain reason, even with only cloud systems", async () => {
    const answer = await call("POST", "/api/v1/automations", company.maker.token, invoiceBot());
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ machine: null, windowsAccount: null, windowsAccountType: null });
    const p = own(answer.body)!;
    expect(p).toMatchObject({ status: "OUTSTANDING", systemAccessId: null, satisfiedBy: null, basis: null });
    expect(p.reason).toContain("runs on a Windows machine");
    expect(p.reason).toContain("Record the machine or machine group it runs on");
    expect(answer.body.status).toBe("PENDING");
  });

  it("is satisfied once the machine and a service account are recorded, declared by the maker", async () => {
    const answer = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({
        machine: "PC-FIN-042",
        windowsAccount: "CORP\\svc-invoices",
        windowsAccountType: "SERVICE",
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      machine: "PC-FIN-042",
      windowsAccount: "CORP\\svc-invoices",
      windowsAccountType: "SERVICE",
    });
    const p = answer.body.prerequisites.find((x: { key: string }) => x.key === "WINDOWS_SIGN_IN");
    expect(p).toMatchObject({
      status: "SATISFIED",
      satisfiedBy: "Windows account “CORP\\svc-invoices” (service account) on “PC-FIN-042”",
      basis: "DECLARED",
      basisBy: { id: company.maker.id, name: company.maker.name, email: company.maker.email },
    });
    expect(Date.parse(p.basisAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("unattended under a personal account stays outstanding, as for a WINDOWS system", async () => {
    const answer = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({ machine: "PC-FIN-042", windowsAccount: "mia", windowsAccountType: "PERSONAL" }),
    );
    const p = own(answer.body)!;
    expect(p.status).toBe("OUTSTANDING");
    expect(p.reason).toContain("non-personal");
  });

  it("a WINDOWS system keeps its own, and a machine group as gateway gives connectivity, not the sign-in", async () => {
    const group = await insertGateway({ name: "mg-finance", kind: "MACHINE_GROUP" });
    const created = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({
        runMode: "ATTENDED",
        systems: [
          {
            name: "Finance PC",
            location: "ON_PREMISES",
            signInMethod: "WINDOWS",
            machineGroup: "mg-finance",
            windowsAccount: "CORP\\mia",
          },
        ],
      }),
    );
    const id = created.body.id;
    await prisma.automation.update({ where: { id }, data: { gatewayId: group.id } });
    await prisma.$transaction((tx) =>
      rederiveAutomations(tx, [id], { actor: SYSTEM_ACTOR("test"), cause: "gateway.assigned" }),
    );
    const read = await call("GET", `/api/v1/automations/${id}`, company.maker.token);
    expect(read.body.prerequisites.map((p: { key: string; status: string }) => [p.key, p.status])).toEqual([
      ["GATEWAY", "SATISFIED"],
      ["WINDOWS_SIGN_IN", "OUTSTANDING"],
      ["WINDOWS_SIGN_IN:finance pc", "SATISFIED"],
    ]);
    expect(own(read.body)!.reason).toContain("Machine group “mg-finance” connects it to Power Automate");
    expect(read.body.status).toBe("PENDING");
  });

  it("a change records, clears and — when the kind changes — drops where it runs", async () => {
    const created = await call("POST", "/api/v1/automations", company.maker.token, invoiceBot());
    const id = created.body.id;
    const path = `/api/v1/automations/${id}`;

    const recorded = await call("PATCH", path, company.maker.token, {
      version: 1,
      machine: "PC-FIN-042",
      windowsAccount: "CORP\\svc-invoices",
      windowsAccountType: "SERVICE",
    });
    expect(recorded.status).toBe(200);
    expect(own(recorded.body)!.status).toBe("SATISFIED");

    // Absent fields are unchanged; "" clears.
    const cleared = await call("PATCH", path, company.maker.token, { version: 2, windowsAccount: "" });
    expect(cleared.body).toMatchObject({
      machine: "PC-FIN-042",
      windowsAccount: null,
      windowsAccountType: "SERVICE",
    });
    expect(own(cleared.body)!.status).toBe("OUTSTANDING");

    // A value for a flow that is not a desktop flow is refused, not dropped.
    const wrongKind = await call("PATCH", path, company.maker.token, {
      version: 3,
      kind: "CLOUD_FLOW",
      machine: "PC-FIN-042",
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.fields).toHaveProperty("machine");

    const cloud = await call("PATCH", path, company.maker.token, { version: 3, kind: "CLOUD_FLOW" });
    expect(cloud.status).toBe(200);
    expect(cloud.body).toMatchObject({
      kind: "CLOUD_FLOW",
      machine: null,
      windowsAccount: null,
      windowsAccountType: null,
    });
    expect(own(cloud.body)).toBeUndefined();

    // Now a cloud flow: recording a machine is refused against the stored kind (422).
    const counts = await rowCounts();
    const refused = await call("PATCH", path, company.maker.token, { version: 4, machine: "PC-FIN-042" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty("machine");
    expect(await rowCounts()).toEqual(counts);
  });

  it("refuses where it runs on a create for another kind (400), and a secret-looking account (422)", async () => {
    const cloud = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({ kind: "CLOUD_FLOW", machine: "PC-FIN-042" }),
    );
    expect(cloud.status).toBe(400);
    expect(cloud.body.error.fields).toHaveProperty("machine");
    const nulls = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({ kind: "CLOUD_FLOW", machine: null, windowsAccount: null, windowsAccountType: null }),
    );
    expect(nulls.status).toBe(201);
    const secret = await call(
      "POST",
      "/api/v1/automations",
      company.maker.token,
      invoiceBot({ machine: "PC-FIN-042", windowsAccount: `svc password=${"Winter2026"}` }),
    );
    expect(secret.status).toBe(422);
  });
});
