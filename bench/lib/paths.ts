import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The last seed's timing and row counts (not committed; the benchmark copies them into its results). */
export const SEED_RESULT_FILE = path.join(ROOT, "bench", "results.seed.json");
/** A full run's results at 100,000 automations (the reference size); other sizes: resultsFileFor. */
export const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
export const REFERENCE_SCALE = 100_000;

/** Where a full run for a company of `scale` automations keeps its results. */
export function resultsFileFor(scale: number): string {
  return scale === REFERENCE_SCALE ? RESULTS_FILE : path.join(ROOT, "bench", `results.${scale}.json`);
}

/** The full runs' results files there are, by size: bench/results.json and bench/results.<n>.json. */
export function fullResultsFiles(dir = path.join(ROOT, "bench")): Map<number, string> {
  const files = new Map<number, string>();
  for (const name of readdirSync(dir)) {
    if (name === "results.json") files.set(REFERENCE_SCALE, path.join(dir, name));
    const size = /^results\.(\d+)\.json$/.exec(name)?.[1];
    if (size) files.set(Number(size), path.join(dir, name));
  }
  return new Map([...files].sort(([a], [b]) => a - b));
}
export const SMALL_RESULTS_FILE = path.join(ROOT, "bench", "results.small.json");
/** A partial run's (--only): never committed. */
export const LOCAL_RESULTS_FILE = path.join(ROOT, "bench", "results.local.json");
export const BENCHMARKS_FILE = path.join(ROOT, "BENCHMARKS.md");
