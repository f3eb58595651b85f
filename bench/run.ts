/**
 * The benchmark: `npm run bench` (after `npm run bench:seed`) on DATABASE_URL.
 *
 *   DATABASE_URL=postgresql://… npm run bench [-- --scale 100000] [--small] [--seconds 10] [--port 3700] [--build] [--only a,b] [--write-cost]
 *
 * Builds the app if the build is missing or predates the benchmark's constant route, starts
 * the production server (the standalone `node .next/standalone/server.js`) on the database, and measures each scenario with
 * autocannon at 1 and 20 concurrent clients: p50 / p95 / p99 latency and requests per second.
 * Two reference points from the same run: the endpoint's own SQL replayed directly with `pg`,
 * and a constant JSON route without database (the web tier's ceiling), measured immediately
 * before and after each scenario with the same clients and seconds: "% of constant" is the
 * scenario's req/s over the mean of the two (bench/lib/interleaved.ts), so that load from
 * other work that changes during the run does not move the ratio. Then a CSV export of the
 * whole company; a write made visible on the company dashboard (bench/lib/write-visible.ts:
 * approvals over HTTP, the summary polled until it shows each); the writes' cost with the
 * dashboard-count triggers on and off, interleaved (bench/lib/write-cost.ts; full run or
 * --write-cost; the counts are rebuilt and verified afterwards); last the revocation of a
 * connector that 10 % of the automations use.
 *
 * --scale says which size of company the run is for (default 100,000; the targets depend on it),
 * and the run refuses a database of another size. A full run writes bench/results.json at
 * 100,000 automations, bench/results.<n>.json at any other size, and the generated section of
 * BENCHMARKS.md from every size's results there are (side by side); with --small (CI: 2 s per
 * measurement) or --only, bench/results.small.json / results.local.json instead and
 * BENCHMARKS.md stays as it is. Prints the server's peak memory.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { countRows } from "./lib/counts";
import { captureStatements, loadDirect } from "./lib/direct";
import { EXPORT_PATH, exportSqlSeconds, measureExport } from "./lib/export";
import { type HttpTarget, loadHttp, probe } from "./lib/http-load";
import { describeInterleaved, type InterleavedConstant, interleavedConstant } from "./lib/interleaved";
import {
  BENCHMARKS_FILE,
  fullResultsFiles,
  LOCAL_RESULTS_FILE,
  REFERENCE_SCALE,
  ROOT,
  resultsFileFor,
  SEED_RESULT_FILE,
  SMALL_RESULTS_FILE,
} from "./lib/paths";
import { type Account, type Principal, preparePrincipals, removeTokens } from "./lib/principals";
import {
  type ExportResult,
  type Measured,
  type Results,
  renderBenchmarks,
  renderMarkdown,
  type ScenarioResult,
  updateBenchmarksFile,
  writeResults,
} from "./lib/report";
import { measureRevoke, type RevokeResult } from "./lib/revoke";
import { checkScale, type SeedResult, UsageError } from "./lib/scale";
import { authHeaders, callerOf, loadFixtures, readScenarios, type Scenario } from "./lib/scenarios";
import { build, buildIsUsable, type Server, serverEnvironment, startServer } from "./lib/server";
import type { RunStats } from "./lib/stats";
import { evaluateTargets } from "./lib/targets";
import { measureWriteCost, type WriteCostResult } from "./lib/write-cost";
import { measureWriteVisible, type WriteVisibleResult } from "./lib/write-visible";

const USAGE = `Usage: DATABASE_URL=postgresql://… npm run bench -- [--scale <n>] [--small] [--seconds <n>] [--port <n>] [--build] [--only <ids>] [--write-cost]

  --scale <n>      the size of company the run is for, in automations (default 100000 for a full run; the
                   database must hold that many, as bench:seed -- --automations <n> made it); its targets,
                   and its results file: bench/results.json at 100000, bench/results.<n>.json otherwise
  --small          CI mode: 2 s per measurement, results in bench/results.small.json, BENCHMARKS.md untouched
  --seconds <n>    seconds per measurement (default 10)
  --port <n>       port of the server under test (default 3700)
  --build          build even when a usable build exists
  --only <ids>     only these scenarios (comma-separated ids; constant, export, write-visible, write-cost, revoke are ids too)
  --write-cost     also measure the writes with the dashboard-count triggers on and off (always in a full run;
                   switches triggers off for a moment: never on a database that others write to)`;

const CLIENTS = [1, 20] as const;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string" },
      small: { type: "boolean", default: false },
      seconds: { type: "string" },
      port: { type: "string", default: "3700" },
      build: { type: "boolean", default: false },
      only: { type: "string" },
      "write-cost": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new UsageError(`DATABASE_URL is not set.\n\n${USAGE}`);
  const seconds = Number(values.seconds ?? (values.small ? 2 : 10));
  const port = Number(values.port);
  if (!(seconds > 0) || !Number.isInteger(port)) throw new UsageError(USAGE);
  // A full run is for 100,000 automations unless told otherwise; --small and --only take the
  // database's size when no --scale is given.
  const scale =
    values.scale !== undefined
      ? Number(values.scale)
      : values.small || values.only
        ? undefined
        : REFERENCE_SCALE;
  if (scale !== undefined && !(Number.isInteger(scale) && scale > 0)) {
    throw new UsageError(`--scale must be a number of automations.\n\n${USAGE}`);
  }
  const only = values.only ? new Set(values.only.split(",").map((id) => id.trim())) : null;
  return {
    databaseUrl,
    scale,
    small: values.small,
    seconds,
    port,
    build: values.build,
    only,
    writeCost: values["write-cost"],
  };
}

type Options = NonNullable<ReturnType<typeof parseOptions>>;

const log = (line: string) => console.log(line);
const fmt = (s: RunStats) =>
  `p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, ${s.rps} req/s` +
  `${s.serverCpuMs === undefined ? "" : `, server CPU ${s.serverCpuMs} ms/request`}${s.failures ? `, ${s.failures} FAILED` : ""}`;

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (!options) {
    log(USAGE);
    return 0;
  }
  const startedAt = new Date().toISOString();
  // Other work on the machine skews every figure; the run records how busy it was.
  const loadBefore = os.loadavg()[0]!;
  const speedIndex = cpuSpeedIndexMs();
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  const secret = randomBytes(48).toString("base64url");
  let server: Server | undefined;
  try {
    const rows = await countRows(db);
    if (!rows.automations) throw new Error("No automations in this database: run npm run bench:seed first.");
    const scale = checkScale(
      options.scale,
      rows.automations,
      seedResult(await databaseName(db), null),
      USAGE,
    );
    // An earlier run's revocation (and its undoing) leaves dead rows and pages that are not
    // all-visible, which autovacuum clears in its own time; every run starts from the same state.
    log("VACUUM ANALYZE…");
    await db.query("vacuum analyze");
    const principals = await preparePrincipals(db, secret);
    const serverEnv = serverEnvironment({ databaseUrl: options.databaseUrl, port: options.port, secret });
    if (options.build || !buildIsUsable()) {
      log("Building the production app (next build)…");
      await build(serverEnv);
    }
    server = await startServer({ port: options.port, env: serverEnv });
    const baselineRssMb = server.usage.currentMb();
    log(`Standalone server on ${server.url} (pid ${server.pid}), ${baselineRssMb} MB after start.`);

    const measured = await measureEverything({ db, server, principals, options });
    const peakRssMb = server.usage.peakMb();
    await stopServer(server);
    server = undefined;
    log(`Server memory: ${baselineRssMb} MB after start, peak ${peakRssMb} MB.`);

    const partial: Omit<Results, "targets"> = {
      mode: options.small ? "small" : "full",
      scale,
      startedAt,
      finishedAt: new Date().toISOString(),
      secondsPerRun: options.seconds,
      machine: {
        ...machine(),
        cpuSpeedIndexMs: speedIndex,
        loadAverageBefore: round2(loadBefore),
        loadAverageAfter: round2(os.loadavg()[0]!),
      },
      postgres: await postgresInfo(db),
      dataSet: { rows, seed: seedResult(await databaseName(db), rows.automations) },
      server: { baselineRssMb, peakRssMb, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
      ...measured,
    };
    return report({ ...partial, targets: evaluateTargets(partial) }, options);
  } finally {
    if (server) await stopServer(server);
    await removeTokens(db).catch(() => {});
    await db.end();
  }
}

interface RunContext {
  db: pg.Pool;
  server: Server;
  principals: Record<Account, Principal>;
  options: Options;
}

/** Every scenario in order; the revocation last, as it writes. */
async function measureEverything(ctx: RunContext) {
  const { db, server, principals, options } = ctx;
  const wanted = (id: string) => !options.only || options.only.has(id);
  const constant = wanted("constant") ? await measureConstant(server, options) : {};
  const fixtures = await loadFixtures(db);
  const scenarios: ScenarioResult[] = [];
  for (const scenario of readScenarios(fixtures).filter((s) => wanted(s.id))) {
    scenarios.push(
      await measureScenario(scenario, principals[scenario.account], server, options, wanted("constant")),
    );
  }
  // A part that throws is recorded and fails the run, without losing the figures of the others.
  const failedParts: Record<string, string> = {};
  const part = async <T>(name: string, measure: () => Promise<T>): Promise<T | null> => {
    try {
      return await measure();
    } catch (error) {
      failedParts[name] = error instanceof Error ? error.message : String(error);
      log(`${name}: FAILED — ${failedParts[name]}`);
      return null;
    }
  };
  const exportResult: ExportResult = wanted("export")
    ? ((await part("export", () => measureExportScenario(ctx))) ?? {
        available: false,
        path: EXPORT_PATH,
        note: "failed",
      })
    : { available: false, path: EXPORT_PATH, note: "not selected" };
  // Before the revocation (which runs last): its approvals are kept, the revocation undone.
  let writeVisible: WriteVisibleResult | null = null;
  if (wanted("write-visible")) {
    writeVisible = await part("write-visible", () =>
      measureWriteVisible({ db, url: server.url, principal: principals.it, writes: options.small ? 3 : 10 }),
    );
    log(`write → visible on the company dashboard: ${JSON.stringify(writeVisible)}`);
  }
  // Part of the full run (the triggers are switched off and on: never while others write).
  let writeCost: WriteCostResult | null = null;
  if (options.writeCost || options.only?.has("write-cost") || (!options.only && !options.small)) {
    writeCost = await part("write-cost", async () =>
      measureWriteCost({
        db,
        databaseUrl: options.databaseUrl,
        url: server.url,
        it: principals.it,
        maker: principals.maker,
        caller: await callerOf(principals.it),
        rounds: writeCostRounds(options),
      }),
    );
    log(`write cost, dashboard-count triggers on / off: ${JSON.stringify(writeCost)}`);
  } else {
    log("write cost (triggers on / off): skipped — part of the full run, or pass --write-cost");
  }
  let revoke: RevokeResult | null = null;
  if (wanted("revoke")) {
    revoke = await part("revoke", async () =>
      measureRevoke({
        db,
        databaseUrl: options.databaseUrl,
        url: server.url,
        principal: principals.it,
        caller: await callerOf(principals.it),
      }),
    );
    log(`revoke: ${JSON.stringify(revoke)}`);
  }
  return { constant, scenarios, export: exportResult, writeVisible, writeCost, revoke, failedParts };
}

/**
 * Rounds of the write-cost part (each a create, a decision and a revocation with the triggers
 * on and again off): 5, or 3 at a million automations, where one revocation alone takes a minute.
 */
function writeCostRounds(options: Options): number {
  if (options.small) return 1;
  return (options.scale ?? 0) >= 1_000_000 ? 3 : 5;
}

async function measureConstant(server: Server, options: Options): Promise<Record<string, RunStats>> {
  const target = { url: `${server.url}/api/bench/constant` };
  await loadHttp(target, { connections: 10, seconds: warmSeconds(options) });
  const constant: Record<string, RunStats> = {};
  for (const clients of CLIENTS) {
    constant[clients] = await measureHttp(server, target, clients, options.seconds);
    log(`constant route, ${clients} client(s): ${fmt(constant[clients]!)}`);
  }
  return constant;
}

async function measureExportScenario({ server, principals, options }: RunContext): Promise<ExportResult> {
  const repeats = options.small ? 1 : 3;
  const result = await measureExport(server, EXPORT_PATH, { cookie: principals.it.cookie }, repeats);
  if (result.available) {
    result.directSeconds = await exportSqlSeconds(options.databaseUrl, await callerOf(principals.it));
  }
  log(`export: ${JSON.stringify(result)}`);
  return result;
}

async function stopServer(server: Server): Promise<void> {
  await server.stop();
  server.usage.stop();
}

/** Writes the results (and, for a full run, BENCHMARKS.md); the exit code says whether anything failed. */
function report(results: Results, options: Options): number {
  const full = !options.small && !options.only;
  const file = options.small
    ? SMALL_RESULTS_FILE
    : options.only
      ? LOCAL_RESULTS_FILE
      : resultsFileFor(results.scale!);
  writeResults(file, results);
  log(`\n${renderMarkdown(results)}\n\nWrote ${file}.`);
  if (full) {
    // Every size's latest full run, side by side (this one among them).
    // Judged again by this version's targets, so that every size's rows are the same targets.
    const runs = [...fullResultsFiles(path.dirname(file)).values()].map((each) => {
      const run = JSON.parse(readFileSync(each, "utf8")) as Results;
      return { ...run, targets: evaluateTargets(run) };
    });
    updateBenchmarksFile(BENCHMARKS_FILE, renderBenchmarks(runs));
    log(`Wrote ${BENCHMARKS_FILE} (${runs.length === 1 ? "this size" : `${runs.length} sizes`}).`);
  }
  const problems = failuresOf(results);
  for (const problem of problems) console.error(`FAILED: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

/** What went wrong (times are never a failure): error answers, failed requests, a broken revoke. */
function failuresOf(results: Results): string[] {
  const problems: string[] = [];
  for (const scenario of results.scenarios) {
    if (scenario.error) problems.push(`${scenario.id}: ${scenario.error}`);
    for (const [kind, runs] of Object.entries({
      endpoint: scenario.measured?.endpoint ?? {},
      direct: scenario.measured?.direct ?? {},
    })) {
      for (const [clients, stats] of Object.entries(runs)) {
        if (stats.failures > 0)
          problems.push(`${scenario.id} (${kind}, ${clients} clients): ${stats.failures} failed requests`);
      }
    }
  }
  if (results.export.error) problems.push(`export: ${results.export.error}`);
  for (const [name, error] of Object.entries(results.failedParts ?? {})) problems.push(`${name}: ${error}`);
  if (results.revoke && results.revoke.transactions !== 1) {
    problems.push(`revoke: written in ${results.revoke.transactions} transactions, not one`);
  }
  return problems;
}

/** One HTTP load run, with the server's CPU time per answered request. */
async function measureHttp(server: Server, target: HttpTarget, clients: number, seconds: number) {
  const cpuBefore = server.usage.cpuMs();
  const stats = await loadHttp(target, { connections: clients, seconds });
  const cpu = server.usage.cpuMs() - cpuBefore;
  return {
    ...stats,
    serverCpuMs: stats.requests > 0 ? Math.round((cpu / stats.requests) * 100) / 100 : Number.NaN,
  };
}

function warmSeconds(options: Options): number {
  return options.small ? 0.5 : 2;
}

async function measureScenario(
  scenario: Scenario,
  principal: Principal,
  server: Server,
  options: Options,
  interleave: boolean,
): Promise<ScenarioResult> {
  const base = {
    id: scenario.id,
    title: scenario.title,
    path: scenario.path,
    auth: scenario.auth,
    account: scenario.account as Account,
  };
  const target: HttpTarget = {
    url: `${server.url}${scenario.path}`,
    headers: authHeaders(principal, scenario.auth),
  };
  const first = await probe(target);
  if (first.status === 404 && !first.contentType.includes("json")) {
    log(`${scenario.id}: not measured — the route does not exist in this build (${scenario.note ?? ""})`);
    return { ...base, available: false, note: `route not in this build (${scenario.note ?? "missing"})` };
  }
  if (first.status < 200 || first.status >= 300) {
    log(
      `${scenario.id}: ${scenario.path} answered ${first.status}: ${first.excerpt}\nserver log:\n${server.log()}`,
    );
    return { ...base, available: false, error: `answered ${first.status}`, note: `answered ${first.status}` };
  }
  await loadHttp(target, { connections: 10, seconds: warmSeconds(options) });
  const endpoint: Record<string, RunStats> = {};
  const constant: Record<string, InterleavedConstant> = {};
  const constantTarget = { url: `${server.url}/api/bench/constant` };
  const from = performance.now();
  for (const clients of CLIENTS) {
    // The constant route immediately before and after, same clients and seconds: the ratio
    // then compares figures taken under the same machine load (other work on the machine
    // drifts over a run; one constant measurement at the start made the ratio unfair).
    const before = interleave ? await measureHttp(server, constantTarget, clients, options.seconds) : null;
    endpoint[clients] = await measureHttp(server, target, clients, options.seconds);
    const after = interleave ? await measureHttp(server, constantTarget, clients, options.seconds) : null;
    log(`${scenario.id}, ${clients} client(s): ${fmt(endpoint[clients]!)}`);
    if (before && after) {
      constant[clients] = interleavedConstant(endpoint[clients]!, before, after);
      log(`${scenario.id}, ${clients} client(s): ${describeInterleaved(constant[clients]!)}`);
    }
  }
  const peakRssMb = server.usage.peakMb(from);

  let direct: Measured["direct"] = null;
  let statements: number | undefined;
  if (scenario.service) {
    const caller = await callerOf(principal);
    const service = scenario.service;
    await service(caller); // warm this process's Prisma client first
    const captured = await captureStatements(() => service(caller));
    statements = captured.statements.length;
    direct = {};
    for (const clients of CLIENTS) {
      direct[clients] = await loadDirect(options.databaseUrl, captured.statements, {
        connections: clients,
        seconds: options.seconds,
      });
      log(
        `${scenario.id}, direct SQL (${statements} statements), ${clients} client(s): ${fmt(direct[clients]!)}`,
      );
    }
  }
  return {
    ...base,
    available: true,
    statements,
    measured: { endpoint, direct, peakRssMb, ...(interleave ? { constant } : {}) },
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * A single-core speed index: ms for 10^8 additions in a plain loop (about 100 ms on a current
 * desktop core). Figures of two machines compare only alongside it.
 */
function cpuSpeedIndexMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 100_000_000; i++) sum += i;
  if (sum < 0) throw new Error("unreachable");
  return Math.round(performance.now() - started);
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    next: packageVersion("next"),
    autocannon: packageVersion("autocannon"),
  };
}

function packageVersion(name: string): string {
  const file = `${ROOT}/node_modules/${name}/package.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : "?";
}

async function postgresInfo(db: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string; setting: string }>(
    `select 'version' as name, split_part(version(), ' on ', 1) as setting
     union all select name, current_setting(name) from unnest(array['shared_buffers', 'work_mem',
       'effective_cache_size', 'max_connections', 'random_page_cost', 'jit']) as name`,
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
}

async function databaseName(db: pg.Pool): Promise<string> {
  return (await db.query<{ db: string }>("select current_database() as db")).rows[0]!.db;
}

/** bench:seed's figures, when they are of this database (and of this size, unless null). */
function seedResult(database: string, automations: number | undefined | null): SeedResult | null {
  if (!existsSync(SEED_RESULT_FILE)) return null;
  const seed = JSON.parse(readFileSync(SEED_RESULT_FILE, "utf8")) as SeedResult;
  return seed.database === database && (automations === null || seed.automations === automations)
    ? seed
    : null;
}

// Exit on Ctrl-C / SIGTERM so that the server is stopped (lib/server.ts); API tokens left
// behind are removed by the next run, and a revocation left half-done is undone by it.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
