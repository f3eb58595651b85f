import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as review from "@/app/api/v1/automations/[id]/prerequisites/[prerequisiteId]/review/route";
import * as retire from "@/app/api/v1/automations/[id]/retire/route";
import * as one from "@/app/api/v1/automations/[id]/route";
import * as automations from "@/app/api/v1/automations/route";
import * as revoke from "@/app/api/v1/connectors/[id]/revoke/route";
import * as requests from "@/app/api/v1/requests/route";
import { findCountDifferences } from "@/lib/dashboard/server/verify-counts";
import { forgetLocalRateLimits } from "@/lib/http/server/rate-limit";
import { runKeyExpiry } from "@/lib/jobs/server/key-expiry";
import { insertConnector } from "@/lib/testing/factories";
import { decide } from "@/test/support/approvals";
import { newConnector } from "@/test/support/bodies";
import { buildCompany, type Company, type Person } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// dashboard_counts are kept by triggers in every writing transaction
// (docs/decisions/021-dashboard-counts-kept-by-triggers.md). Random sequences of every kind of
// write — through the API as people make them, by the jobs, and as direct SQL (fixtures, repairs,
// the benchmark's undo), some of them at the same time — and after each step the stored counts
// equal a recount written here, independently of the triggers' SQL, and `db:verify` agrees.

/** The dashboard's counts from the tables, spelled out without the database's own functions. */
const INDEPENDENT_RECOUNT = `
select "departmentId", metric, count(*)::int as n from (
  select "departmentId", 'automations' as metric from automations where status <> 'RETIRED'
  union all
  select "departmentId", 'automations:' || status from automations where status <> 'RETIRED'
  union all
  select "departmentId", 'without_owner' from automations where status <> 'RETIRED' and "ownerMissing" is not null
  union all
  select a."departmentId", 'with_findings' from automations a
   where a.status <> 'RETIRED'
     and exists (select 1 from inventory_findings f where f."automationId" = a.id and f."resolvedAt" is null)
  union all
  select p."departmentId", 'outstanding:' || p.type from prerequisites p
    join automations a on a.id = p."automationId"
   where a.status <> 'RETIRED' and p.status <> 'SATISFIED'
  union all
  select p."departmentId", 'outstanding' from prerequisites p
    join automations a on a.id = p."automationId"
   where a.status <> 'RETIRED' and p.status <> 'SATISFIED'
  union all
  select p."departmentId", 'declared_only' from prerequisites p
    join automations a on a.id = p."automationId"
   where a.status <> 'RETIRED' and p.status = 'SATISFIED' and p.basis = 'DECLARED'
  union all
  select p."departmentId", 'blocker:SERVICE:' || s.service from prerequisites p
    join automations a on a.id = p."automationId"
    join system_accesses s on s.id = p."systemAccessId"
   where a.status <> 'RETIRED' and p.status <> 'SATISFIED' and p.type = 'SHARED_KEY_CONNECTOR'
     and s.service is not null
  union all
  select p."departmentId", 'blocker:SYSTEM:' || substr(p.key, length(p.type::text) + 2) from prerequisites p
    join automations a on a.id = p."automationId"
   where a.status <> 'RETIRED' and p.status <> 'SATISFIED' and p.type in ('CREDENTIAL', 'WINDOWS_SIGN_IN')
     and p."systemAccessId" is not null
) x group by 1, 2 order by 1, 2`;

/** The company-wide counts as stored (their slots summed) and as the recount above sums them. */
const COMPANY_STORED = `select metric, sum(n)::int as n from dashboard_company_counts group by 1 having sum(n) <> 0 order by 1`;
const COMPANY_RECOUNT = `select metric, sum(n)::int as n from (${INDEPENDENT_RECOUNT}) x group by 1 order by 1`;

async function expectCountsExact(step: string) {
  const [stored, recounted, company, companyRecounted] = await Promise.all([
    pool().query(`select "departmentId", metric, n from dashboard_counts where n <> 0 order by 1, 2`),
    pool().query(INDEPENDENT_RECOUNT),
    pool().query(COMPANY_STORED),
    pool().query(COMPANY_RECOUNT),
  ]);
  expect(stored.rows, `after ${step}`).toEqual(recounted.rows);
  expect(company.rows, `company-wide after ${step}`).toEqual(companyRecounted.rows);
  expect(await findCountDifferences(), `db:verify after ${step}`).toEqual([]);
  const pending = await pool().query(
    "select (select count(*) from dashboard_count_deltas)::int as deltas, (select count(*) from dashboard_count_commits)::int as commits",
  );
  expect(pending.rows[0], "no change waits after its transaction").toEqual({ deltas: 0, commits: 0 });
}

let company: Company;
let makers: Person[];

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany();
  makers = [company.maker, company.colleague, company.salesMaker, company.hrMaker];
  await insertConnector({ name: "Payroll", service: "payroll", keyExpiresAt: inDays(30) });
});

const SYSTEMS = [
  { name: "ERP", location: "CLOUD", signInMethod: "SHARED_KEY", service: "sap-erp" },
  { name: "Payroll", location: "CLOUD", signInMethod: "SHARED_KEY", service: "payroll" },
  { name: "Billing", location: "CLOUD", signInMethod: "SHARED_KEY", service: "billing" },
  { name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" },
  { name: "Mainframe", location: "ON_PREMISES", signInMethod: "ENTRA_ID" },
  {
    name: "Online banking",
    location: "CLOUD",
    signInMethod: "USERNAME_PASSWORD",
    sso: false,
    credentialReference: {
      store: "AZURE_KEY_VAULT",
      name: "kv-finance/banking-bot",
      owner: "fiona.finance@preflight.test",
      rotatesAt: inDays(120).toISOString().slice(0, 10),
    },
  },
] as const;

const systemsArb = fc.subarray([...SYSTEMS], { minLength: 1 });

/** One write. `pick` chooses among the rows that exist when it runs (a fraction of their number). */
type Write =
  | { kind: "create"; maker: number; systems: (typeof SYSTEMS)[number][] }
  | { kind: "edit"; pick: number; systems: (typeof SYSTEMS)[number][] }
  | { kind: "retire"; pick: number }
  | { kind: "file"; pick: number }
  | { kind: "decide"; pick: number; approve: boolean }
  | { kind: "verify"; pick: number }
  | { kind: "revoke"; pick: number }
  | { kind: "expire"; days: number }
  | { kind: "move"; pick: number; department: number }
  | { kind: "finding"; pick: number; resolve: boolean }
  | { kind: "findings"; rows: Array<{ pick: number; subject: string; resolve: boolean }>; remove: boolean }
  | { kind: "owner"; pick: number; missing: boolean }
  | { kind: "unretire"; pick: number }
  | { kind: "delete"; pick: number }
  | { kind: "service"; pick: number; service: string }
  | { kind: "together"; writes: Write[] };

const pick = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const single: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("create"), maker: fc.nat(3), systems: systemsArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit"), pick, systems: systemsArb }) },
  fc.record({ kind: fc.constant("retire"), pick }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("file"), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("decide"), pick, approve: fc.boolean() }) },
  fc.record({ kind: fc.constant("verify"), pick }),
  fc.record({ kind: fc.constant("revoke"), pick }),
  fc.record({ kind: fc.constant("expire"), days: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ kind: fc.constant("move"), pick, department: fc.nat(2) }),
  fc.record({ kind: fc.constant("finding"), pick, resolve: fc.boolean() }),
  // Several findings in one statement, some automations with two: upserted or deleted.
  fc.record({
    kind: fc.constant("findings"),
    rows: fc.array(fc.record({ pick, subject: fc.constantFrom("", "second"), resolve: fc.boolean() }), {
      minLength: 1,
      maxLength: 5,
    }),
    remove: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("owner"), pick, missing: fc.boolean() }),
  fc.record({ kind: fc.constant("unretire"), pick }),
  fc.record({ kind: fc.constant("delete"), pick }),
  fc.record({ kind: fc.constant("service"), pick, service: fc.constantFrom("billing", "payroll", "crm") }),
) as fc.Arbitrary<Write>;
const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 5, arbitrary: single },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("together"),
      writes: fc.array(single, { minLength: 2, maxLength: 4 }),
    }),
  },
) as fc.Arbitrary<Write>;

function chosen<T>(rows: T[], at: number): T | undefined {
  return rows.length === 0 ? undefined : rows[Math.floor(at * rows.length)];
}

function ownerOf(ownerId: string): Person {
  return makers.find((maker) => maker.id === ownerId) ?? company.maker;
}

async function automationAt(at: number, where: object = {}) {
  const rows = await prisma.automation.findMany({
    where,
    orderBy: { id: "asc" },
    select: { id: true, version: true, ownerId: true },
  });
  return chosen(rows, at);
}

/** How many writes of each kind took effect: the sequences must really change things. */
const done = new Map<string, number>();

function took(kind: string, status = 200) {
  if (status < 300) done.set(kind, (done.get(kind) ?? 0) + 1);
}

/**
 * Direct SQL, as fixtures, repairs and the benchmark's undo write it, in one transaction. Two of
 * these at once may refuse each other: a row a concurrent write just deleted (23503), or a
 * deadlock — these writes do not take their locks in the product's order (automation first),
 * so deleting an automation while its findings are deleted deadlocks, and Postgres aborts one
 * (40P01). A refused write leaves nothing behind, which the count check after the step proves.
 */
async function direct(...statements: Array<[text: string, values?: unknown[]]>): Promise<boolean> {
  const client = await pool().connect();
  try {
    await client.query("begin");
    for (const [text, values] of statements) await client.query(text, values);
    await client.query("commit");
    return true;
  } catch (error) {
    await client.query("rollback");
    if (!REFUSALS.has((error as { code?: string }).code ?? "")) throw error;
    return false;
  } finally {
    client.release();
  }
}
const REFUSALS = new Set(["23503", "40P01"]);

async function apply(step: Write): Promise<void> {
  switch (step.kind) {
    case "create": {
      const maker = makers[step.maker]!;
      const { status } = await callRoute(automations.POST, "POST", "/api/v1/automations", {
        token: maker.token,
        body: {
          name: "Nightly sync",
          kind: "CLOUD_FLOW",
          runMode: "UNATTENDED",
          runAs: "svc",
          systems: step.systems,
        },
      });
      took(step.kind, status);
      return;
    }
    case "edit": {
      const target = await automationAt(step.pick, { status: { not: "RETIRED" } });
      if (!target) return;
      const { status } = await callRoute(one.PATCH, "PATCH", `/api/v1/automations/${target.id}`, {
        token: ownerOf(target.ownerId).token,
        body: { version: target.version, systems: step.systems },
        params: { id: target.id },
      });
      took(step.kind, status);
      return;
    }
    case "retire": {
      const target = await automationAt(step.pick, { status: { not: "RETIRED" } });
      if (!target) return;
      const { status } = await callRoute(retire.POST, "POST", `/api/v1/automations/${target.id}/retire`, {
        token: ownerOf(target.ownerId).token,
        body: { version: target.version },
        params: { id: target.id },
      });
      took(step.kind, status);
      return;
    }
    case "file": {
      const rows = await prisma.prerequisite.findMany({
        where: {
          status: "OUTSTANDING",
          type: "SHARED_KEY_CONNECTOR",
          automation: { status: { not: "RETIRED" } },
        },
        orderBy: { id: "asc" },
        select: { id: true, automationId: true, automation: { select: { ownerId: true } } },
      });
      const prerequisite = chosen(rows, step.pick);
      if (!prerequisite) return;
      const { status } = await callRoute(requests.POST, "POST", "/api/v1/requests", {
        token: ownerOf(prerequisite.automation.ownerId).token,
        body: {
          type: "SHARED_KEY_CONNECTOR",
          automationId: prerequisite.automationId,
          prerequisiteId: prerequisite.id,
          justification: "The nightly sync needs it",
          details: {
            vendor: "Billing Cloud",
            baseUrl: "https://api.billing.example.com",
            authScheme: "API_KEY_HEADER",
            scopes: ["read"],
            dataClassification: "INTERNAL",
          },
        },
      });
      took(step.kind, status);
      return;
    }
    case "decide": {
      const rows = await prisma.request.findMany({
        where: { status: "PENDING" },
        orderBy: { id: "asc" },
        select: { id: true, version: true },
      });
      const request = chosen(rows, step.pick);
      if (!request) return;
      const { status } = await decide(
        company.it.token,
        request.id,
        step.approve
          ? {
              decision: "APPROVE",
              reason: "Approved",
              version: request.version,
              connector: newConnector("ALL", { name: `Billing ${request.id.slice(0, 8)}` }),
            }
          : { decision: "REJECT", reason: "Not now", version: request.version },
      );
      took(step.kind, status);
      return;
    }
    case "verify": {
      const rows = await prisma.prerequisite.findMany({
        where: { status: "SATISFIED", basis: "DECLARED", automation: { status: { not: "RETIRED" } } },
        orderBy: { id: "asc" },
        select: { id: true, automationId: true },
      });
      const prerequisite = chosen(rows, step.pick);
      if (!prerequisite) return;
      const { status } = await callRoute(
        review.POST,
        "POST",
        `/api/v1/automations/${prerequisite.automationId}/prerequisites/${prerequisite.id}/review`,
        {
          token: company.it.token,
          body: { outcome: "VERIFIED" },
          params: { id: prerequisite.automationId, prerequisiteId: prerequisite.id },
        },
      );
      took(step.kind, status);
      return;
    }
    case "revoke": {
      const rows = await prisma.connector.findMany({
        where: { status: "APPROVED" },
        orderBy: { id: "asc" },
        select: { id: true },
      });
      const connector = chosen(rows, step.pick);
      if (!connector) return;
      const { status } = await callRoute(revoke.POST, "POST", `/api/v1/connectors/${connector.id}/revoke`, {
        token: company.it.token,
        body: { reason: "Key leaked in a ticket" },
        params: { id: connector.id },
      });
      took(step.kind, status);
      return;
    }
    case "expire":
      await runKeyExpiry({ now: inDays(step.days) });
      took(step.kind);
      return;
    case "move": {
      // A move as direct SQL writes it: the automation, then its prerequisites, in one transaction.
      const target = await automationAt(step.pick);
      if (!target) return;
      const department = [company.finance, company.sales, company.hr][step.department]!;
      if (
        await direct(
          ['update automations set "departmentId" = $2 where id = $1', [target.id, department.id]],
          [
            'update prerequisites set "departmentId" = $2 where "automationId" = $1',
            [target.id, department.id],
          ],
        )
      )
        took(step.kind);
      return;
    }
    case "finding": {
      const target = await automationAt(step.pick);
      if (!target) return;
      if (
        await direct([
          `insert into inventory_findings ("automationId", kind, subject, severity, category, message)
         values ($1, 'PLAIN_TEXT_PASSWORD', '', 'HIGH', 'LCNC-SEC-08', 'm')
         on conflict ("automationId", kind, subject) do update
           set "resolvedAt" = case when $2::boolean then now() else null end`,
          [target.id, step.resolve],
        ])
      )
        took(step.kind);
      return;
    }
    case "findings": {
      const all = await prisma.automation.findMany({ orderBy: { id: "asc" }, select: { id: true } });
      // One row per (automation, subject): an upsert may not touch a row twice.
      const rows = new Map<string, { id: string; subject: string; resolve: boolean }>();
      for (const row of step.rows) {
        const target = chosen(all, row.pick);
        if (target) rows.set(`${target.id} ${row.subject}`, { id: target.id, ...row });
      }
      if (rows.size === 0) return;
      // In key order, so that two of these at once cannot deadlock on each other's rows.
      const values = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
      const columns = [values.map((r) => r.id), values.map((r) => r.subject), values.map((r) => r.resolve)];
      if (
        await direct([
          step.remove
            ? `delete from inventory_findings f using unnest($1::uuid[], $2::text[], $3::boolean[]) as v(a, subject, resolve)
              where f."automationId" = v.a and f.kind = 'PLAIN_TEXT_PASSWORD' and f.subject = v.subject`
            : `insert into inventory_findings ("automationId", kind, subject, severity, category, message, "resolvedAt")
             select a, 'PLAIN_TEXT_PASSWORD', subject, 'HIGH', 'LCNC-SEC-08', 'm', case when resolve then now() end
               from unnest($1::uuid[], $2::text[], $3::boolean[]) as v(a, subject, resolve)
             on conflict ("automationId", kind, subject) do update set "resolvedAt" = excluded."resolvedAt"`,
          columns,
        ])
      )
        took(step.kind);
      return;
    }
    case "owner": {
      const target = await automationAt(step.pick);
      if (!target) return;
      if (
        await direct([
          step.missing
            ? `update automations set "ownerMissing" = 'LEFT', "ownerMissingSince" = now() where id = $1`
            : `update automations set "ownerMissing" = null where id = $1`,
          [target.id],
        ])
      )
        took(step.kind);
      return;
    }
    case "unretire": {
      // The benchmark's undo and repairs write statuses directly.
      const target = await automationAt(step.pick, { status: "RETIRED" });
      if (!target) return;
      if (
        await direct([
          `update automations set status = 'BLOCKED', "retiredAt" = null where id = $1`,
          [target.id],
        ])
      )
        took(step.kind);
      return;
    }
    case "delete": {
      const target = await automationAt(step.pick);
      if (!target) return;
      if (
        await direct(
          ['delete from requests where "automationId" = $1', [target.id]],
          ["delete from automations where id = $1", [target.id]],
        )
      )
        took(step.kind);
      return;
    }
    case "service": {
      // A system's service changed in place, as direct SQL writes it: its prerequisites keep
      // their rows, and what they wait on moves with the service.
      const { rows } = await pool().query<{ id: string }>(
        `select id from system_accesses where "signInMethod" = 'SHARED_KEY' order by id`,
      );
      const system = chosen(rows, step.pick);
      if (!system) return;
      if (await direct(["update system_accesses set service = $2 where id = $1", [system.id, step.service]]))
        took(step.kind);
      return;
    }
    case "together": {
      // Every write ends before the step does (Promise.all would leave the others running into
      // the next step, or the next run, when one throws).
      const results = await Promise.allSettled(step.writes.map(apply));
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      return;
    }
  }
}

describe("dashboard_counts", () => {
  // Each test makes its own requests: the property's hundreds (more when it shrinks a failure)
  // do not use up the next one's rate limit.
  beforeEach(forgetLocalRateLimits);

  it("equal a full recount after every step of random writes, some at the same time", async () => {
    await expectCountsExact("the company was built");
    // Every kind once, in an order where each can take effect; then random sequences.
    const everyKind: Write[] = [
      { kind: "create", maker: 0, systems: [SYSTEMS[2], SYSTEMS[5], SYSTEMS[4]] },
      { kind: "file", pick: 0 },
      { kind: "decide", pick: 0, approve: true },
      { kind: "verify", pick: 0 },
      { kind: "edit", pick: 0, systems: [SYSTEMS[0], SYSTEMS[3]] },
      { kind: "finding", pick: 0, resolve: false },
      {
        kind: "findings",
        rows: [
          { pick: 0, subject: "second", resolve: false },
          { pick: 0.5, subject: "", resolve: true },
        ],
        remove: false,
      },
      { kind: "owner", pick: 0, missing: true },
      { kind: "move", pick: 0, department: 1 },
      { kind: "revoke", pick: 0 },
      { kind: "retire", pick: 0 },
      { kind: "unretire", pick: 0 },
      { kind: "expire", days: 400 },
      { kind: "service", pick: 0, service: "crm" },
      { kind: "delete", pick: 0 },
    ];
    for (const step of everyKind) {
      await apply(step);
      await expectCountsExact(`${step.kind} (every kind once)`);
    }
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 10 }), async (writes) => {
        for (const [index, step] of writes.entries()) {
          await apply(step);
          await expectCountsExact(`step ${index + 1} (${step.kind})`);
        }
      }),
      { numRuns: 50 },
    );
    // Every kind of write took effect at least once (none was only refused or had nothing to act on).
    const kinds = ["create", "edit", "retire", "file", "decide", "verify", "revoke", "expire"] as const;
    const more = ["move", "finding", "findings", "owner", "unretire", "delete", "service"] as const;
    expect(Object.fromEntries([...kinds, ...more].map((kind) => [kind, (done.get(kind) ?? 0) > 0]))).toEqual(
      Object.fromEntries([...kinds, ...more].map((kind) => [kind, true])),
    );
  }, 600_000);

  it("a deleted automation, retired or not, takes exactly its counts with it", async () => {
    const created = await callRoute(automations.POST, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: {
        name: "Doomed",
        kind: "CLOUD_FLOW",
        runMode: "UNATTENDED",
        runAs: "svc",
        systems: [SYSTEMS[2]],
      },
    });
    expect(created.status).toBe(201);
    await pool().query("delete from automations where id = $1", [created.body.id]);
    await expectCountsExact("deleting an active automation");

    const other = await callRoute(automations.POST, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: {
        name: "Doomed too",
        kind: "CLOUD_FLOW",
        runMode: "UNATTENDED",
        runAs: "svc",
        systems: [SYSTEMS[2]],
      },
    });
    await pool().query(`update automations set status = 'RETIRED' where id = $1`, [other.body.id]);
    await pool().query("delete from automations where id = $1", [other.body.id]);
    await expectCountsExact("deleting a retired automation");
  });

  it("counts changed around a savepoint rolled back are applied once, at COMMIT", async () => {
    // The transaction's one row in dashboard_count_commits is written by its first statement
    // that queues deltas: inside the savepoint in the first case, before it in the second.
    for (const savepointFirst of [true, false]) {
      const client = await pool().connect();
      try {
        await client.query("begin");
        if (!savepointFirst)
          await client.query(`update automations set "ownerMissing" = 'LEFT' where status <> 'RETIRED'`);
        await client.query("savepoint s");
        await client.query(
          `update prerequisites set status = 'SATISFIED', basis = 'DECLARED' where status <> 'SATISFIED'`,
        );
        await client.query("rollback to savepoint s");
        await client.query(`update automations set "ownerMissing" = null where "ownerMissing" is not null`);
        await client.query("commit");
      } finally {
        client.release();
      }
      await expectCountsExact(
        `a savepoint rolled back ${savepointFirst ? "before" : "after"} the first count change`,
      );
    }
  });

  it("a write that is rolled back changes no count", async () => {
    const before = await pool().query(`select "departmentId", metric, n from dashboard_counts order by 1, 2`);
    const client = await pool().connect();
    try {
      await client.query("begin");
      await client.query(
        `update prerequisites set status = 'SATISFIED', basis = 'DECLARED' where status <> 'SATISFIED'`,
      );
      await client.query("rollback");
    } finally {
      client.release();
    }
    const after = await pool().query(`select "departmentId", metric, n from dashboard_counts order by 1, 2`);
    expect(after.rows).toEqual(before.rows);
  });
});

// A prerequisite counts while its automation is not retired. Whichever side changes the
// automation locks its prerequisites (retiring or bringing back: FOR SHARE; deleting: FOR
// UPDATE), so a prerequisite written at the same time is counted by exactly one of the two
// statements (migration 20261207000000_count_triggers_group_first). Each case holds one side
// open in its own transaction while the other runs, in both orders.
describe("dashboard_counts when an automation and its prerequisites change at the same time", () => {
  const CHANGES = {
    retire: `update automations set status = 'RETIRED', "retiredAt" = now() where id = $1`,
    unretire: `update automations set status = 'BLOCKED', "retiredAt" = null where id = $1`,
    delete: "delete from automations where id = $1",
  } as const;
  const PREREQUISITE_CHANGES = {
    update: `update prerequisites set status = 'SATISFIED', basis = 'DECLARED'
              where "automationId" = $1 and type = 'SHARED_KEY_CONNECTOR'`,
    delete: `delete from prerequisites where "automationId" = $1 and type = 'SHARED_KEY_CONNECTOR'`,
  } as const;

  async function automationWithPrerequisites(retired: boolean): Promise<string> {
    const created = await callRoute(automations.POST, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: {
        name: "Held open",
        kind: "CLOUD_FLOW",
        runMode: "UNATTENDED",
        runAs: "svc",
        systems: [SYSTEMS[2], SYSTEMS[4]],
      },
    });
    expect(created.status).toBe(201);
    if (retired) await pool().query(CHANGES.retire, [created.body.id]);
    return created.body.id;
  }

  /** Runs `first` in a transaction left open while `second` starts, then commits it. */
  async function overlapping(first: [string, string], second: [string, string]) {
    const held = await pool().connect();
    try {
      await held.query("begin");
      await held.query(first[0], [first[1]]);
      const other = pool().query(second[0], [second[1]]);
      // The second statement waits on the first's locks (or, without them, is done by now).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await held.query("commit");
      await other;
    } finally {
      held.release();
    }
  }

  for (const [change, sql] of Object.entries(CHANGES)) {
    for (const [prerequisiteChange, prerequisiteSql] of Object.entries(PREREQUISITE_CHANGES)) {
      const retired = change === "unretire";
      it(`${change} the automation while its prerequisites ${prerequisiteChange}, either first`, async () => {
        const a = await automationWithPrerequisites(retired);
        await overlapping([prerequisiteSql, a], [sql, a]);
        await expectCountsExact(`a prerequisite ${prerequisiteChange}, then ${change} the automation`);

        const b = await automationWithPrerequisites(retired);
        await overlapping([sql, b], [prerequisiteSql, b]);
        await expectCountsExact(`${change} the automation, then a prerequisite ${prerequisiteChange}`);
      });
    }
  }
});
