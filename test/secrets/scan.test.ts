import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { scanStoredSecrets } from "@/lib/secrets/server/scan";
import { insertAutomation, insertConnector, insertDepartment } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// npm run secrets:scan on planted rows: each finding names the table, the row, the field and
// the rule, never the value; the exit code says whether anything was found. Read-only.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

async function scan() {
  const client = await pool().connect();
  try {
    return await scanStoredSecrets(client);
  } finally {
    client.release();
  }
}

function runScan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/secrets-scan.ts", ...args],
      { cwd: ROOT, env: { ...process.env }, timeout: 55_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const PLANTED = {
  department: `Winter${"2024!"}`,
  credentialName: "hunter2",
  keyReference: `-----BEGIN RSA PRIVATE KEY-----\nMIIE${"x".repeat(16)}`,
  description: `the password is ${"Hunter2!"}`,
  awsReference: "finance/bank-bot",
};

async function plant() {
  const department = await insertDepartment(PLANTED.department);
  const automation = await insertAutomation({
    name: "Bank reconciliation",
    description: PLANTED.description,
    kind: "CLOUD_FLOW",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    systems: [
      {
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: {
          store: "AZURE_KEY_VAULT",
          name: PLANTED.credentialName,
          owner: company.maker.email,
          rotatesAt: inDays(30),
        },
      },
      {
        name: "Customs portal",
        signInMethod: "USERNAME_PASSWORD",
        credential: {
          store: "AWS_SECRETS_MANAGER",
          name: PLANTED.awsReference,
          owner: company.maker.email,
          rotatesAt: inDays(30),
        },
      },
    ],
  });
  const connector = await insertConnector({
    name: "Payroll",
    service: "payroll",
    keyReference: PLANTED.keyReference,
    keyExpiresAt: inDays(90),
  });
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { id: null, label: "system: test" },
      action: "connector.created",
      entityType: "Connector",
      entityId: connector.id,
      after: { name: "Payroll", keyReference: PLANTED.keyReference },
    }),
  );
  const systems = await prisma.systemAccess.findMany({
    where: { automationId: automation.id },
    orderBy: { position: "asc" },
  });
  return { department, automation, connector, systems };
}

describe("secrets:scan", () => {
  it("finds nothing in a company whose rows keep the rules", async () => {
    expect((await scan()).findings).toEqual([]);
  });

  it("lists every planted row by table, id, field and rule, and never a value", async () => {
    const { department, automation, connector, systems } = await plant();
    const before = await prisma.auditEvent.count();
    const { findings, scanned } = await scan();
    const where = findings.map(({ table, id, field }) => `${table} ${id} ${field}`);
    expect(where).toEqual(
      expect.arrayContaining([
        `departments ${department.id} name`,
        `automations ${automation.id} description`,
        `system_accesses ${systems[0]!.id} credentialName`,
        `system_accesses ${systems[1]!.id} credentialName`,
        `connectors ${connector.id} keyReference`,
      ]),
    );
    const rule = (table: string, id: string, field = "credentialName") =>
      findings.find((finding) => finding.table === table && finding.id === id && finding.field === field)
        ?.rule;
    expect(rule("system_accesses", systems[0]!.id)).toBe(
      "not an Azure Key Vault reference: it is neither a secret URI nor <vault>/<name>",
    );
    expect(rule("system_accesses", systems[1]!.id)).toMatch(/^not an AWS Secrets Manager ARN: /);
    expect(rule("connectors", connector.id, "keyReference")).toBe("looks like a secret (a private key)");
    expect(rule("departments", department.id, "name")).toBe("looks like a secret (a password)");
    expect(
      findings.some((finding) => finding.table === "audit_events" && finding.field === "after.keyReference"),
    ).toBe(true);
    expect(scanned.map((table) => table.table)).toEqual(
      expect.arrayContaining(["departments", "automations", "system_accesses", "connectors", "audit_events"]),
    );
    const text = JSON.stringify(findings);
    for (const value of Object.values(PLANTED)) expect(text).not.toContain(value);
    // Read-only: nothing written, nothing changed.
    expect(await prisma.auditEvent.count()).toBe(before);
    expect((await prisma.connector.findUniqueOrThrow({ where: { id: connector.id } })).keyReference).toBe(
      PLANTED.keyReference,
    );
  });

  it("npm run secrets:scan: exit 1 with a line per finding when something is found, 0 once clean", async () => {
    const { department } = await plant();
    const found = await runScan();
    expect(found.code, found.stderr).toBe(1);
    expect(found.stdout).toContain(`departments\t${department.id}\tname\tlooks like a secret (a password)`);
    expect(found.stdout).toMatch(/stored value\(s\) fail the secret rules/);
    for (const value of Object.values(PLANTED)) expect(found.stdout + found.stderr).not.toContain(value);

    await resetDatabase();
    const clean = await runScan("--json");
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout.trim().split("\n").pop()!)).toMatchObject({ summary: { findings: 0 } });
  }, 60_000);
});
