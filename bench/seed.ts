/**
 * The benchmark's data set: a large company, generated and bulk-loaded.
 *
 *   DATABASE_URL=postgresql://… npm run bench:seed -- --automations 100000 [--seed 1] [--chunk-size 10000] [--workers 2] [--force]
 *
 * Everything scales from --automations (bench/lib/scale.ts). The same --seed (and chunk size)
 * gives the same rows; dates are relative to the day of seeding (midnight UTC), so "expires in
 * 7 days" stays true of the data set that day. Prerequisites come from the product's own pure
 * engine (lib/domain), run a chunk of automations at a time in worker threads, and every row goes in with
 * COPY inside one transaction (indexes and keys rebuilt once at the end), then VACUUM ANALYZE
 * (bench/lib/load.ts). Memory stays flat whatever the size: a million automations load in one
 * process without holding them.
 *
 * Creates the database and applies the migrations when needed. Refuses a database that holds
 * anyone but the benchmark's people (their addresses end in @bench.preflight.test) unless --force;
 * it empties every table of the app before loading.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { migrateDeploy } from "../scripts/lib/schema-engine";
import { countRows } from "./lib/counts";
import { CHUNK_SIZE, DEFAULT_WORKERS, type LoadProgress, loadCompany } from "./lib/load";
import { SEED_RESULT_FILE } from "./lib/paths";
import { BENCH_EMAIL_DOMAIN } from "./lib/scale";

const USAGE = `Usage: DATABASE_URL=postgresql://… npm run bench:seed -- --automations <n> [--seed <n>] [--chunk-size <n>] [--force]

  --automations <n>  size of the company (default 100000; everything else scales from it)
  --seed <n>         random seed (default 1): the same seed gives the same data
  --chunk-size <n>   automations generated and copied at a time (default ${CHUNK_SIZE}); requests are
                     chosen within a chunk, so another chunk size gives other rows
  --workers <n>      threads that generate the chunks (default ${DEFAULT_WORKERS}, the cores; 0: the main thread);
                     the rows are the same for any number
  --force            load even into a database that holds other people (every table is emptied)`;

class UsageError extends Error {}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      automations: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      "chunk-size": { type: "string", default: String(CHUNK_SIZE) },
      workers: { type: "string", default: String(DEFAULT_WORKERS) },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  const automations = Number(values.automations);
  const seed = Number(values.seed);
  if (!Number.isInteger(automations) || automations < 100 || automations > 2_000_000) {
    throw new UsageError(`--automations must be a whole number from 100 to 2000000.\n\n${USAGE}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number.\n\n${USAGE}`);
  const chunkSize = Number(values["chunk-size"]);
  if (!Number.isInteger(chunkSize) || chunkSize < 100) {
    throw new UsageError(`--chunk-size must be a whole number of at least 100.\n\n${USAGE}`);
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new UsageError(`DATABASE_URL is not set.\n\n${USAGE}`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new UsageError(`--workers must be a whole number from 0 to 64.\n\n${USAGE}`);
  }
  return { automations, seed, chunkSize, workers, force: values.force, databaseUrl };
}

async function refuseForeignData(client: pg.Client, force: boolean): Promise<void> {
  const { rows } = await client.query<{ foreign: number }>(
    `select count(*)::int as foreign from users where email not like '%' || $1`,
    [BENCH_EMAIL_DOMAIN],
  );
  const foreign = rows[0]?.foreign ?? 0;
  if (foreign > 0 && !force) {
    throw new UsageError(
      `This database holds ${foreign} people who are not the benchmark's (addresses not ending in ${BENCH_EMAIL_DOMAIN}). ` +
        "bench:seed empties every table first: point DATABASE_URL at a database of its own, or pass --force.",
    );
  }
}

/** A progress bar on a terminal; a line every 10 s in CI logs. */
function progressBar(): LoadProgress & { stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: "{phase} |{bar}| {percentage}% | {value}/{total} | {duration_formatted}",
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    phase(name, total) {
      if (!started) bar.start(total, 0, { phase: name.padEnd(20) });
      else {
        bar.setTotal(total);
        bar.update(0, { phase: name.padEnd(20) });
      }
      started = true;
    },
    advance: (steps) => bar.increment(steps),
    stop: () => bar.stop(),
  };
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const { applied } = await migrateDeploy(options.databaseUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s).`);

  // Resident memory every 5 s: it should stay flat while the automations stream in.
  const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  const memory: number[] = [rssMb()];
  const sampler = setInterval(() => memory.push(rssMb()), 5_000);
  sampler.unref();

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await refuseForeignData(client, options.force);
    const bar = progressBar();
    const { anchor, seconds } = await loadCompany(client, { ...options, progress: bar });
    bar.stop();
    const total = Math.round(performance.now() - started) / 1000;
    const rows = await countRows(client);
    clearInterval(sampler);
    // The largest resident set of this process: the generator's memory (Postgres's is its own).
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(
      `\nSeeded ${options.automations.toLocaleString("en")} automations (seed ${options.seed}) in ${total} s: ` +
        `company ${seconds.company} s, automations generated and copied ${seconds.portfolio} s, ` +
        `snapshots and audit trail ${seconds.history} s, indexes and keys ${seconds.indexes} s, ` +
        `vacuum analyze ${seconds.analyze} s; peak memory ${peakRssMb} MB.`,
    );
    for (const [table, count] of Object.entries(rows)) {
      console.log(`  ${table.padEnd(24)} ${count.toLocaleString("en").padStart(12)}`);
    }
    const database = (await client.query<{ db: string }>("select current_database() as db")).rows[0]!.db;
    mkdirSync(path.dirname(SEED_RESULT_FILE), { recursive: true });
    const result = {
      database,
      automations: options.automations,
      seed: options.seed,
      anchor: anchor.toISOString(),
      finishedAt: new Date().toISOString(),
      seconds: { total, ...seconds },
      peakRssMb,
      rssMbEvery5s: memory,
      rows,
    };
    writeFileSync(SEED_RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await client.end();
  }
}

// The schema engine's WebAssembly runtime leaves a timer armed: exit explicitly.
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
