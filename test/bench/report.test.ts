import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interleavedConstant } from "@/bench/lib/interleaved";
import { fullResultsFiles, resultsFileFor } from "@/bench/lib/paths";
import {
  END_MARKER,
  type Results,
  renderBenchmarks,
  renderMarkdown,
  START_MARKER,
  updateBenchmarksFile,
} from "@/bench/lib/report";
import { checkScale, UsageError } from "@/bench/lib/scale";
import { percentile, type RunStats, summarise } from "@/bench/lib/stats";
import { evaluateTargets, limitsFor } from "@/bench/lib/targets";

// The arithmetic behind the benchmark's figures and verdicts (pure: no server, no database).

const stats = (fields: Partial<RunStats>): RunStats => ({
  requests: 100,
  failures: 0,
  seconds: 10,
  rps: 10,
  p50: 1,
  p95: 1,
  p99: 1,
  mean: 1,
  max: 1,
  ...fields,
});

function results(overrides: Partial<Omit<Results, "targets">> = {}): Omit<Results, "targets"> {
  const measured = (id: string, endpoint: Record<string, RunStats>, direct?: Record<string, RunStats>) => ({
    id,
    title: id,
    path: "/",
    auth: "session" as const,
    account: "it",
    available: true,
    measured: { endpoint, direct: direct ?? null, peakRssMb: 0 },
  });
  return {
    mode: "full",
    startedAt: "",
    finishedAt: "",
    secondsPerRun: 10,
    machine: {},
    postgres: {},
    dataSet: { rows: {}, seed: { seconds: { total: 120 } } },
    server: { baselineRssMb: 0, peakRssMb: 0, poolSize: 10 },
    constant: { "20": stats({ rps: 1000 }) },
    scenarios: [
      measured(
        "dashboard-company",
        { "1": stats({ p95: 19 }), "20": stats({ p95: 101 }) },
        { "1": stats({ p95: 15 }) },
      ),
      measured("dashboard-details", { "1": stats({ p95: 99 }) }),
      measured("dashboard-manager", { "20": stats({ p95: 49 }) }),
      measured("list-first", { "20": stats({ p95: 90 }) }),
      measured("list-filtered", { "20": stats({ p95: 95 }) }),
      measured("list-deep", { "20": stats({ p95: 101 }) }),
      {
        ...measured("detail", { "20": stats({ rps: 610 }) }),
        measured: {
          endpoint: { "20": stats({ rps: 610 }) },
          direct: null,
          peakRssMb: 0,
          // The constant route just before (900 req/s) and after (1,100): 610 of a mean 1,000.
          constant: {
            "20": interleavedConstant(stats({ rps: 610 }), stats({ rps: 900 }), stats({ rps: 1100 })),
          },
        },
      },
    ],
    export: {
      available: true,
      path: "/x",
      runs: [{ seconds: 9, firstByteMs: 1, rows: 100_000, megabytes: 20, rssGrowthMb: 151 }],
    },
    writeVisible: { writes: 10, visibleMs: { min: 10, median: 20, max: 999 }, polls: [], decisionMs: [] },
    writeCost: {
      rounds: 5,
      repairedDifferences: 0,
      writes: {
        create: { on: 109, off: 100, differencePct: 9, samples: { on: [], off: [] } },
        decide: { on: 111, off: 100, differencePct: 11, samples: { on: [], off: [] } },
        revoke: { on: 100, off: 100, differencePct: 0, samples: { on: [], off: [] } },
      },
    },
    revoke: {
      dependents: 10_000,
      httpMs: 1400,
      status: 200,
      impact: {},
      transactions: 1,
      rowsWritten: 1,
      statements: 1,
      inProcessMs: 1,
      directSqlMs: 1,
      restoreMs: 1,
    },
    ...overrides,
  };
}

describe("the benchmark's figures", () => {
  it("takes percentiles as the nearest rank of every sample", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.95)).toBe(95);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.95)).toBe(7);
    expect(summarise([3, 1, 2], 1, 2)).toMatchObject({ requests: 3, failures: 1, rps: 1.5, p50: 2, max: 3 });
  });

  it("judges every target against the issue's limits", () => {
    const verdicts = Object.fromEntries(evaluateTargets(results()).map((t) => [t.id, t.pass]));
    expect(verdicts).toEqual({
      "dashboard-company-1": true, // 19 ms ≤ 20
      "dashboard-company-20": false, // 101 ms > 100
      "dashboard-details-1": true,
      "dashboard-manager-20": true,
      "automations-list": false, // the deep page's 101 ms
      "automation-page": true, // 61 % of the interleaved constant route (the one at the start: 1000)
      "write-visible": true, // at most 999 ms
      "write-cost": false, // a decision 11 % slower with the triggers
      revoke: true,
      export: false, // memory grew 151 MB
      seed: true,
    });
  });

  it("says not measured rather than guess when a figure is missing", () => {
    const targets = evaluateTargets(
      results({
        scenarios: [],
        revoke: null,
        writeVisible: null,
        writeCost: null,
        export: { available: false, path: "/x" },
      }),
    );
    expect(targets.filter((t) => t.id !== "seed").every((t) => t.pass === null)).toBe(true);
  });

  it("judges a run at a million automations against that size's limits", () => {
    const verdicts = Object.fromEntries(
      evaluateTargets(results({ scale: 1_000_000 })).map((t) => [t.id, t.pass]),
    );
    expect(verdicts).toEqual({
      "dashboard-company-1": true, // 19 ms ≤ 30
      "dashboard-company-20": true, // 101 ms ≤ 150
      "dashboard-details-1": true, // 99 ms ≤ 200
      "dashboard-manager-20": true, // 49 ms ≤ 60
      "automations-list": true, // 101 ms ≤ 120
      "automation-page": true, // 61 % ≥ 55 %
      "write-visible": true,
      "write-cost": false,
      revoke: true, // 1.4 s ≤ 15 s
      export: false, // memory grew 151 MB (9 s ≤ 90 s)
      seed: true, // 120 s ≤ 15 min
    });
    const limits = Object.fromEntries(
      evaluateTargets(results({ scale: 1_000_000 })).map((t) => [t.id, t.limit]),
    );
    expect(limits).toMatchObject({ revoke: "≤ 15 s, one transaction", seed: "≤ 15 min" });
    expect(limitsFor(2_000).size).toBe(100_000);
    expect(limitsFor(100_000).size).toBe(100_000);
    expect(limitsFor(500_000).size).toBe(1_000_000);
    expect(limitsFor(2_000_000).size).toBe(1_000_000);
  });

  it("runs only on a database of the size it is for", () => {
    const seed = (automations: number) => ({ database: "bench", automations });
    expect(checkScale(100_000, 100_000, seed(100_000), "")).toBe(100_000);
    expect(checkScale(1_000_000, 1_000_003, null, "")).toBe(1_000_000); // the benchmark's own writes
    expect(checkScale(undefined, 2_000, seed(2_000), "")).toBe(2_000); // --small: the database's size
    expect(checkScale(undefined, 2_001, null, "")).toBe(2_001);
    expect(() => checkScale(100_000, 1_000_000, null, "")).toThrow(UsageError);
    expect(() => checkScale(1_000_000, 100_000, null, "")).toThrow(
      /holds 100,000 automations, not the 1,000,000/,
    );
    // Near the size but seeded for another one.
    expect(() => checkScale(100_000, 100_500, seed(100_500), "")).toThrow(/--automations 100500/);
  });

  it("keeps each size's full run in its own file", () => {
    expect(path.basename(resultsFileFor(100_000))).toBe("results.json");
    expect(path.basename(resultsFileFor(1_000_000))).toBe("results.1000000.json");
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-"));
    for (const name of ["results.json", "results.1000000.json", "results.small.json", "results.seed.json"]) {
      writeFileSync(path.join(dir, name), "{}");
    }
    expect([...fullResultsFiles(dir)].map(([size, file]) => [size, path.basename(file)])).toEqual([
      [100_000, "results.json"],
      [1_000_000, "results.1000000.json"],
    ]);
  });

  it("shows one size as before, and two sizes side by side", () => {
    const at = (scale: number, p95: number) => {
      const run = results({ scale, finishedAt: "2030-01-01T00:00:00Z" });
      run.scenarios = run.scenarios.map((s) =>
        s.id === "dashboard-company"
          ? { ...s, measured: { ...s.measured!, endpoint: { "20": stats({ p95 }) } } }
          : s,
      );
      return { ...run, targets: evaluateTargets(run) };
    };
    const small = at(100_000, 90);
    const large = at(1_000_000, 140);
    expect(renderBenchmarks([small])).toBe(renderMarkdown(small));
    const both = renderBenchmarks([large, small]);
    expect(both).toContain(
      "| scenario | clients | p95 ms at 100,000 | p95 ms at 1,000,000 | req/s at 100,000 | req/s at 1,000,000 |",
    );
    expect(both).toContain("| dashboard-company | 20 | 90 | 140 | 10 | 10 |");
    expect(both).toContain(
      "| Dashboard summary, company scope, 20 clients | p95 ≤ 100 ms | p95 90 ms | yes | p95 ≤ 150 ms | p95 140 ms | yes |",
    );
    expect(both).toContain(
      "| Revoke the connector a tenth of the automations depend on | ≤ 1.5 s, one transaction |",
    );
    expect(both).toContain("<summary>Every figure at 1,000,000 automations</summary>");
    expect(both).toContain("| target (1,000,000 automations) | limit | measured | met |");
  });

  it("rewrites only the generated part of BENCHMARKS.md", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-")), "BENCHMARKS.md");
    writeFileSync(file, `intro\n${START_MARKER}\nold figures\n${END_MARKER}\nfindings\n`);
    updateBenchmarksFile(file, "new figures");
    expect(readFileSync(file, "utf8")).toBe(`intro\n${START_MARKER}\nnew figures\n${END_MARKER}\nfindings\n`);
  });
});
