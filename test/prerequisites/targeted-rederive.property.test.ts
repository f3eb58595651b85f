import fc from "fast-check";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { rederiveServiceSlice } from "@/lib/prerequisites/server/rederive-slice";
import { insertAutomation, insertConnector, insertRequest, type SystemSpec } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { daysAgo, inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// A catalog change (a connector revoked, expired, re-shared, renewed or added) re-derives only
// the shared-key prerequisites of its services (lib/prerequisites/server/rederive-slice.ts).
// On random companies, after random catalog changes, that targeted re-derivation leaves exactly
// what a full re-derivation of the same automations leaves: the prerequisites' rows, the
// automations' statuses, the audit events and the status changes reported. Both run in one
// transaction, the targeted one inside a savepoint that is rolled back before the full one.

const SERVICES = ["sap-erp", "crm", "billing"] as const;
type DepartmentKey = "finance" | "sales" | "hr";
const DEPARTMENTS: DepartmentKey[] = ["finance", "sales", "hr"];
const CAUSE = "test.catalog-change";

const sharingArb = fc.oneof(
  fc.constant({ sharing: "ALL" as const, departments: [] as DepartmentKey[] }),
  fc.record({
    sharing: fc.constant("DEPARTMENTS" as const),
    departments: fc.subarray(DEPARTMENTS),
  }),
);

const connectorArb = fc.record({
  service: fc.constantFrom(...SERVICES),
  status: fc.constantFrom("APPROVED", "APPROVED", "REVOKED", "EXPIRED"),
  expiresInDays: fc.constantFrom(-3, 5, 30, 200),
  share: sharingArb,
  byIt: fc.boolean(),
});

// Names collide on purpose ("ERP" and "erp" give the keys …:erp and …:erp#2).
const sharedKeySystemArb = fc.record({
  name: fc.constantFrom("ERP", "erp", "CRM", "Billing"),
  service: fc.constantFrom(...SERVICES),
});
const otherSystemArb = fc.constantFrom<SystemSpec>(
  { name: "SharePoint", signInMethod: "ENTRA_ID" },
  { name: "Online banking", signInMethod: "USERNAME_PASSWORD" },
  {
    name: "Bank portal",
    signInMethod: "USERNAME_PASSWORD",
    credential: { store: "AZURE_KEY_VAULT", name: "kv/bank", owner: "Finance IT", rotatesAt: inDays(90) },
  },
);

const automationArb = fc.record({
  department: fc.constantFrom(...DEPARTMENTS),
  kind: fc.constantFrom("CLOUD_FLOW", "API_INTEGRATION"),
  sharedKeys: fc.array(sharedKeySystemArb, { minLength: 1, maxLength: 3 }),
  others: fc.array(otherSystemArb, { maxLength: 2 }),
  // Per shared-key system, in order: no request, or the requests filed for its key.
  requests: fc.array(
    fc.array(
      fc.record({
        status: fc.constantFrom("PENDING", "APPROVED", "REJECTED", "WITHDRAWN"),
        daysAgo: fc.integer({ min: 1, max: 30 }),
      }),
      { maxLength: 2 },
    ),
    { maxLength: 3 },
  ),
  retired: fc.boolean(),
});

/** What IT does to the catalog; `on` picks a connector (modulo their number) or a service. */
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant("revoke" as const), on: fc.nat() }),
  fc.record({ kind: fc.constant("expire" as const), on: fc.nat() }),
  fc.record({ kind: fc.constant("lapse" as const), on: fc.nat() }),
  fc.record({ kind: fc.constant("renew" as const), on: fc.nat() }),
  fc.record({ kind: fc.constant("share" as const), on: fc.nat(), share: sharingArb }),
  fc.record({
    kind: fc.constant("add" as const),
    service: fc.constantFrom(...SERVICES),
    share: sharingArb,
    byIt: fc.boolean(),
  }),
);

const scenarioArb = fc.record({
  connectors: fc.array(connectorArb, { maxLength: 4 }),
  automations: fc.array(automationArb, { minLength: 1, maxLength: 6 }),
  changes: fc.array(changeArb, { minLength: 1, maxLength: 2 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

let company: Omit<Company, "erpConnector">;

beforeAll(async () => {
  await resetDatabase();
  company = await buildCompany({ erpConnector: false });
});

async function buildScenario(scenario: Scenario) {
  const departmentId = (key: DepartmentKey) => company[key].id;
  const owner = { finance: company.maker, sales: company.salesMaker, hr: company.hrMaker };
  const connectors = [];
  for (const [i, c] of scenario.connectors.entries()) {
    connectors.push(
      await insertConnector({
        name: `Connector ${i}`,
        service: c.service,
        status: c.status as "APPROVED" | "REVOKED" | "EXPIRED",
        keyExpiresAt: inDays(c.expiresInDays),
        sharing: c.share.sharing,
        departmentIds: c.share.departments.map(departmentId),
        createdById: c.byIt ? company.it.id : null,
      }),
    );
  }
  const ids: string[] = [];
  for (const [i, a] of scenario.automations.entries()) {
    const automation = await insertAutomation({
      name: `Automation ${i}`,
      kind: a.kind as "CLOUD_FLOW" | "API_INTEGRATION",
      runAs: "Team",
      ownerId: owner[a.department].id,
      departmentId: departmentId(a.department),
      // A system's name is unique within its automation (exactly: "ERP" and "erp" are two).
      systems: [
        ...a.sharedKeys.map((s): SystemSpec => ({ ...s, signInMethod: "SHARED_KEY" })),
        ...a.others,
      ].filter((s, i, all) => all.findIndex((t) => t.name === s.name) === i),
    });
    ids.push(automation.id);
    const keys = (
      await prisma.prerequisite.findMany({
        where: { automationId: automation.id, type: "SHARED_KEY_CONNECTOR" },
        orderBy: { key: "asc" },
        select: { key: true },
      })
    ).map((p) => p.key);
    for (const [k, filed] of a.requests.entries()) {
      const key = keys[k];
      if (!key) continue;
      for (const r of filed) {
        await insertRequest({
          automationId: automation.id,
          prerequisiteKey: key,
          type: "SHARED_KEY_CONNECTOR",
          requesterId: owner[a.department].id,
          status: r.status as "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN",
          decidedById: company.it.id,
          decisionReason: "Decided in the test.",
          createdAt: daysAgo(r.daysAgo),
        });
      }
    }
    if (a.retired) {
      await prisma.$transaction(async (tx) => {
        await tx.automation.update({
          where: { id: automation.id },
          data: { status: "RETIRED", retiredAt: new Date() },
        });
        await rederiveAutomations(tx, [automation.id], {
          actor: SYSTEM_ACTOR("test"),
          cause: "automation.retired",
        });
      });
    }
  }
  return { connectors, ids };
}

/** Applies the catalog changes in SQL, as the services do; returns the services they touch. */
async function applyChanges(
  tx: pg.ClientBase,
  scenario: Scenario,
  connectors: ReadonlyArray<{ id: string; service: string }>,
): Promise<Set<string>> {
  const services = new Set<string>();
  const departmentIds = (keys: DepartmentKey[]) => keys.map((key) => company[key].id);
  const setSharing = async (id: string, share: { sharing: string; departments: DepartmentKey[] }) => {
    await tx.query(`update connectors set sharing = $2::"ConnectorSharing" where id = $1`, [
      id,
      share.sharing,
    ]);
    await tx.query(`delete from connector_departments where "connectorId" = $1`, [id]);
    await tx.query(
      `insert into connector_departments ("connectorId", "departmentId") select $1, unnest($2::uuid[])`,
      [id, departmentIds(share.departments)],
    );
  };
  for (const change of scenario.changes) {
    if (change.kind === "add") {
      const { rows } = await tx.query<{ id: string }>(
        `insert into connectors (name, service, "ownerTeam", "keyReference", "keyExpiresAt", status, sharing, "createdById", "updatedAt")
         values ('Added', $1, 'IT Integration', 'https://kv.vault.azure.net/secrets/added', $2, 'APPROVED', 'ALL', $3, now())
         returning id`,
        [change.service, inDays(60), change.byIt ? company.it.id : null],
      );
      await setSharing(rows[0]!.id, change.share);
      services.add(change.service);
      continue;
    }
    const connector = connectors[change.on % Math.max(connectors.length, 1)];
    if (!connector) continue;
    services.add(connector.service);
    if (change.kind === "revoke")
      await tx.query(`update connectors set status = 'REVOKED' where id = $1`, [connector.id]);
    if (change.kind === "expire")
      await tx.query(`update connectors set status = 'EXPIRED' where id = $1`, [connector.id]);
    // The key's date passed before the job marked it EXPIRED.
    if (change.kind === "lapse")
      await tx.query(`update connectors set "keyExpiresAt" = $2 where id = $1`, [connector.id, daysAgo(1)]);
    if (change.kind === "renew")
      await tx.query(`update connectors set status = 'APPROVED', "keyExpiresAt" = $2 where id = $1`, [
        connector.id,
        inDays(120),
      ]);
    if (change.kind === "share") await setSharing(connector.id, change.share);
  }
  return services;
}

/** Everything a re-derivation writes for the automations, in a comparable order. */
async function snapshot(tx: pg.ClientBase, ids: readonly string[]) {
  const [prerequisites, automations, audit] = await Promise.all([
    tx.query(
      `select "automationId", key, type::text, status::text, "satisfiedBy", "connectorId", "gatewayId", reason,
              basis::text, "basisById", "basisAt", "departmentId", "systemAccessId"
         from prerequisites where "automationId" = any($1::uuid[]) order by 1, 2`,
      [ids],
    ),
    tx.query(`select id, status::text from automations where id = any($1::uuid[]) order by id`, [ids]),
    tx.query(
      `select "entityId", before, after from audit_events
        where action = 'automation.rederived' and before->>'cause' = $1 order by "entityId"`,
      [CAUSE],
    ),
  ]);
  return { prerequisites: prerequisites.rows, automations: automations.rows, audit: audit.rows };
}

async function dependentsOf(tx: pg.ClientBase, services: Set<string>): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select distinct "automationId" as id from system_accesses
      where "signInMethod" = 'SHARED_KEY' and service = any($1::text[])`,
    [[...services]],
  );
  return rows.map((row) => row.id);
}

async function cleanUp() {
  await prisma.$executeRaw`delete from automations`;
  await prisma.$executeRaw`delete from connectors`;
}

describe("targeted re-derivation of a catalog change", () => {
  it("leaves what a full re-derivation of the same automations leaves, on random companies", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { connectors, ids } = await buildScenario(scenario);
        const tx = await pool().connect();
        try {
          await tx.query("begin");
          const services = await applyChanges(tx, scenario, connectors);
          const dependents = await dependentsOf(tx, services);
          const options = { actor: SYSTEM_ACTOR("test"), cause: CAUSE, now: new Date() };

          await tx.query("savepoint targeted");
          const targeted = await rederiveServiceSlice(tx, [...services], dependents, options);
          const afterTargeted = await snapshot(tx, ids);
          await tx.query("rollback to savepoint targeted");
          const full = await rederiveAutomations(tx, dependents, options);
          const afterFull = await snapshot(tx, ids);

          expect(afterTargeted).toEqual(afterFull);
          const byId = (a: { automationId: string }, b: { automationId: string }) =>
            a.automationId < b.automationId ? -1 : 1;
          expect([...targeted.statusChanges].sort(byId)).toEqual([...full.statusChanges].sort(byId));
          expect(targeted.automations).toBe(full.automations);
        } finally {
          await tx.query("rollback");
          tx.release();
          await cleanUp();
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
