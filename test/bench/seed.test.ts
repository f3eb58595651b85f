import { beforeAll, describe, expect, it } from "vitest";
import { countRows } from "@/bench/lib/counts";
import { chunkBounds, loadCompany } from "@/bench/lib/load";
import { REVOKE_CONNECTOR_NAME, REVOKE_SERVICE } from "@/bench/lib/scale";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { findCountDifferences } from "@/lib/dashboard/server/verify-counts";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// The benchmark's data set must be one the product itself could have produced: its stored
// prerequisites and statuses are exactly what re-derivation computes, and it is the same
// for the same seed. Checked here on a small company (the generator scales the same way),
// generated in chunks of 250 automations (in two worker threads) as a large one is in chunks of 10,000.

const AUTOMATIONS = 1_000;
const CHUNK_SIZE = 300;
const NOW = new Date("2030-03-15T12:00:00Z");

async function seed(seedNumber: number, workers = 2) {
  const client = await pool().connect();
  try {
    await loadCompany(client, {
      automations: AUTOMATIONS,
      seed: seedNumber,
      now: NOW,
      chunkSize: CHUNK_SIZE,
      workers,
    });
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
       (select string_agg(id::text || action || "entityId" || "createdAt"::text || coalesce("after"::text, ''), ',' order by id) from audit_events) ||
       (select string_agg(id::text || name || "automationId"::text, ',' order by id) from system_accesses) ||
       (select string_agg(id::text || title || "userId"::text, ',' order by id) from notifications) ||
       (select string_agg(day::text || "departmentId"::text || type::text || count::text, ',' order by day, "departmentId", type) from outstanding_snapshots)) as digest`,
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

  it("is generated in chunks of nearly equal size", () => {
    expect(chunkBounds(AUTOMATIONS, CHUNK_SIZE)).toEqual([0, 250, 500, 750, 1000]);
    expect(chunkBounds(1_000_000, 10_000)).toHaveLength(101);
    expect(chunkBounds(100, 10_000)).toEqual([0, 100]);
  });

  it("keeps dashboard counts that agree with a recount, and today's snapshot of what is outstanding", async () => {
    expect(await findCountDifferences()).toEqual([]);
    // Tallied chunk by chunk during the load: the same as counting the loaded rows.
    const { rows } = await pool().query<{ snapshot: number; counted: number }>(
      `with counted as (
         select p."departmentId", p.type::text as type, count(*)::int as n
           from prerequisites p join automations a on a.id = p."automationId"
          where a.status <> 'RETIRED' and p.status <> 'SATISFIED'
          group by 1, 2)
       select (select count(*)::int from outstanding_snapshots where day = $1::date) as snapshot,
              (select count(*)::int from counted c
                 join outstanding_snapshots s on s.day = $1::date and s."departmentId" = c."departmentId"
                  and s.type::text = c.type and s.count = c.n) as counted`,
      [NOW.toISOString().slice(0, 10)],
    );
    expect(rows[0]!.snapshot).toBeGreaterThan(20);
    expect(rows[0]!.counted).toBe(rows[0]!.snapshot);
  });

  it("numbers the audit trail in time order, as a real database would", async () => {
    const { rows } = await pool().query<{ ids: number; max: number; backwards: number }>(
      `select count(*)::int as ids, max(id)::int as max,
              count(*) filter (where "createdAt" < previous)::int as backwards
         from (select id, "createdAt", lag("createdAt") over (order by id) as previous from audit_events) e`,
    );
    expect(rows[0]).toEqual({ ids: AUTOMATIONS * 10, max: AUTOMATIONS * 10, backwards: 0 });
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
    // Whether the chunks are generated in worker threads or in this one.
    await seed(7, 0);
    expect(await fingerprint()).toBe(first);
    await seed(8);
    expect(await fingerprint()).not.toBe(first);
  }, 120_000);
});
