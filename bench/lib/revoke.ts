import type pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { revokeConnector } from "@/lib/catalog/server/revoke-connector";
import { prisma } from "@/lib/db";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { captureStatements, timeOnce } from "./direct";
import type { Principal } from "./principals";
import { BENCH_ACCOUNTS, REVOKE_CONNECTOR_NAME, REVOKE_SERVICE } from "./scale";

// Revoking the connector that a tenth of the company relies on: once over HTTP, timed, then
// proven to have been one transaction (every row it wrote carries the same xmin), then undone
// so that the next run finds the same data. The direct reference replays the statements the
// service sends, captured from an in-process call, inside a transaction that is rolled back.

export interface RevokeResult {
  dependents: number;
  httpMs: number;
  status: number;
  impact: unknown;
  /** Distinct transactions among the rows the revocation wrote (1 = one transaction). */
  transactions: number;
  rowsWritten: number;
  statements: number;
  inProcessMs: number;
  directSqlMs: number;
  restoreMs: number;
}

const REASON = "Benchmark: key rotated after a security review.";

export async function measureRevoke(options: {
  db: pg.Pool;
  databaseUrl: string;
  url: string;
  principal: Principal;
  caller: Caller;
  /** Only the HTTP revocation (and its undoing): the write-cost part times nothing else. */
  httpOnly?: boolean;
}): Promise<RevokeResult> {
  const { db } = options;
  const connector = await findConnector(db);
  const dependents = await dependentIds(db);
  if (connector.status !== "APPROVED") await restore(connector.id, dependents, new Date(0));

  const post = (body: unknown) =>
    fetch(`${options.url}/api/v1/connectors/${connector.id}/revoke`, {
      method: "POST",
      headers: { cookie: options.principal.cookie, origin: options.url, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  // As IT does it: the connector's page and its blast radius first (GET the connector and
  // /impact), then the confirmation. That also loads the routes' modules, as a refused call
  // (400, nothing written) does for the revoke route itself.
  for (const path of [
    `/api/v1/connectors/${connector.id}`,
    `/api/v1/connectors/${connector.id}/impact?action=revoke`,
  ]) {
    const response = await fetch(`${options.url}${path}`, { headers: { cookie: options.principal.cookie } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    await response.text();
  }
  await (await post({})).text();

  const since = await dbNow(db);
  const started = performance.now();
  const response = await post({ reason: REASON });
  const body = (await response.json()) as { impact?: unknown; error?: { message: string } };
  const httpMs = performance.now() - started;
  if (!response.ok) throw new Error(`revoke answered ${response.status}: ${body.error?.message ?? ""}`);
  const written = await transactionsSince(db, connector.id, dependents, since);

  const restoreStarted = performance.now();
  await restore(connector.id, dependents, since);
  const restoreMs = performance.now() - restoreStarted;
  const result = {
    dependents: dependents.length,
    httpMs: Math.round(httpMs),
    status: response.status,
    impact: body.impact,
    transactions: written.transactions,
    rowsWritten: written.rows,
    restoreMs: Math.round(restoreMs),
  };
  if (options.httpOnly) return { ...result, statements: 0, inProcessMs: 0, directSqlMs: 0 };

  // The same revocation in this process, with its statements captured; undone again.
  const capturedSince = await dbNow(db);
  const inProcessStarted = performance.now();
  const { statements } = await captureStatements(() =>
    revokeConnector({ caller: options.caller, id: connector.id, reason: REASON }),
  );
  const inProcessMs = performance.now() - inProcessStarted;
  await restore(connector.id, dependents, capturedSince);
  const directSqlMs = await timeOnce(options.databaseUrl, statements, true);

  return {
    ...result,
    statements: statements.filter((s) => !/^\s*(begin|commit)\b/i.test(s.text)).length,
    inProcessMs: Math.round(inProcessMs),
    directSqlMs: Math.round(directSqlMs),
  };
}

/**
 * The benchmark's connector, approved again if an earlier run left it revoked, its dependents,
 * and the IT person who revokes it (as a caller, for revoking in this process).
 */
export async function prepareRevocation(db: pg.Pool) {
  const connector = await findConnector(db);
  const dependents = await dependentIds(db);
  if (connector.status !== "APPROVED") await restore(connector.id, dependents, new Date(0));
  const it = (await db.query<{ id: string }>(`select id from users where email = $1`, [BENCH_ACCOUNTS.it]))
    .rows[0];
  const caller = it && (await loadCaller(it.id, "session"));
  if (!caller) throw new Error("No benchmark IT person: run npm run bench:seed first.");
  return { connector, dependents, caller };
}

export async function findConnector(db: pg.Pool) {
  const { rows } = await db.query<{ id: string; status: string }>(
    `select id, status::text from connectors where name = $1`,
    [REVOKE_CONNECTOR_NAME],
  );
  if (!rows[0]) throw new Error(`No connector "${REVOKE_CONNECTOR_NAME}": run npm run bench:seed first.`);
  return rows[0];
}

export async function dependentIds(db: pg.Pool): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select distinct "automationId" as id from system_accesses where "signInMethod" = 'SHARED_KEY' and service = $1`,
    [REVOKE_SERVICE],
  );
  return rows.map((row) => row.id);
}

export async function dbNow(db: pg.Pool): Promise<Date> {
  return (await db.query<{ now: Date }>("select clock_timestamp() as now")).rows[0]!.now;
}

/** Every row the revocation wrote, and how many distinct transactions wrote them. */
export async function transactionsSince(
  db: pg.Pool,
  connectorId: string,
  automationIds: string[],
  since: Date,
) {
  const { rows } = await db.query<{ transactions: number; rows: number }>(
    `with written as (
       select xmin::text as x from connectors where id = $1
       union all select xmin::text from prerequisites where "connectorId" = $1 and "updatedAt" >= $2
       union all select xmin::text from automations where id = any($3::uuid[]) and "updatedAt" >= $2
       union all select xmin::text from audit_events
                  where "createdAt" >= $2 and action in ('connector.revoked', 'automation.rederived')
       union all select xmin::text from notifications where kind = 'connector.revoked' and "createdAt" >= $2)
     select count(distinct x)::int as transactions, count(*)::int as rows from written`,
    [connectorId, since, automationIds],
  );
  return rows[0]!;
}

/** Un-revokes in SQL and re-derives the dependents, as the product would for a change of facts. */
export async function restore(connectorId: string, dependents: string[], since: Date): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        update connectors set status = 'APPROVED', "revokedAt" = null, version = version + 1, "updatedAt" = now()
         where id = ${connectorId}::uuid`;
      await rederiveAutomations(tx, dependents, {
        actor: SYSTEM_ACTOR("benchmark restore"),
        cause: "benchmark.restore",
      });
      // The owners were told of a revocation that never happened for real.
      await tx.$executeRaw`delete from notifications where kind = 'connector.revoked' and "createdAt" >= ${since}`;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
