import type { Results, ScenarioResult, Target } from "./report";

// The issue's targets, checked against one run's figures.

const ms = (value: number) => `${value.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;

function stats(scenarios: ScenarioResult[], id: string, clients: string) {
  const s = scenarios.find((candidate) => candidate.id === id);
  return { endpoint: s?.measured?.endpoint[clients], direct: s?.measured?.direct?.[clients] };
}

export function evaluateTargets(results: Omit<Results, "targets">): Target[] {
  const targets: Target[] = [];
  const { scenarios } = results;

  // The targets at 100,000 automations (issue "Speed at a million automations").
  for (const [id, text, clients, limit] of [
    ["dashboard-company", "Dashboard summary, company scope", "20", 100],
    ["dashboard-company", "Dashboard summary, company scope", "1", 20],
    ["dashboard-details", "Dashboard details, company scope", "1", 100],
    ["dashboard-manager", "Dashboard summary, one manager's departments", "20", 50],
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
    limit: "p95 ≤ 100 ms",
    measured:
      worst === undefined ? "–" : `worst p95 ${ms(worst)} (${lists.map((s) => ms(s!.p95)).join(" / ")})`,
    pass: worst === undefined ? null : worst <= 100,
  });

  // Against the constant route measured just before and after the page data (same clients,
  // same seconds), so that a change of machine load during the run does not move the ratio.
  const detail = scenarios.find((s) => s.id === "detail")?.measured;
  const endpoint = detail?.endpoint["20"];
  const constant = detail?.constant?.["20"];
  targets.push({
    id: "automation-page",
    text: "An automation's page data, 20 clients",
    limit: "≥ 60 % of the interleaved constant route's req/s",
    measured:
      endpoint && constant
        ? `${Math.round(endpoint.rps)} of ${Math.round(constant.meanRps)} req/s = ${Math.round(constant.ratioPct)} %`
        : "–",
    pass: endpoint && constant ? constant.ratioPct >= 60 : null,
  });

  const visible = results.writeVisible?.visibleMs;
  targets.push({
    id: "write-visible",
    text: "A write (an approval) visible on the company dashboard summary",
    limit: "≤ 1 s",
    measured: visible
      ? `median ${ms(visible.median)} (min ${ms(visible.min)}, max ${ms(visible.max)}; ${results.writeVisible!.writes} writes)`
      : "–",
    pass: visible ? visible.max <= 1000 : null,
  });

  const cost = results.writeCost;
  const worstWrite = cost ? Math.max(...Object.values(cost.writes).map((w) => w.differencePct)) : undefined;
  targets.push({
    id: "write-cost",
    text: "Writes that keep the dashboard counts (create, decide, revoke) vs triggers off",
    limit: "≤ 10 % slower",
    measured: cost
      ? Object.entries(cost.writes)
          .map(([write, w]) => `${write} ${w.differencePct >= 0 ? "+" : ""}${w.differencePct} %`)
          .join(", ")
      : "–",
    pass: worstWrite === undefined || Number.isNaN(worstWrite) ? null : worstWrite <= 10,
  });

  const revoke = results.revoke;
  targets.push({
    id: "revoke",
    text: `Revoke a connector with ${revoke ? revoke.dependents.toLocaleString("en") : "10,000"} dependents`,
    limit: "≤ 1.5 s, one transaction",
    measured: revoke ? `${ms(revoke.httpMs)}, ${revoke.transactions} transaction(s)` : "–",
    pass: revoke ? revoke.httpMs <= 1500 && revoke.transactions === 1 : null,
  });

  const runs = results.export.runs;
  const slowest = runs && runs.length > 0 ? Math.max(...runs.map((r) => r.seconds)) : undefined;
  const growth = runs && runs.length > 0 ? Math.max(...runs.map((r) => r.rssGrowthMb)) : undefined;
  targets.push({
    id: "export",
    text: `CSV export of ${runs?.[0] ? runs[0].rows.toLocaleString("en") : "100,000"} rows`,
    limit: "≤ 10 s, server memory grows ≤ 150 MB",
    measured: slowest === undefined ? "–" : `${slowest.toFixed(2)} s, +${growth} MB`,
    pass: slowest === undefined || growth === undefined ? null : slowest <= 10 && growth <= 150,
  });

  const seed = results.dataSet.seed as { seconds?: { total: number } } | null;
  targets.push({
    id: "seed",
    text: "`bench:seed` for the whole data set",
    limit: "≤ 5 min",
    measured: seed?.seconds ? `${seed.seconds.total.toFixed(0)} s` : "–",
    pass: seed?.seconds ? seed.seconds.total <= 300 : null,
  });
  return targets;
}
