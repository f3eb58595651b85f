// Latency figures of one measured run: exact percentiles from every recorded response time
// (autocannon's own summary has p97.5 but no p95), and throughput over the run's duration.

export interface RunStats {
  /** Completed requests (or query rounds) with a good answer. */
  requests: number;
  /** Answers that were not 2xx, connection errors and timeouts. */
  failures: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** HTTP runs: the server's CPU time per answered request, in ms. */
  serverCpuMs?: number;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summarise(latenciesMs: number[], failures: number, seconds: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    requests: sorted.length,
    failures,
    seconds: round(seconds, 2),
    rps: round(sorted.length / seconds),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.length > 0 ? total / sorted.length : Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}
