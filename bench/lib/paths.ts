import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The last seed's timing and row counts (not committed; the benchmark copies them into its results). */
export const SEED_RESULT_FILE = path.join(ROOT, "bench", "results.seed.json");
export const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
export const SMALL_RESULTS_FILE = path.join(ROOT, "bench", "results.small.json");
/** A partial run's (--only): never committed. */
export const LOCAL_RESULTS_FILE = path.join(ROOT, "bench", "results.local.json");
export const BENCHMARKS_FILE = path.join(ROOT, "BENCHMARKS.md");
