import type pg from "pg";
import type { Caller } from "@/lib/auth/server/caller";
import { findCountDifferences, repairCounts } from "@/lib/dashboard/server/verify-counts";
import type { Principal } from "./principals";
import { measureRevoke } from "./revoke";
import { percentile } from "./stats";

// What the dashboard counts cost the writes that keep them (issue "Speed at a million
// automations": not more than 10 % slower). The same writes over HTTP with the triggers on and
// off, interleaved (on, off, on, off …) so that a change of machine load hits both alike; the
// median of each. "Off" is the product before decision 021: the count triggers of migration
// 20261205162223_dashboard_counts disabled. The blocker triggers of 20261206003000_dashboard_blockers
// stay on in both states (a row written without them keeps a wrong blocker, which the next
// "on" write would pay to correct): their cost, one key lookup per shared-key row written, is
// in neither difference. Afterwards the triggers are enabled again and the counts rebuilt as
// `npm run db:verify -- --repair` does; the part fails if a difference remains.

/** [table, trigger]: every trigger that keeps dashboard_counts. */
export const DASHBOARD_TRIGGERS: ReadonlyArray<readonly [string, string]> = [
  ...["automations", "prerequisites", "inventory_findings"].flatMap((table) =>
    ["insert", "update", "delete", "truncate"].map((op) => [table, `${table}_count_${op}`] as const),
  ),
  ["dashboard_count_deltas", "dashboard_count_deltas_queue"],
  ["dashboard_count_commits", "dashboard_count_commits_apply"],
];

type Write = "create" | "decide" | "revoke";

export interface WriteCostResult {
  rounds: number;
  /** Write → { on, off } medians in ms and the difference in % of off. */
  writes: Record<
    Write,
    { on: number; off: number; differencePct: number; samples: { on: number[]; off: number[] } }
  >;
  /** Count differences found (and repaired) after the triggers were enabled again. */
  repairedDifferences: number;
  note?: string;
}

export async function measureWriteCost(options: {
  db: pg.Pool;
  databaseUrl: string;
  url: string;
  it: Principal;
  maker: Principal;
  caller: Caller;
  rounds: number;
}): Promise<WriteCostResult> {
  const { db } = options;
  const samples: Record<Write, { on: number[]; off: number[] }> = {
    create: { on: [], off: [] },
    decide: { on: [], off: [] },
    revoke: { on: [], off: [] },
  };
  const created: string[] = [];
  const requests = await pendingGatewayRequests(db, 2 * options.rounds);
  const gatewayId = (
    await db.query<{ id: string }>(`select id from gateways where status = 'ONLINE' order by id limit 1`)
  ).rows[0]?.id;
  await createAutomation(options.url, options.maker, "warm-up", created); // loads the route's modules
  let repairedDifferences = 0;
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      // on, off in even rounds, off, on in odd ones: neither state always goes first.
      const order = round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const);
      for (const state of order) {
        await setTriggers(db, state === "on");
        samples.create[state].push(
          await createAutomation(options.url, options.maker, `${round}-${state}`, created),
        );
        const request = requests.shift();
        if (request && gatewayId)
          samples.decide[state].push(await decide(options.url, options.it, request, gatewayId));
        const revoke = await measureRevoke({
          db,
          databaseUrl: options.databaseUrl,
          url: options.url,
          principal: options.it,
          caller: options.caller,
          httpOnly: true,
        });
        samples.revoke[state].push(revoke.httpMs);
      }
    }
  } finally {
    await setTriggers(db, true);
    if (created.length > 0) await db.query(`delete from automations where id = any($1::uuid[])`, [created]);
    repairedDifferences = (await repairCounts()).length;
  }
  const left = await findCountDifferences();
  if (left.length > 0)
    throw new Error(`dashboard counts still differ after the repair: ${JSON.stringify(left)}`);

  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  const writes = Object.fromEntries(
    (Object.keys(samples) as Write[]).map((write) => {
      const on = median(samples[write].on);
      const off = median(samples[write].off);
      return [
        write,
        { on, off, differencePct: Math.round((1000 * (on - off)) / off) / 10, samples: samples[write] },
      ];
    }),
  ) as WriteCostResult["writes"];
  return {
    rounds: options.rounds,
    writes,
    repairedDifferences,
    ...(samples.decide.on.length < options.rounds
      ? { note: "too few pending gateway requests to decide" }
      : {}),
  };
}

async function setTriggers(db: pg.Pool, enabled: boolean): Promise<void> {
  const client = await db.connect();
  try {
    await client.query("begin");
    for (const [table, trigger] of DASHBOARD_TRIGGERS) {
      await client.query(`alter table ${table} ${enabled ? "enable" : "disable"} trigger ${trigger}`);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

/** A cloud flow with three systems, as the wizard sends it; ms to its answer. */
async function createAutomation(
  url: string,
  maker: Principal,
  tag: string,
  created: string[],
): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/automations`, {
    method: "POST",
    headers: { cookie: maker.cookie, origin: url, "content-type": "application/json" },
    body: JSON.stringify({
      name: `Benchmark write cost ${tag}`,
      description: "Created and deleted by the benchmark's write-cost part.",
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      runAs: "Finance team (Entra group)",
      systems: [
        { name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" },
        { name: "ERP", location: "ON_PREMISES", signInMethod: "SHARED_KEY", service: "SAP-ERP" },
      ],
    }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok)
    throw new Error(`POST /api/v1/automations answered ${response.status}: ${text.slice(0, 300)}`);
  created.push((JSON.parse(text) as { id: string }).id);
  return Math.round(ms * 10) / 10;
}

async function decide(
  url: string,
  it: Principal,
  request: { id: string; version: number },
  gatewayId: string,
): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/requests/${request.id}/decision`, {
    method: "POST",
    headers: { cookie: it.cookie, origin: url, "content-type": "application/json" },
    body: JSON.stringify({
      decision: "APPROVE",
      reason: "Benchmark: the gateway is registered.",
      version: request.version,
      gatewayId,
    }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`decision answered ${response.status}: ${text.slice(0, 300)}`);
  return Math.round(ms * 10) / 10;
}

async function pendingGatewayRequests(db: pg.Pool, n: number) {
  const { rows } = await db.query<{ id: string; version: number }>(
    `select id, version from requests where type = 'GATEWAY' and status = 'PENDING'
      order by "createdAt" desc, id limit $1`,
    [n],
  );
  return rows;
}
