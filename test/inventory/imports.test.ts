import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import * as confirmRoute from "@/app/api/v1/automations/[id]/confirm/route";
import * as automationItem from "@/app/api/v1/automations/[id]/route";
import * as applyRoute from "@/app/api/v1/imports/[id]/apply/route";
import * as cancelRoute from "@/app/api/v1/imports/[id]/cancel/route";
import * as importItem from "@/app/api/v1/imports/[id]/route";
import * as imports from "@/app/api/v1/imports/route";
import * as environmentItem from "@/app/api/v1/inventory/environments/[id]/route";
import * as environments from "@/app/api/v1/inventory/environments/route";
import * as scimUsers from "@/app/scim/v2/Users/route";
import { recordSignIn } from "@/lib/auth/server/sign-in";
import { SAMPLES } from "@/lib/inventory/testing/uploads";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor, tokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// The import's whole path through the API on a real database: upload → preview → apply (the
// job, run in this process) → automations, systems, prerequisites and findings; a second upload
// of the same files changes nothing.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const FINANCE_ENV = "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const DEFAULT_ENV = "0b3a7c21-5d4e-4f6a-9b8c-1d2e3f4a5b6c";

function sampleForm(folder: string, source: string, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  const directory = path.join(SAMPLES, folder);
  for (const name of readdirSync(directory).sort())
    form.append("file", new File([readFileSync(path.join(directory, name))], name));
  form.set("source", source);
  for (const [key, value] of Object.entries(extra)) form.set(key, value);
  return form;
}

function fileForm(source: string, files: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) form.append("file", new File([text], name));
  form.set("source", source);
  return form;
}

/** The sample CoE export, new flows going to Finance. */
const coe = () => sampleForm("coe", "COE", { defaultDepartmentId: company.finance.id });

async function upload(form: FormData, token = company.it.token) {
  return callRoute(imports.POST, "POST", "/api/v1/imports", { token, form });
}

/** Applies and waits for the in-process job to finish. */
async function applyAndWait(id: string, token = company.it.token) {
  const started = await callRoute(applyRoute.POST, "POST", `/api/v1/imports/${id}/apply`, {
    token,
    params: { id },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  for (let attempt = 0; attempt < 200; attempt++) {
    const now = await callRoute(importItem.GET, "GET", `/api/v1/imports/${id}`, { token, params: { id } });
    if (now.body.status !== "RUNNING") return now.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The import did not finish in 10 s.");
}

async function mapEnvironments() {
  for (const id of [FINANCE_ENV, DEFAULT_ENV]) {
    const mapped = await callRoute(environmentItem.PUT, "PUT", `/api/v1/inventory/environments/${id}`, {
      token: company.it.token,
      params: { id },
      body: { departmentId: company.finance.id },
    });
    expect(mapped.status).toBe(200);
  }
}

describe("POST /api/v1/imports (CoE Starter Kit export)", () => {
  it("previews without writing, refuses to apply while flows have no department, then applies", async () => {
    const before = await rowCounts();
    const preview = await upload(sampleForm("coe", "COE"));
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body.status).toBe("PREVIEW");
    expect(preview.body.counts).toMatchObject({
      new: 4,
      changed: 0,
      unchanged: 0,
      missing: 0,
      withoutDepartment: 4,
    });
    // The app reference (a canvas app, no flow) is an error of its row, not a dropped line.
    expect(preview.body.counts.errors).toBe(preview.body.errors.length);
    expect((await rowCounts()).automations).toBe(before.automations);

    const id = preview.body.id as string;
    const refused = await callRoute(applyRoute.POST, "POST", `/api/v1/imports/${id}/apply`, {
      token: company.it.token,
      params: { id },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/4 new flow\(s\) would have no department/);

    const listed = await callRoute(environments.GET, "GET", "/api/v1/inventory/environments", {
      token: company.it.token,
    });
    expect(
      listed.body.items.map((environment: { displayName: string }) => environment.displayName).sort(),
    ).toEqual(["Contoso (default)", "Finance production"]);
    await mapEnvironments();

    const done = await applyAndWait(id);
    expect(done).toMatchObject({ status: "DONE", progress: { done: 4, total: 4 } });

    const automations = await prisma.automation.findMany({
      where: { inventorySource: "COE" },
      include: {
        systems: { orderBy: { position: "asc" } },
        prerequisites: true,
        findings: true,
        owner: true,
      },
      orderBy: { name: "asc" },
    });
    expect(automations.map((automation) => automation.name)).toEqual([
      "Bank statement download",
      "Download statements from the bank portal",
      "Invoice approval",
      "Nightly ledger export",
    ]);
    const byName = new Map(automations.map((automation) => [automation.name, automation]));

    const invoice = byName.get("Invoice approval")!;
    expect(invoice).toMatchObject({
      environmentId: FINANCE_ENV,
      departmentId: company.finance.id,
      runMode: "ATTENDED",
    });
    expect(invoice.systems.map((s) => [s.name, s.signInMethod, s.inferred])).toEqual([
      ["Office 365 Outlook", "ENTRA_ID", true],
      ["Microsoft Dataverse", "ENTRA_ID", true],
    ]);
    expect(invoice.prerequisites.map((p) => p.type)).toEqual(["ENTRA_CONNECTION"]);
    // The custom connector's security is not in a CoE export: unknown — confirm, never dropped.
    expect(invoice.findings.map((f) => f.kind).sort()).toEqual([
      "EMBEDDED_CONNECTION",
      "OWNER_NOT_FOUND",
      "SIGN_IN_UNKNOWN",
    ]);
    expect(invoice.ownerMissing).toBe("NOT_FOUND");
    expect(invoice.owner).toMatchObject({
      email: "alex.maker@contoso.example",
      active: false,
      knownFrom: "INVENTORY",
    });

    const ledger = byName.get("Nightly ledger export")!;
    expect(ledger.systems).toEqual([]);
    expect(ledger.findings.map((f) => f.kind).sort()).toEqual([
      "OWNER_NOT_FOUND",
      "PLAIN_TEXT_PASSWORD",
      "SIGN_IN_UNKNOWN",
    ]);
    expect(ledger.findings.find((f) => f.kind === "PLAIN_TEXT_PASSWORD")).toMatchObject({
      severity: "HIGH",
      category: "LCNC-SEC-08",
    });

    const bank = byName.get("Bank statement download")!;
    expect(bank.systems.map((s) => [s.name, s.signInMethod, s.location])).toEqual([
      ["Desktop flows", "WINDOWS", "ON_PREMISES"],
    ]);
    expect(bank.prerequisites.map((p) => p.type).sort()).toEqual(["GATEWAY", "WINDOWS_SIGN_IN"]);

    const desktop = byName.get("Download statements from the bank portal")!;
    expect(desktop.kind).toBe("DESKTOP_FLOW");
    expect(desktop.prerequisites.map((p) => p.type)).toContain("WINDOWS_SIGN_IN");

    // One audit event per automation written, and the import's own.
    const audit = await prisma.auditEvent.groupBy({
      by: ["action"],
      _count: true,
      where: { action: { startsWith: "automation.imported" } },
    });
    expect(audit).toEqual([{ action: "automation.imported", _count: 4 }]);
    expect(
      await prisma.auditEvent.count({ where: { action: "inventory.import.applied", entityId: id } }),
    ).toBe(1);
  });

  it("a second upload of the same files changes nothing: 0 new, 0 changed, no row written on apply", async () => {
    const first = await upload(coe());
    await applyAndWait(first.body.id);
    const automationsBefore = await prisma.automation.findMany({
      orderBy: { id: "asc" },
      include: { systems: true },
    });
    const countsBefore = await rowCounts();

    const second = await upload(coe());
    expect(second.body.counts).toMatchObject({ new: 0, changed: 0, unchanged: 4, missing: 0 });
    const done = await applyAndWait(second.body.id);
    expect(done.progress).toEqual({ done: 0, total: 0 });

    expect(await prisma.automation.findMany({ orderBy: { id: "asc" }, include: { systems: true } })).toEqual(
      automationsBefore,
    );
    const countsAfter = await rowCounts();
    // Only the import's own events: uploaded, started, applied.
    expect(Number(countsAfter.audit) - Number(countsBefore.audit)).toBe(3);
    expect({ ...countsAfter, audit: 0 }).toEqual({ ...countsBefore, audit: 0 });
  });

  it("never overwrites what a person edited since: the difference becomes a finding", async () => {
    const first = await upload(coe());
    await applyAndWait(first.body.id);
    const invoice = await prisma.automation.findFirstOrThrow({ where: { name: "Invoice approval" } });
    // A person's edit bumps the version (lib/automations/server/update-automation.ts).
    await prisma.automation.update({
      where: { id: invoice.id },
      data: { version: { increment: 1 }, runMode: "UNATTENDED" },
    });

    const changed = coe();
    const flows = readFileSync(path.join(SAMPLES, "coe/admin_flow.csv"), "utf8").replace(
      "Invoice approval",
      "Invoice approval v2",
    );
    changed.delete("file");
    const directory = path.join(SAMPLES, "coe");
    for (const name of readdirSync(directory).sort())
      changed.append(
        "file",
        new File([name === "admin_flow.csv" ? flows : readFileSync(path.join(directory, name))], name),
      );
    const second = await upload(changed);
    expect(second.body.counts).toMatchObject({ new: 0, changed: 1, unchanged: 3 });
    await applyAndWait(second.body.id);

    const after = await prisma.automation.findUniqueOrThrow({
      where: { id: invoice.id },
      include: { findings: true },
    });
    expect(after).toMatchObject({
      name: "Invoice approval",
      runMode: "UNATTENDED",
      version: invoice.version + 1,
    });
    expect(after.findings.map((f) => f.kind)).toContain("DECLARED_DIFFERS");
  });

  it("marks flows gone from the source as not seen, never deleting them", async () => {
    await applyAndWait((await upload(coe())).body.id);
    const form = coe();
    const directory = path.join(SAMPLES, "coe");
    form.delete("file");
    for (const name of readdirSync(directory).sort()) {
      let text = readFileSync(path.join(directory, name), "utf8");
      if (name === "admin_flow.csv")
        text = text
          .split("\n")
          .filter((line) => !line.includes("Nightly ledger"))
          .join("\n");
      form.append("file", new File([text], name));
    }
    const second = await upload(form);
    expect(second.body.counts).toMatchObject({ missing: 1 });
    await applyAndWait(second.body.id);
    const ledger = await prisma.automation.findFirstOrThrow({ where: { name: "Nightly ledger export" } });
    expect(ledger.notSeenSince).not.toBeNull();
  });

  it("the owner's first sign-in makes them the flows' active owner", async () => {
    await applyAndWait((await upload(coe())).body.id);
    const outcome = await recordSignIn({
      provider: "oidc",
      identity: {
        subject: "alex",
        email: "alex.maker@contoso.example",
        name: "Alex Maker",
        roles: ["MAKER"],
        department: null,
        managedDepartments: null,
      },
    });
    expect(outcome.ok).toBe(true);
    const owned = await prisma.automation.findMany({
      where: { owner: { email: "alex.maker@contoso.example" } },
      include: { findings: { where: { kind: "OWNER_NOT_FOUND" } } },
    });
    expect(owned.length).toBe(3);
    for (const automation of owned) {
      expect(automation.ownerMissing).toBeNull();
      expect(automation.findings.every((finding) => finding.resolvedAt !== null)).toBe(true);
    }
    // The same through SCIM: provisioning a person known only from the import activates them.
    const scim = await callRoute(scimUsers.POST, "POST", "/scim/v2/Users", {
      token: await scimTokenFor(),
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "former.employee@contoso.example",
        externalId: "b2222222-2222-4222-8222-222222222222",
        active: true,
        displayName: "Former Employee",
        emails: [{ primary: true, type: "work", value: "former.employee@contoso.example" }],
      },
    });
    expect(scim.status, JSON.stringify(scim.body)).toBeLessThan(300);
    const ledger = await prisma.automation.findFirstOrThrow({ where: { name: "Nightly ledger export" } });
    expect(ledger.ownerMissing).toBeNull();
    await prisma.user.update({
      where: { email: "former.employee@contoso.example" },
      data: { active: false, lastSignInAt: new Date() },
    });
    // A person who left (deactivated, signed in before) is still refused.
    const former = await prisma.user.findUniqueOrThrow({
      where: { email: "former.employee@contoso.example" },
    });
    await prisma.user.update({ where: { id: former.id }, data: { lastSignInAt: new Date() } });
    const refused = await recordSignIn({
      provider: "oidc",
      identity: {
        subject: "former",
        email: "former.employee@contoso.example",
        name: "Former Employee",
        roles: ["MAKER"],
        department: null,
        managedDepartments: null,
      },
    });
    expect(refused).toEqual({ ok: false, reason: "AccountDisabled" });
  });
});

describe("an imported automation in the API", () => {
  it("says where it came from, what is inferred and what was found; its owner confirms with one call", async () => {
    await applyAndWait((await upload(coe())).body.id);
    const invoice = await prisma.automation.findFirstOrThrow({ where: { name: "Invoice approval" } });
    const read = await callRoute(automationItem.GET, "GET", `/api/v1/automations/${invoice.id}`, {
      token: company.it.token,
      params: { id: invoice.id },
    });
    expect(read.status).toBe(200);
    expect(read.body.inventory).toMatchObject({
      source: "COE",
      environmentId: FINANCE_ENV,
      notSeenSince: null,
    });
    expect(read.body.ownerMissing).toBe("NOT_FOUND");
    expect(read.body.systems.every((system: { inferred: boolean }) => system.inferred)).toBe(true);
    expect(read.body.findings.map((finding: { kind: string }) => finding.kind).sort()).toEqual([
      "EMBEDDED_CONNECTION",
      "OWNER_NOT_FOUND",
      "SIGN_IN_UNKNOWN",
    ]);
    expect(read.body.permissions.confirm).toBe(false);

    await recordSignIn({
      provider: "oidc",
      identity: {
        subject: "alex",
        email: "alex.maker@contoso.example",
        name: "Alex Maker",
        roles: ["MAKER"],
        department: null,
        managedDepartments: null,
      },
    });
    const alex = await prisma.user.findUniqueOrThrow({ where: { email: "alex.maker@contoso.example" } });
    const token = await tokenFor(alex.id);
    const own = await callRoute(automationItem.GET, "GET", `/api/v1/automations/${invoice.id}`, {
      token,
      params: { id: invoice.id },
    });
    expect(own.body.permissions.confirm).toBe(true);
    const confirmed = await callRoute(
      confirmRoute.POST,
      "POST",
      `/api/v1/automations/${invoice.id}/confirm`,
      {
        token,
        params: { id: invoice.id },
        body: { version: own.body.version },
      },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.systems.some((system: { inferred: boolean }) => system.inferred)).toBe(false);
    expect(confirmed.body.permissions.confirm).toBe(false);
    const again = await callRoute(confirmRoute.POST, "POST", `/api/v1/automations/${invoice.id}/confirm`, {
      token,
      params: { id: invoice.id },
      body: { version: confirmed.body.version },
    });
    expect(again.status).toBe(409);
    // IT cannot confirm for the owner.
    const it = await callRoute(confirmRoute.POST, "POST", `/api/v1/automations/${invoice.id}/confirm`, {
      token: company.it.token,
      params: { id: invoice.id },
      body: { version: confirmed.body.version },
    });
    expect(it.status).toBe(403);
  });
});

describe("bad uploads", () => {
  it("a file the importer cannot read is a 400 naming the file and the missing column; nothing is kept", async () => {
    const answer = await upload(fileForm("PREFLIGHT_CSV", { "flows.csv": "environment,flow_name\nx,y\n" }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/flows\.csv lacks the column flow_id/);
    expect(await prisma.inventoryImport.count()).toBe(0);
  });

  it("refuses a body that is not multipart (415), an unknown source (400), and callers without the right (403)", async () => {
    const json = await callRoute(imports.POST, "POST", "/api/v1/imports", {
      token: company.it.token,
      body: { source: "COE" },
    });
    expect(json.status).toBe(415);
    const source = await upload(fileForm("EXCEL", { "a.csv": "x" }));
    expect(source.status).toBe(400);
    expect(source.body.error.fields).toHaveProperty("source");
    for (const person of [company.maker, company.manager]) {
      const refused = await upload(coe(), person.token);
      expect(refused.status).toBe(403);
    }
    expect(await prisma.inventoryImport.count()).toBe(0);
  });

  it("rows with secret-looking values are refused per row, the rest previewed", async () => {
    const answer = await upload(
      fileForm("PREFLIGHT_CSV", {
        "automations.csv":
          "environment,flow_id,flow_name,owner,system,location,sign_in_method\n" +
          "env-1,f-1,Payroll,someone@contoso.example,Payroll DB,ON_PREMISES,USERNAME_PASSWORD\n" +
          "env-1,f-2,Password=Hunter2!Hunter2!,someone@contoso.example,,,\n",
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.counts.new).toBe(1);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0]).toMatchObject({ file: "automations.csv", row: 3 });
    expect(answer.text).not.toContain("Hunter2");
  });

  it("a cancelled preview cannot be applied (409)", async () => {
    const preview = await upload(sampleForm("coe", "COE", { defaultDepartmentId: company.finance.id }));
    const id = preview.body.id;
    const cancelled = await callRoute(cancelRoute.POST, "POST", `/api/v1/imports/${id}/cancel`, {
      token: company.admin.token,
      params: { id },
    });
    expect(cancelled.body.status).toBe("CANCELLED");
    const apply = await callRoute(applyRoute.POST, "POST", `/api/v1/imports/${id}/apply`, {
      token: company.it.token,
      params: { id },
    });
    expect(apply.status).toBe(409);
    expect(await prisma.automation.count({ where: { inventorySource: { not: null } } })).toBe(0);
  });
});
