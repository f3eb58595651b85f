import { readFileSync, writeFileSync } from "node:fs";
import type { InterleavedConstant } from "./interleaved";
import type { RevokeResult } from "./revoke";
import type { RunStats } from "./stats";
import { scaleOf } from "./targets";
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
  /** The text without the run's own figures, where it names some (for the table of every size). */
  title?: string;
  limit: string;
  measured: string;
  pass: boolean | null;
}

export interface Results {
  mode: "full" | "small";
  /** The size of company the run was for (--scale); absent in results written before it existed. */
  scale?: number;
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
  /** The parts that threw, by name, with their error (the run goes on to the next part). */
  failedParts?: Record<string, string>;
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
  for (const [name, error] of Object.entries(results.failedParts ?? {})) {
    out.push(`**${name}: failed** — ${error}`, "");
  }
  out.push(
    `Server memory (the standalone server and its children, sampled every 100 ms): ${n(results.server.baselineRssMb)} MB after start, ` +
      `**peak ${n(results.server.peakRssMb)} MB**; database pool ${results.server.poolSize} connections.`,
    "",
  );

  out.push(
    `| target (${n(scaleOf(results), 0)} automations) | limit | measured | met |`,
    "|---|---|---|---|",
  );
  for (const t of results.targets) out.push(`| ${t.text} | ${t.limit} | ${t.measured} | ${met(t)} |`);
  return out.join("\n");
}

const met = (t: Target | undefined) =>
  t === undefined ? "–" : t.pass === null ? "not measured" : t.pass ? "yes" : "**no**";

/**
 * The generated section of BENCHMARKS.md from the full runs there are, one per size: a single run
 * as renderMarkdown shows it; two or more side by side (a column per size for each scenario's
 * p95 and req/s and each target), each run's every figure below in a collapsed block.
 */
export function renderBenchmarks(runs: readonly Results[]): string {
  if (runs.length === 0) throw new Error("no results to render");
  if (runs.length === 1) return renderMarkdown(runs[0]!);
  const sorted = [...runs].sort((a, b) => scaleOf(a) - scaleOf(b));
  const sizes = sorted.map((r) => n(scaleOf(r), 0));
  const perSize = (title: string) => sizes.map((size) => `${title} at ${size}`).join(" | ");
  const out: string[] = [];
  out.push(
    ...sorted.map(
      (r, i) =>
        `- **${sizes[i]} automations**: run of ${r.finishedAt.slice(0, 16).replace("T", " ")} UTC, ` +
        `${r.secondsPerRun} s per measurement, 1-minute load average ${r.machine.loadAverageBefore} before, ` +
        `${r.machine.loadAverageAfter} after.`,
    ),
    "",
  );

  const tables = [...new Set(sorted.flatMap((r) => Object.keys(r.dataSet.rows)))];
  out.push(`| data set | ${sizes.join(" | ")} |`, `|---|${sizes.map(() => "---:").join("|")}|`);
  for (const table of tables) {
    out.push(`| ${table} | ${sorted.map((r) => n(r.dataSet.rows[table], 0)).join(" | ")} |`);
  }
  const seeds = sorted.map(
    (r) => r.dataSet.seed as { seconds?: { total: number }; peakRssMb?: number } | null,
  );
  out.push(
    `| **bench:seed time** | ${seeds.map((seed) => (seed?.seconds ? `${n(seed.seconds.total)} s` : "–")).join(" | ")} |`,
    `| bench:seed peak memory | ${seeds.map((seed) => (seed?.peakRssMb ? `${n(seed.peakRssMb, 0)} MB` : "–")).join(" | ")} |`,
    "",
  );

  out.push(
    `| scenario | clients | ${perSize("p95 ms")} | ${perSize("req/s")} |`,
    `|---|---:|${[...sizes, ...sizes].map(() => "---:").join("|")}|`,
  );
  const clientsOf = (stats: Array<Record<string, RunStats> | undefined>) => [
    ...new Set(stats.flatMap((s) => Object.keys(s ?? {}))),
  ];
  const constant = sorted.map((r) => r.constant);
  for (const clients of clientsOf(constant)) {
    const stats = constant.map((c) => c[clients]);
    out.push(
      `| Constant JSON route (web-tier ceiling) | ${clients} | ${stats.map((s) => n(s?.p95)).join(" | ")} | ${stats.map((s) => n(s?.rps, 0)).join(" | ")} |`,
    );
  }
  const ids = [...new Set(sorted.flatMap((r) => r.scenarios.map((s) => s.id)))];
  for (const id of ids) {
    const scenario = sorted.map((r) => r.scenarios.find((s) => s.id === id));
    const first = scenario.find(Boolean)!;
    const endpoint = scenario.map((s) => s?.measured?.endpoint);
    for (const clients of clientsOf(endpoint)) {
      const stats = endpoint.map((e) => e?.[clients]);
      out.push(
        `| ${first.title}${first.auth === "token" ? " *(token)*" : ""} | ${clients} | ${stats.map((s) => n(s?.p95)).join(" | ")} | ${stats.map((s) => n(s?.rps, 0)).join(" | ")} |`,
      );
    }
  }
  out.push("");

  out.push(
    `| target | ${sizes.map((size) => `limit at ${size} | measured | met`).join(" | ")} |`,
    `|---|${sizes.map(() => "---|---|---").join("|")}|`,
  );
  const targetIds = [...new Set(sorted.flatMap((r) => r.targets.map((t) => t.id)))];
  for (const id of targetIds) {
    const targets = sorted.map((r) => r.targets.find((t) => t.id === id));
    const first = targets.find(Boolean)!;
    const text = first.title ?? first.text;
    out.push(
      `| ${text} | ${targets.map((t) => `${t?.limit ?? "–"} | ${t?.measured ?? "–"} | ${met(t)}`).join(" | ")} |`,
    );
  }
  out.push("");

  for (const [i, r] of sorted.entries()) {
    out.push(
      "<details>",
      `<summary>Every figure at ${sizes[i]} automations</summary>`,
      "",
      renderMarkdown(r),
      "",
      "</details>",
      "",
    );
  }
  return out.join("\n").trimEnd();
}

/** Replaces the generated section of BENCHMARKS.md, leaving everything else as it is. */
export function updateBenchmarksFile(file: string, markdown: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`${file} lacks the markers ${START_MARKER} … ${END_MARKER}`);
  writeFileSync(file, `${text.slice(0, start + START_MARKER.length)}\n${markdown}\n${text.slice(end)}`);
}
