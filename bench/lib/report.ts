import { readFileSync, writeFileSync } from "node:fs";
import type { InterleavedConstant } from "./interleaved";
import type { RevokeResult } from "./revoke";
import type { RunStats } from "./stats";
import type { WriteCostResult } from "./write-cost";
import type { WriteVisibleResult } from "./write-visible";

// bench/results.json and the generated part of BENCHMARKS.md (between the markers; the
// rest of that file — method, findings, query plans — is written by people).

export const START_MARKER = "<!-- bench:results:start (written by npm run bench; do not edit by hand) -->";
export const END_MARKER = "<!-- bench:results:end -->";

export interface Measured {
  /** Connections → figures. */
  endpoint: Record<string, RunStats>;
  direct: Record<string, RunStats> | null;
  peakRssMb: number;
  /** Connections → the constant route measured just before and after this scenario. */
  constant?: Record<string, InterleavedConstant>;
}

export interface ScenarioResult {
  id: string;
  title: string;
  path: string;
  auth: "session" | "token";
  account: string;
  available: boolean;
  note?: string;
  /** An error answer (a failure of the run, unlike a route that does not exist yet). */
  error?: string;
  statements?: number;
  measured?: Measured;
}

export interface ExportResult {
  available: boolean;
  path: string;
  note?: string;
  error?: string;
  runs?: Array<{
    seconds: number;
    firstByteMs: number;
    rows: number;
    megabytes: number;
    rssGrowthMb: number;
  }>;
  directSeconds?: number | null;
}

export interface Target {
  id: string;
  text: string;
  limit: string;
  measured: string;
  pass: boolean | null;
}

export interface Results {
  mode: "full" | "small";
  startedAt: string;
  finishedAt: string;
  secondsPerRun: number;
  machine: Record<string, string | number>;
  postgres: Record<string, string>;
  dataSet: { rows: Record<string, number>; seed: unknown };
  server: { baselineRssMb: number; peakRssMb: number; poolSize: number };
  constant: Record<string, RunStats>;
  scenarios: ScenarioResult[];
  export: ExportResult;
  /** Absent in results written before this part existed. */
  writeVisible?: WriteVisibleResult | null;
  /** The writes with the dashboard-count triggers on and off (absent when not run). */
  writeCost?: WriteCostResult | null;
  revoke: RevokeResult | null;
  targets: Target[];
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

const n = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en", { maximumFractionDigits: digits });

export function renderMarkdown(results: Results): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `**Run of ${results.finishedAt.slice(0, 16).replace("T", " ")} UTC** — ${m.cpus} × ${m.cpuModel}, ` +
      `${m.memoryGb} GB memory, ${m.os} (single-core speed index ${m.cpuSpeedIndexMs} ms: 10⁸ additions in Node, ` +
      `~100 ms on a current desktop core); Node ${m.node}; ${results.postgres.version} ` +
      `(shared_buffers ${results.postgres.shared_buffers}, work_mem ${results.postgres.work_mem}); ` +
      `load from autocannon ${m.autocannon} on the same machine; ${results.secondsPerRun} s per measurement; ` +
      `1-minute load average ${m.loadAverageBefore} before the run, ${m.loadAverageAfter} after.`,
    "",
  );
  const rows = results.dataSet.rows;
  const seed = results.dataSet.seed as { seconds?: { total: number } } | null;
  out.push(
    "| data set | rows |",
    "|---|---:|",
    ...Object.entries(rows).map(([table, count]) => `| ${table} | ${n(count, 0)} |`),
    `| **bench:seed time** | ${seed?.seconds ? `${n(seed.seconds.total)} s` : "–"} |`,
    "",
  );

  out.push(
    "| scenario | clients | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req | direct SQL p50 / p95 ms | direct SQL req/s | endpoint ÷ SQL (p95) | % of interleaved constant req/s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const [clients, stats] of Object.entries(results.constant)) {
    out.push(
      `| Constant JSON route (web-tier ceiling) | ${clients} | ${n(stats.p50)} | ${n(stats.p95)} | ${n(stats.p99)} | ${n(stats.rps, 0)} | ${n(stats.serverCpuMs, 2)} | – | – | – | 100 % |`,
    );
  }
  for (const s of results.scenarios) {
    if (!s.available || !s.measured) {
      out.push(`| ${s.title} | – | *not measured: ${s.note ?? "unavailable"}* | | | | | | | | |`);
      continue;
    }
    for (const [clients, stats] of Object.entries(s.measured.endpoint)) {
      const direct = s.measured.direct?.[clients];
      const interleaved = s.measured.constant?.[clients];
      out.push(
        `| ${s.title}${s.auth === "token" ? " *(token)*" : ""} | ${clients} | ${n(stats.p50)} | ${n(stats.p95)} | ${n(stats.p99)} | ${n(stats.rps, 0)} | ${n(stats.serverCpuMs, 2)} | ` +
          `${direct ? `${n(direct.p50)} / ${n(direct.p95)}` : "–"} | ${direct ? n(direct.rps, 0) : "–"} | ` +
          `${direct ? `${n(stats.p95 / direct.p95)} ×` : "–"} | ${interleaved ? `${n(interleaved.ratioPct, 0)} % of ${n(interleaved.meanRps, 0)}` : "–"} |`,
      );
    }
  }
  out.push("");

  const e = results.export;
  if (e.available && e.runs) {
    out.push(
      `CSV export \`${e.path}\`: ${e.runs
        .map(
          (r) =>
            `${n(r.rows, 0)} rows (${n(r.megabytes)} MB) in ${n(r.seconds, 2)} s (first byte ${n(r.firstByteMs, 0)} ms), server memory +${n(r.rssGrowthMb)} MB`,
        )
        .join("; ")}${e.directSeconds ? `; its SQL alone ${n(e.directSeconds, 2)} s` : ""}.`,
      "",
    );
  } else {
    out.push(`CSV export \`${e.path}\`: *not measured: ${e.note ?? "unavailable"}*.`, "");
  }
  const w = results.writeVisible;
  if (w?.visibleMs) {
    out.push(
      `A write visible on the company dashboard (an IT approver approves a gateway request over HTTP, then ` +
        `GET /api/v1/dashboard/summary until its pending count drops), ${w.writes} writes: **median ${n(w.visibleMs.median)} ms** ` +
        `(min ${n(w.visibleMs.min)}, max ${n(w.visibleMs.max)}) after the decision's answer; summary requests per write ` +
        `${w.polls.join(", ")}; the decisions took ${w.decisionMs.join(", ")} ms.`,
      "",
    );
  } else if (w) {
    out.push(`A write visible on the company dashboard: *not measured: ${w.note ?? "unavailable"}*.`, "");
  }
  const c = results.writeCost;
  if (c) {
    out.push(
      `Write cost of the dashboard counts (HTTP, triggers on / off interleaved, ${c.rounds} round(s), medians): ` +
        (Object.entries(c.writes) as Array<[string, WriteCostResult["writes"]["create"]]>)
          .map(
            ([write, w]) =>
              `${write} ${n(w.on)} / ${n(w.off)} ms (${w.differencePct >= 0 ? "+" : ""}${n(w.differencePct)} %)`,
          )
          .join("; ") +
        `; counts rebuilt afterwards (${c.repairedDifferences} differences repaired, none left).${c.note ? ` ${c.note}.` : ""}`,
      "",
    );
  }
  const r = results.revoke;
  if (r) {
    out.push(
      `Revoking the connector ${n(r.dependents, 0)} automations depend on: **${n(r.httpMs, 0)} ms** over HTTP ` +
        `(${r.transactions === 1 ? "one transaction" : `${r.transactions} transactions`}: ${n(r.rowsWritten, 0)} rows written share one xmin; ` +
        `${r.statements} statements); the same service call in-process ${n(r.inProcessMs, 0)} ms, its SQL alone ` +
        `${n(r.directSqlMs, 0)} ms; undoing it (un-revoke + re-derivation) ${n(r.restoreMs, 0)} ms. Impact: \`${JSON.stringify(r.impact)}\`.`,
      "",
    );
  }
  out.push(
    `Server memory (the standalone server and its children, sampled every 100 ms): ${n(results.server.baselineRssMb)} MB after start, ` +
      `**peak ${n(results.server.peakRssMb)} MB**; database pool ${results.server.poolSize} connections.`,
    "",
  );

  out.push("| target (100,000 automations) | limit | measured | met |", "|---|---|---|---|");
  for (const t of results.targets) {
    out.push(
      `| ${t.text} | ${t.limit} | ${t.measured} | ${t.pass === null ? "not measured" : t.pass ? "yes" : "**no**"} |`,
    );
  }
  return out.join("\n");
}

/** Replaces the generated section of BENCHMARKS.md, leaving everything else as it is. */
export function updateBenchmarksFile(file: string, markdown: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`${file} lacks the markers ${START_MARKER} … ${END_MARKER}`);
  writeFileSync(file, `${text.slice(0, start + START_MARKER.length)}\n${markdown}\n${text.slice(end)}`);
}
