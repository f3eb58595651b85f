import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { interleavedConstant } from "@/bench/lib/interleaved";
import { END_MARKER, type Results, START_MARKER, updateBenchmarksFile } from "@/bench/lib/report";
import { percentile, type RunStats, summarise } from "@/bench/lib/stats";
import { evaluateTargets } from "@/bench/lib/targets";

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

  it("rewrites only the generated part of BENCHMARKS.md", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-")), "BENCHMARKS.md");
    writeFileSync(file, `intro\n${START_MARKER}\nold figures\n${END_MARKER}\nfindings\n`);
    updateBenchmarksFile(file, "new figures");
    expect(readFileSync(file, "utf8")).toBe(`intro\n${START_MARKER}\nnew figures\n${END_MARKER}\nfindings\n`);
  });
});
