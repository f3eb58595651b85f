import { describe, expect, it } from "vitest";
import { generateCompany } from "@/bench/lib/company";
import { credentialReference, PortfolioGenerator } from "@/bench/lib/portfolio";
import { Random } from "@/bench/lib/random";
import { scaleFor } from "@/bench/lib/scale";
import { SYSTEMS } from "@/bench/lib/vocabulary";
import { CREDENTIAL_STORES } from "@/lib/domain/types";
import { checkReference } from "@/lib/secrets/references";
import { scanStoredSecrets } from "@/lib/secrets/server/scan";
import { loadDemoData } from "@/prisma/demo-data";
import { pool, resetDatabase } from "@/test/support/db";

// The data the product ships with keeps its own rules: every reference the benchmark's
// generator and the demo company write fits its store's grammar, and nothing looks like a secret.

describe("the benchmark generator", () => {
  const company = generateCompany(new Random(7), scaleFor(2_000), new Date("2030-03-15T12:00:00Z"));

  it("writes every store's references in the store's grammar, for every department and system", () => {
    const problems: string[] = [];
    for (const store of CREDENTIAL_STORES) {
      for (const department of company.departments) {
        for (const system of SYSTEMS) {
          const slug = system.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
          const reference = credentialReference(store, department.slug, slug);
          const finding = checkReference(store, reference);
          if (finding) problems.push(`${store} ${department.slug} ${slug}: ${JSON.stringify(finding)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("generates a portfolio whose credential names and connectors' key references all fit", async () => {
    const portfolio = await new PortfolioGenerator(new Random(7), company, scaleFor(2_000)).chunk(0, 2_000);
    const failing = portfolio.automations.flatMap((automation) =>
      automation.systems.flatMap((system) =>
        system.credentialStore &&
        system.credentialName &&
        checkReference(system.credentialStore, system.credentialName)
          ? [`${system.credentialStore} ${system.credentialName}`]
          : [],
      ),
    );
    expect(failing).toEqual([]);
    const stores = new Set(
      portfolio.automations.flatMap((automation) =>
        automation.systems.map((system) => system.credentialStore),
      ),
    );
    expect(stores.size).toBeGreaterThan(3);
    expect(
      company.connectors.filter((connector) => checkReference("AZURE_KEY_VAULT", connector.keyReference)),
    ).toEqual([]);
  });
});

describe("the demo company", () => {
  it("holds nothing secrets:scan would report", async () => {
    await resetDatabase();
    await loadDemoData();
    const client = await pool().connect();
    try {
      const { findings, scanned } = await scanStoredSecrets(client);
      expect(findings).toEqual([]);
      expect(scanned.find((table) => table.table === "system_accesses")?.rows).toBeGreaterThan(20);
    } finally {
      client.release();
    }
  }, 120_000);
});
