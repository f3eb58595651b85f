import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { env } from "@/lib/env";
import { errorBody, notFound, unauthenticated } from "@/lib/http/errors";

// Prometheus metrics of this process, served at /api/metrics (docs/operations.md says what
// each means). Labels are bounded: route patterns, never raw paths or ids.

interface Metrics {
  registry: Registry;
  requestDuration: Histogram<"method" | "route" | "status">;
  jobRuns: Counter<"job" | "outcome">;
  rederive: Histogram<"cause">;
  outboxPending: Gauge;
}

const globalForMetrics = globalThis as unknown as {
  preflightMetrics?: Metrics;
  preflightPoolStats?: () => { total: number; idle: number; waiting: number } | undefined;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: "preflight_http_request_duration_seconds",
    help: "Request duration (API routes until the answer's headers, pages until the last byte), by route pattern, method and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "preflight_job_runs_total",
    help: "Background job runs by job and outcome (ok, failed)",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const pool = (read: (stats: { total: number; idle: number; waiting: number }) => number) =>
    function (this: Gauge) {
      const stats = globalForMetrics.preflightPoolStats?.();
      if (stats) this.set(read(stats));
    };
  new Gauge({
    name: "preflight_db_pool_connections_in_use",
    help: "Connections of the app's pool checked out by a query or transaction",
    registers: [registry],
    collect: pool((stats) => stats.total - stats.idle),
  });
  new Gauge({
    name: "preflight_db_pool_connections_open",
    help: "Connections the app's pool holds open (in use and idle)",
    registers: [registry],
    collect: pool((stats) => stats.total),
  });
  new Gauge({
    name: "preflight_db_pool_waiting",
    help: "Queries waiting for a connection of the app's pool",
    registers: [registry],
    collect: pool((stats) => stats.waiting),
  });
  const rederive = new Histogram({
    name: "preflight_rederive_duration_seconds",
    help: "Time to derive again the prerequisites of the automations one change touches, by the change's cause",
    labelNames: ["cause"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const outboxPending = new Gauge({
    name: "preflight_outbox_pending",
    help: "E-mails waiting in the outbox, as this instance's last outbox run counted them",
    registers: [registry],
  });
  return { registry, requestDuration, jobRuns, rederive, outboxPending };
}

export function metrics(): Metrics {
  globalForMetrics.preflightMetrics ??= createMetrics();
  return globalForMetrics.preflightMetrics;
}

/** Called by lib/db.ts when its pool exists, so that reading metrics never opens one. */
export function reportPoolStats(read: () => { total: number; idle: number; waiting: number }): void {
  globalForMetrics.preflightPoolStats = read;
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  metrics().requestDuration.observe({ method, route, status: String(status) }, seconds);
}

export function countJobRun(job: string, outcome: "ok" | "failed"): void {
  metrics().jobRuns.inc({ job, outcome });
}

/** One re-derivation's time; `cause` is the code's own name of the change (a bounded set). */
export function observeRederive(cause: string, seconds: number): void {
  metrics().rederive.observe({ cause }, seconds);
}

export function reportOutboxPending(pending: number): void {
  metrics().outboxPending.set(pending);
}

const NO_STORE = { "cache-control": "no-store" };

/**
 * The metrics in Prometheus' text format. Without METRICS_TOKEN the route does not exist (404,
 * as for any unknown route); with it, only `Authorization: Bearer <METRICS_TOKEN>` is answered.
 * Never touches the database.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const expected = env().METRICS_TOKEN;
  if (!expected) return NextResponse.json(errorBody(notFound("Route")), { status: 404, headers: NO_STORE });
  const sent = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  if (!sameSecret(sent, expected)) {
    return NextResponse.json(errorBody(unauthenticated("Send the metrics token as a bearer token.")), {
      status: 401,
      headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="preflight-metrics"' },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, ...NO_STORE },
  });
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
