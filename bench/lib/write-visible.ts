import type pg from "pg";
import type { Principal } from "./principals";
import { percentile } from "./stats";

// From a write to the company dashboard showing it: an IT approver approves a pending gateway
// request over HTTP (POST /api/v1/requests/:id/decision, as the product's page does), then the
// company summary (GET /api/v1/dashboard/summary) is asked again and again, as fast as one
// client can, until its pending-request count has dropped by one. Nothing is cached — the
// counts are kept by triggers in the writing transaction (decision 021) — so the expected
// figure is one round trip of the summary.
//
// The approvals are kept (an approval cannot be undone through the product): each run uses
// pending gateway requests that the seed created, the oldest first, and says so when none is
// left (re-seed then). Nothing else in the run reads them after this part; the revocation,
// which runs last, concerns a connector and its shared-key automations only.

export interface WriteVisibleResult {
  writes: number;
  /** From the decision's answer to the first summary answer that shows it. */
  visibleMs: { min: number; median: number; max: number } | null;
  /** Summary requests per write, the one that showed it included (1 = shown at once). */
  polls: number[];
  decisionMs: number[];
  note?: string;
}

const GIVE_UP_MS = 10_000;
const REASON = "Benchmark: the gateway is registered and healthy.";

export async function measureWriteVisible(options: {
  db: pg.Pool;
  url: string;
  principal: Principal;
  writes: number;
}): Promise<WriteVisibleResult> {
  const { db, url, principal } = options;
  const requests = await pendingGatewayRequests(db, options.writes);
  const gatewayId = await anyGateway(db);
  if (requests.length === 0 || !gatewayId) {
    return {
      writes: 0,
      visibleMs: null,
      polls: [],
      decisionMs: [],
      note: "no pending gateway request left: re-seed",
    };
  }
  const headers = { cookie: principal.cookie, origin: url, "content-type": "application/json" };
  const pendingNow = async () => {
    const response = await fetch(`${url}/api/v1/dashboard/summary`, {
      headers: { cookie: principal.cookie },
    });
    if (!response.ok) throw new Error(`GET /api/v1/dashboard/summary answered ${response.status}`);
    return ((await response.json()) as { requests: { pending: number } }).requests.pending;
  };
  await pendingNow(); // the route's modules are loaded before anything is timed

  const visible: number[] = [];
  const polls: number[] = [];
  const decisionMs: number[] = [];
  for (const request of requests) {
    const before = await pendingNow();
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/requests/${request.id}/decision`, {
      method: "POST",
      headers,
      body: JSON.stringify({ decision: "APPROVE", reason: REASON, version: request.version, gatewayId }),
    });
    const text = await response.text();
    const answered = performance.now();
    if (!response.ok) throw new Error(`decision answered ${response.status}: ${text.slice(0, 300)}`);
    decisionMs.push(Math.round(answered - started));
    let n = 0;
    for (;;) {
      n += 1;
      if ((await pendingNow()) === before - 1) break;
      if (performance.now() - answered > GIVE_UP_MS) {
        throw new Error(`the dashboard did not show an approval within ${GIVE_UP_MS} ms`);
      }
    }
    visible.push(performance.now() - answered);
    polls.push(n);
  }
  const sorted = [...visible].sort((a, b) => a - b);
  return {
    writes: visible.length,
    visibleMs: {
      min: round1(sorted[0]!),
      median: round1(percentile(sorted, 0.5)),
      max: round1(sorted.at(-1)!),
    },
    polls,
    decisionMs,
    ...(requests.length < options.writes
      ? { note: `only ${requests.length} pending gateway requests left` }
      : {}),
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function pendingGatewayRequests(db: pg.Pool, n: number) {
  const { rows } = await db.query<{ id: string; version: number }>(
    `select id, version from requests where type = 'GATEWAY' and status = 'PENDING'
      order by "createdAt", id limit $1`,
    [n],
  );
  return rows;
}

async function anyGateway(db: pg.Pool): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from gateways where status = 'ONLINE' order by id limit 1`,
  );
  return rows[0]?.id ?? null;
}
