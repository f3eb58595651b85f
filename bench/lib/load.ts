import type pg from "pg";
import { dropIndexesAndKeys, restoreIndexesAndKeys, stepCount } from "./bulk-schema";
import { DAY_MS, generateCompany } from "./company";
import { copyRows } from "./copy";
import { generateNotifications, generateSnapshots, generateTimeline } from "./history";
import { generatePortfolio } from "./portfolio";
import { Random } from "./random";
import { scaleFor } from "./scale";
import { type DataSet, tableLoads } from "./tables";

/** The tables whose triggers keep dashboard_counts (docs/decisions/021-dashboard-counts-kept-by-triggers.md). */
const COUNTED_TABLES = ["automations", "prerequisites", "inventory_findings"];

// Generates the company and loads it in one transaction: truncate, drop indexes and keys,
// COPY every table, rebuild indexes and keys (which also checks every reference and unique
// rule against the generated rows), commit; then VACUUM ANALYZE outside the transaction.

export interface LoadProgress {
  /** A new phase with the number of steps it has. */
  phase(name: string, total: number): void;
  advance(steps: number): void;
}

export interface LoadTimings {
  generate: number;
  copy: number;
  indexes: number;
  analyze: number;
}

const silent: LoadProgress = { phase: () => {}, advance: () => {} };

export async function loadCompany(
  client: pg.ClientBase,
  options: { automations: number; seed: number; now?: Date; progress?: LoadProgress },
): Promise<{ anchor: Date; seconds: LoadTimings }> {
  const progress = options.progress ?? silent;
  const scale = scaleFor(options.automations);
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = Math.round(now - mark) / 1000;
    mark = now;
    return elapsed;
  };

  // Dates are relative to the day (midnight UTC), so expiries "in 7 days" hold all day.
  const anchor = new Date(Math.floor((options.now ?? new Date()).getTime() / DAY_MS) * DAY_MS);
  const rng = new Random(options.seed);
  progress.phase("generate and derive", scale.automations);
  const company = generateCompany(rng, scale, anchor);
  const portfolio = generatePortfolio(rng, company, scale, (done) => progress.advance(done));
  const data: DataSet = {
    company,
    portfolio,
    timeline: generateTimeline(rng, company, portfolio, scale),
    notifications: generateNotifications(rng, portfolio),
    snapshots: generateSnapshots(rng, company, portfolio, scale.snapshotDays),
  };
  const generate = lap();

  const loads = tableLoads(data);
  try {
    await client.query("begin");
    // For this transaction only: more sort memory makes the index builds fast.
    await client.query("set local maintenance_work_mem = '512MB'");
    await client.query("set local synchronous_commit = off");
    const tables = await client.query<{ name: string }>(
      `select quote_ident(tablename) as name from pg_tables
        where schemaname = 'public' and tablename <> '_prisma_migrations'`,
    );
    await client.query(`truncate ${tables.rows.map((row) => row.name).join(", ")} restart identity cascade`);
    const saved = await dropIndexesAndKeys(client);
    // dashboard_counts: counted once after the load, not by the triggers statement by statement.
    await client.query(
      `${COUNTED_TABLES.map((table) => `alter table ${table} disable trigger user`).join("; ")}`,
    );

    progress.phase(
      "load",
      loads.reduce((sum, load) => sum + load.rows, 0),
    );
    for (const load of loads) {
      await copyRows(client, load.table, load.columns, load.lines(), (count) => progress.advance(count));
    }
    await client.query(
      `select setval(pg_get_serial_sequence('audit_events', 'id'), greatest(1, (select max(id) from audit_events)))`,
    );
    const copy = lap();

    progress.phase("indexes and keys", stepCount(saved));
    await restoreIndexesAndKeys(client, saved, () => progress.advance(1));
    await client.query(
      `${COUNTED_TABLES.map((table) => `alter table ${table} enable trigger user`).join("; ")}`,
    );
    // The blockers were written by the loader, not the trigger: they must be what it would set.
    const { rows: wrong } = await client.query<{ n: number }>(
      `select count(*)::int as n from prerequisites
        where blocker is distinct from preflight_prerequisite_blocker(type::text, key, "systemAccessId")`,
    );
    if (wrong[0]!.n > 0)
      throw new Error(`${wrong[0]!.n} prerequisites were loaded with another blocker than the database's`);
    await client.query(
      `insert into dashboard_counts ("departmentId", metric, n) select * from preflight_dashboard_recount()`,
    );
    await client.query("commit");
    const indexes = lap();

    progress.phase("vacuum analyze", 1);
    await client.query("vacuum analyze");
    progress.advance(1);
    return { anchor, seconds: { generate, copy, indexes, analyze: lap() } };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}
