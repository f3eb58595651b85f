import type { Results, ScenarioResult, Target } from "./report";

// The targets, checked against one run's figures.

const ms = (value: number) => `${value.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;

function stats(scenarios: ScenarioResult[], id: string, clients: string) {
  const s = scenarios.find((candidate) => candidate.id === id);
  return { endpoint: s?.measured?.endpoint[clients], direct: s?.measured?.direct?.[clients] };
}

export function evaluateTargets(results: Omit<Results, "targets">): Target[] {
  const targets: Target[] = [];
  const { scenarios } = results;

  const company = stats(scenarios, "dashboard-company", "1");
  targets.push({
    id: "dashboard-company",
    text: "Dashboard summary, company scope, 1 client",
    limit: "p95 ≤ 150 ms and ≤ 1.5 × its direct SQL",
    measured:
      company.endpoint && company.direct
        ? `p95 ${ms(company.endpoint.p95)}, ${(company.endpoint.p95 / company.direct.p95).toFixed(2)} × SQL (${ms(company.direct.p95)})`
        : "–",
    pass:
      company.endpoint && company.direct
        ? company.endpoint.p95 <= 150 && company.endpoint.p95 <= 1.5 * company.direct.p95
        : null,
  });

  const manager = stats(scenarios, "dashboard-manager", "1");
  targets.push({
    id: "dashboard-manager",
    text: "Dashboard summary, one manager's departments",
    limit: "p95 ≤ 50 ms",
    measured: manager.endpoint ? `p95 ${ms(manager.endpoint.p95)} (1 client)` : "–",
    pass: manager.endpoint ? manager.endpoint.p95 <= 50 : null,
  });

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

  const detail = stats(scenarios, "detail", "20").endpoint;
  const constant = results.constant["20"];
  targets.push({
    id: "automation-page",
    text: "An automation's page data, 20 clients",
    limit: "≥ 50 % of the constant route's req/s",
    measured:
      detail && constant
        ? `${Math.round(detail.rps)} of ${Math.round(constant.rps)} req/s = ${Math.round((100 * detail.rps) / constant.rps)} %`
        : "–",
    pass: detail && constant ? detail.rps >= 0.5 * constant.rps : null,
  });

  const revoke = results.revoke;
  targets.push({
    id: "revoke",
    text: `Revoke a connector with ${revoke ? revoke.dependents.toLocaleString("en") : "10,000"} dependents`,
    limit: "≤ 2 s, one transaction",
    measured: revoke ? `${ms(revoke.httpMs)}, ${revoke.transactions} transaction(s)` : "–",
    pass: revoke ? revoke.httpMs <= 2000 && revoke.transactions === 1 : null,
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
