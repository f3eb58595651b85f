import type { Results, ScenarioResult, Target } from "./report";

// The issue's targets, checked against one run's figures. The limits depend on the size of the
// company the run was for (`npm run bench -- --scale <n>`).

const ms = (value: number) => `${value.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;

export interface TargetLimits {
  /** Automations of the company these limits are for. */
  size: number;
  /** p95 in ms. */
  summary20: number;
  summary1: number;
  details1: number;
  manager20: number;
  /** The worst of the three list pages, 20 clients. */
  list20: number;
  /** An automation's page data, % of the interleaved constant route's req/s (at least). */
  pagePct: number;
  revokeMs: number;
  exportSeconds: number;
  exportGrowthMb: number;
  visibleMs: number;
  writeCostPct: number;
  seedSeconds: number;
}

/** The issue's tables of targets, by size ("Speed at a million automations"). */
export const TARGETS_BY_SIZE: readonly TargetLimits[] = [
  {
    size: 100_000,
    summary20: 100,
    summary1: 20,
    details1: 100,
    manager20: 50,
    list20: 100,
    pagePct: 60,
    revokeMs: 1_500,
    exportSeconds: 10,
    exportGrowthMb: 150,
    visibleMs: 1_000,
    writeCostPct: 10,
    seedSeconds: 5 * 60,
  },
  {
    size: 1_000_000,
    summary20: 150,
    summary1: 30,
    details1: 200,
    manager20: 60,
    list20: 120,
    pagePct: 55,
    revokeMs: 15_000,
    exportSeconds: 90,
    exportGrowthMb: 150,
    visibleMs: 1_000,
    writeCostPct: 10,
    seedSeconds: 15 * 60,
  },
];

/** The limits for a company of `scale` automations: the smallest size that holds it (else the largest). */
export function limitsFor(scale: number): TargetLimits {
  return TARGETS_BY_SIZE.find((limits) => scale <= limits.size) ?? TARGETS_BY_SIZE.at(-1)!;
}

/** The size a run was for: its --scale, or (results written before --scale) its automations. */
export function scaleOf(results: Pick<Results, "scale" | "dataSet">): number {
  return results.scale ?? results.dataSet.rows.automations ?? 100_000;
}

const duration = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

function stats(scenarios: ScenarioResult[], id: string, clients: string) {
  const s = scenarios.find((candidate) => candidate.id === id);
  return { endpoint: s?.measured?.endpoint[clients], direct: s?.measured?.direct?.[clients] };
}

export function evaluateTargets(results: Omit<Results, "targets">): Target[] {
  const targets: Target[] = [];
  const { scenarios } = results;
  const size = scaleOf(results);
  const limits = limitsFor(size);

  for (const [id, text, clients, limit] of [
    ["dashboard-company", "Dashboard summary, company scope", "20", limits.summary20],
    ["dashboard-company", "Dashboard summary, company scope", "1", limits.summary1],
    ["dashboard-details", "Dashboard details, company scope", "1", limits.details1],
    ["dashboard-manager", "Dashboard summary, one manager's departments", "20", limits.manager20],
  ] as const) {
    const { endpoint, direct } = stats(scenarios, id, clients);
    targets.push({
      id: `${id}-${clients}`,
      text: `${text}, ${clients} client${clients === "1" ? "" : "s"}`,
      limit: `p95 ≤ ${limit} ms`,
      measured: endpoint ? `p95 ${ms(endpoint.p95)}${direct ? ` (its SQL ${ms(direct.p95)})` : ""}` : "–",
      pass: endpoint ? endpoint.p95 <= limit : null,
    });
  }

  const lists = ["list-first", "list-filtered", "list-deep"].map((id) => stats(scenarios, id, "20").endpoint);
  const worst = lists.every(Boolean) ? Math.max(...lists.map((s) => s!.p95)) : undefined;
  targets.push({
    id: "automations-list",
    text: "Automations list, any page, 20 clients",
    limit: `p95 ≤ ${limits.list20} ms`,
    measured:
      worst === undefined ? "–" : `worst p95 ${ms(worst)} (${lists.map((s) => ms(s!.p95)).join(" / ")})`,
    pass: worst === undefined ? null : worst <= limits.list20,
  });

  // Against the constant route measured just before and after the page data (same clients,
  // same seconds), so that a change of machine load during the run does not move the ratio.
  const detail = scenarios.find((s) => s.id === "detail")?.measured;
  const endpoint = detail?.endpoint["20"];
  const constant = detail?.constant?.["20"];
  targets.push({
    id: "automation-page",
    text: "An automation's page data, 20 clients",
    limit: `≥ ${limits.pagePct} % of the interleaved constant route's req/s`,
    measured:
      endpoint && constant
        ? `${Math.round(endpoint.rps)} of ${Math.round(constant.meanRps)} req/s = ${Math.round(constant.ratioPct)} %`
        : "–",
    pass: endpoint && constant ? constant.ratioPct >= limits.pagePct : null,
  });

  const visible = results.writeVisible?.visibleMs;
  targets.push({
    id: "write-visible",
    text: "A write (an approval) visible on the company dashboard summary",
    limit: `≤ ${limits.visibleMs / 1000} s`,
    measured: visible
      ? `median ${ms(visible.median)} (min ${ms(visible.min)}, max ${ms(visible.max)}; ${results.writeVisible!.writes} writes)`
      : "–",
    pass: visible ? visible.max <= limits.visibleMs : null,
  });

  const cost = results.writeCost;
  const worstWrite = cost ? Math.max(...Object.values(cost.writes).map((w) => w.differencePct)) : undefined;
  targets.push({
    id: "write-cost",
    text: "Writes that keep the dashboard counts (create, decide, revoke) vs triggers off",
    limit: `≤ ${limits.writeCostPct} % slower`,
    measured: cost
      ? Object.entries(cost.writes)
          .map(([write, w]) => `${write} ${w.differencePct >= 0 ? "+" : ""}${w.differencePct} %`)
          .join(", ")
      : "–",
    pass: worstWrite === undefined || Number.isNaN(worstWrite) ? null : worstWrite <= limits.writeCostPct,
  });

  const revoke = results.revoke;
  targets.push({
    id: "revoke",
    text: `Revoke a connector with ${(revoke ? revoke.dependents : size / 10).toLocaleString("en")} dependents`,
    title: "Revoke the connector a tenth of the automations depend on",
    limit: `≤ ${(limits.revokeMs / 1000).toLocaleString("en")} s, one transaction`,
    measured: revoke ? `${ms(revoke.httpMs)}, ${revoke.transactions} transaction(s)` : "–",
    pass: revoke ? revoke.httpMs <= limits.revokeMs && revoke.transactions === 1 : null,
  });

  const runs = results.export.runs;
  const slowest = runs && runs.length > 0 ? Math.max(...runs.map((r) => r.seconds)) : undefined;
  const growth = runs && runs.length > 0 ? Math.max(...runs.map((r) => r.rssGrowthMb)) : undefined;
  targets.push({
    id: "export",
    text: `CSV export of ${(runs?.[0] ? runs[0].rows : size).toLocaleString("en")} rows`,
    title: "CSV export of every automation",
    limit: `≤ ${limits.exportSeconds} s, server memory grows ≤ ${limits.exportGrowthMb} MB`,
    measured: slowest === undefined ? "–" : `${slowest.toFixed(2)} s, +${growth} MB`,
    pass:
      slowest === undefined || growth === undefined
        ? null
        : slowest <= limits.exportSeconds && growth <= limits.exportGrowthMb,
  });

  const seed = results.dataSet.seed as { seconds?: { total: number } } | null;
  targets.push({
    id: "seed",
    text: "`bench:seed` for the whole data set",
    limit: `≤ ${duration(limits.seedSeconds)}`,
    measured: seed?.seconds ? `${seed.seconds.total.toFixed(0)} s` : "–",
    pass: seed?.seconds ? seed.seconds.total <= limits.seedSeconds : null,
  });
  return targets;
}
