import type { RunStats } from "./stats";

// A scenario's throughput as a share of the constant route (no database: the web tier's
// ceiling), the route measured immediately before and after the scenario with the same
// clients and seconds. The mean of the two is the reference: load from other work on the
// machine that changes during the run changes both sides of the ratio alike.

export interface InterleavedConstant {
  beforeRps: number;
  afterRps: number;
  meanRps: number;
  /** The scenario's req/s as a % of meanRps. */
  ratioPct: number;
}

export function interleavedConstant(
  scenario: RunStats,
  before: RunStats,
  after: RunStats,
): InterleavedConstant {
  const meanRps = (before.rps + after.rps) / 2;
  return {
    beforeRps: before.rps,
    afterRps: after.rps,
    meanRps: Math.round(meanRps),
    ratioPct: meanRps > 0 ? Math.round((1000 * scenario.rps) / meanRps) / 10 : 0,
  };
}

export function describeInterleaved(c: InterleavedConstant): string {
  return `${c.ratioPct} % of the constant route around it (${c.beforeRps} before, ${c.afterRps} after req/s)`;
}
