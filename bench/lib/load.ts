import os from "node:os";
import type pg from "pg";
import { dropIndexesAndKeys, restoreIndexesAndKeys, stepCount } from "./bulk-schema";
import { ChunkRenderer, companyOf, type RenderedChunk } from "./chunks";
import { DAY_MS } from "./company";
import { copyData, copyRows } from "./copy";
import { AuditTrail, OutstandingTally } from "./history";
import { TimeSpool } from "./spool";
import { auditEventsLoad, companyLoads, snapshotsLoad, type TableLoad } from "./tables";

/** The tables whose triggers keep dashboard_counts (docs/decisions/021-dashboard-counts-kept-by-triggers.md). */
const COUNTED_TABLES = ["automations", "prerequisites", "inventory_findings"];

/** Automations generated and copied at a time: memory holds a few chunks, whatever the size. */
export const CHUNK_SIZE = 10_000;

/** Threads that generate chunks: all cores (Postgres takes what the COPY needs); 0 = this thread. */
export const DEFAULT_WORKERS = os.availableParallelism();

// Generates the company and loads it in one transaction: truncate, drop indexes and keys,
// COPY the company (departments, people, the catalog), then the portfolio a chunk of
// automations at a time — worker threads generate and render the chunks (bench/lib/chunks.ts)
// while this thread COPYs each one's automations, systems, prerequisites, requests and
// notifications in order — then the outstanding snapshots (tallied chunk by chunk) and the
// audit trail (spooled to disk by time, bench/lib/spool.ts); rebuild indexes and keys (which
// also checks every reference and unique rule against the generated rows), recount
// dashboard_counts, commit; then VACUUM ANALYZE outside the transaction. Memory holds the
// company, a few chunks and small tallies.

export interface LoadProgress {
  /** A new phase with the number of steps it has. */
  phase(name: string, total: number): void;
  advance(steps: number): void;
}

/** Wall time of each phase, in seconds. */
export interface LoadTimings {
  /** The company: generated and copied. */
  company: number;
  /** The portfolio, chunk by chunk: generation and COPY overlap. */
  portfolio: number;
  /** The snapshots and the audit trail: read back from the spool in time order, and copied. */
  history: number;
  indexes: number;
  analyze: number;
}

const silent: LoadProgress = { phase: () => {}, advance: () => {} };

/** The first automation index of every chunk, and the end: chunks of (nearly) equal size. */
export function chunkBounds(automations: number, size: number): number[] {
  const chunks = Math.max(1, Math.ceil(automations / size));
  return Array.from({ length: chunks + 1 }, (_, i) => Math.round((i * automations) / chunks));
}

async function copyLoads(client: pg.ClientBase, loads: TableLoad[], onRows?: (count: number) => void) {
  for (const load of loads) await copyRows(client, load.table, load.columns, load.lines(), onRows);
}

export async function loadCompany(
  client: pg.ClientBase,
  options: {
    automations: number;
    seed: number;
    now?: Date;
    progress?: LoadProgress;
    chunkSize?: number;
    workers?: number;
  },
): Promise<{ anchor: Date; seconds: LoadTimings }> {
  const progress = options.progress ?? silent;
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = Math.round(now - mark) / 1000;
    mark = now;
    return elapsed;
  };

  // Dates are relative to the day (midnight UTC), so expiries "in 7 days" hold all day.
  const anchor = new Date(Math.floor((options.now ?? new Date()).getTime() / DAY_MS) * DAY_MS);
  const setup = { automations: options.automations, seed: options.seed, anchor: anchor.getTime() };
  const { company, scale, rng } = companyOf(setup);
  const spool = new TimeSpool(anchor.getTime());
  const renderer = new ChunkRenderer(setup, options.workers ?? DEFAULT_WORKERS);
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

    await copyLoads(client, companyLoads(company));
    const audit = new AuditTrail(spool, company);
    audit.addCompanyEvents();
    const companySeconds = lap();

    progress.phase("automations", scale.automations);
    const tally = new OutstandingTally();
    const bounds = chunkBounds(scale.automations, options.chunkSize ?? CHUNK_SIZE);
    const chunks = bounds.length - 1;
    // A few chunks ahead in the workers; each is copied as soon as it and those before it are done.
    const ahead = Math.max(2, (options.workers ?? DEFAULT_WORKERS) + 1);
    const rendering: Array<Promise<RenderedChunk> | undefined> = [];
    const request = (index: number) => {
      if (index >= chunks) return;
      const promise = renderer.render(index, bounds[index]!, bounds[index + 1]!);
      promise.catch(() => {}); // awaited in order below; until then not unhandled
      rendering[index] = promise;
    };
    for (let index = 0; index < ahead; index++) request(index);
    for (let index = 0; index < chunks; index++) {
      const chunk = await rendering[index]!;
      rendering[index] = undefined;
      request(index + ahead);
      for (const table of chunk.tables) await copyData(client, table.table, table.columns, table.data);
      spool.addEncoded(chunk.audit);
      tally.addCounts(chunk.outstanding);
      progress.advance(chunk.automations);
    }
    // The workers' memory (each holds the company) is not needed any more.
    await renderer.close();
    const portfolioSeconds = lap();

    const days = scale.snapshotDays;
    await copyLoads(client, [snapshotsLoad(company, tally.snapshots(rng, company, days), tally.count(days))]);
    audit.addPeopleCreated();
    // The chunks filled their shares of the trail with sign-ins; this tops it up if one could not.
    audit.addSignIns(rng, scale.auditEvents - audit.count);
    const trail = auditEventsLoad(spool);
    progress.phase("audit events", trail.rows);
    await copyLoads(client, [trail], (count) => progress.advance(count));
    await client.query(
      `select setval(pg_get_serial_sequence('audit_events', 'id'), greatest(1, (select max(id) from audit_events)))`,
    );
    const history = lap();

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
    await client.query("select preflight_rewrite_dashboard_counts()");
    await client.query("commit");
    const indexes = lap();

    progress.phase("vacuum analyze", 1);
    await client.query("vacuum analyze");
    progress.advance(1);
    return {
      anchor,
      seconds: { company: companySeconds, portfolio: portfolioSeconds, history, indexes, analyze: lap() },
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    spool.close();
    await renderer.close();
  }
}
