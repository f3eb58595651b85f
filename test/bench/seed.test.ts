import { beforeAll, describe, expect, it } from "vitest";
import { countRows } from "@/bench/lib/counts";
import { loadCompany } from "@/bench/lib/load";
import { REVOKE_CONNECTOR_NAME, REVOKE_SERVICE } from "@/bench/lib/scale";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// The benchmark's data set must be one the product itself could have produced: its stored
// prerequisites and statuses are exactly what re-derivation computes, and it is the same
// for the same seed. Checked here on a small company (the generator scales the same way).

const AUTOMATIONS = 1_000;
const NOW = new Date("2030-03-15T12:00:00Z");

async function seed(seedNumber: number) {
  const client = await pool().connect();
  try {
    await loadCompany(client, { automations: AUTOMATIONS, seed: seedNumber, now: NOW });
  } finally {
    client.release();
  }
}

async function fingerprint(): Promise<string> {
  const { rows } = await pool().query<{ digest: string }>(
    `select md5(
       (select string_agg(id::text || status::text || "createdAt"::text, ',' order by id) from automations) ||
       (select string_agg(id::text || key || status::text, ',' order by id) from prerequisites) ||
       (select string_agg(id::text || status::text, ',' order by id) from requests) ||
       (select string_agg(id::text || action || "entityId", ',' order by id) from audit_events)) as digest`,
  );
  return rows[0]!.digest;
}

describe("bench:seed's data set", () => {
  beforeAll(async () => {
    await resetDatabase();
    await seed(7);
  }, 120_000);

  it("has the sizes the issue scales from the number of automations", async () => {
    const rows = await countRows(pool());
    expect(rows.automations).toBe(AUTOMATIONS);
    expect(rows.requests).toBe(AUTOMATIONS / 2);
    expect(rows.audit_events).toBe(AUTOMATIONS * 10);
    expect(rows.system_accesses! / AUTOMATIONS).toBeGreaterThan(3.2);
    expect(rows.system_accesses! / AUTOMATIONS).toBeLessThan(3.9);
    const statuses = await pool().query<{ status: string }>(`select distinct status::text from requests`);
    expect(statuses.rows.map((r) => r.status).sort()).toEqual([
      "APPROVED",
      "CANCELLED",
      "PENDING",
      "REJECTED",
      "WITHDRAWN",
    ]);
  });

  it("stores exactly the prerequisites and statuses that re-derivation computes", async () => {
    const ids = (await pool().query<{ id: string }>(`select id from automations`)).rows.map((r) => r.id);
    const result = await prisma.$transaction(
      (tx) => rederiveAutomations(tx, ids, { actor: SYSTEM_ACTOR("test"), cause: "test", now: NOW }),
      { timeout: 60_000 },
    );
    expect(result.automations).toBe(AUTOMATIONS);
    expect(result.changedPrerequisites).toBe(0);
    expect(result.statusChanges).toEqual([]);
  });

  it("has the revoke scenario's connector, which a tenth of the automations rely on", async () => {
    const { rows } = await pool().query<{ dependents: number; satisfied: number }>(
      `select (select count(distinct "automationId")::int from system_accesses
                where "signInMethod" = 'SHARED_KEY' and service = $1) as dependents,
              (select count(*)::int from prerequisites p join connectors c on c.id = p."connectorId"
                where c.name = $2 and c.status = 'APPROVED' and p.status = 'SATISFIED') as satisfied`,
      [REVOKE_SERVICE, REVOKE_CONNECTOR_NAME],
    );
    expect(rows[0]!.dependents).toBe(AUTOMATIONS / 10);
    expect(rows[0]!.satisfied).toBe(AUTOMATIONS / 10);
  });

  it("is the same for the same seed and differs for another", async () => {
    const first = await fingerprint();
    await seed(7);
    expect(await fingerprint()).toBe(first);
    await seed(8);
    expect(await fingerprint()).not.toBe(first);
  }, 120_000);
});
