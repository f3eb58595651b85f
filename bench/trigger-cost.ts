/**
 * What the dashboard-count triggers cost the revocation, at the database alone: the statements
 * the revocation sends are captured once, then replayed in transactions that are rolled back,
 * interleaved — triggers on, triggers off, and (with --functions) on with other definitions of
 * the trigger functions, e.g. the ones before a change — so that the machine's load hits every
 * variant alike. The deferred apply is fired before the rollback (SET CONSTRAINTS ALL
 * IMMEDIATE). For each "on" variant, the time spent in each trigger function, from
 * pg_stat_xact_user_functions. Nothing is left changed.
 *
 *   DATABASE_URL=postgresql://… npm run bench:triggers -- [--rounds 7] [--functions before.sql]
 *
 * --functions: a file of SQL run inside the variant's transaction before the statements (and
 * rolled back with it): CREATE OR REPLACE FUNCTION statements, or the triggers as they were.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { revokeConnector } from "@/lib/catalog/server/revoke-connector";
import { prisma } from "@/lib/db";
import { captureStatements } from "./lib/direct";
import { dbNow, prepareRevocation, restore } from "./lib/revoke";
import { percentile } from "./lib/stats";
import { DASHBOARD_TRIGGERS } from "./lib/write-cost";

interface Variant {
  name: string;
  /** SQL run in the transaction before the statements: null for triggers off. */
  setup: string | null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "7" }, functions: { type: "string" } },
  });
  const rounds = Number(values.rounds);
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error("--rounds must be a whole number above 0.");
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required.");
  const variants: Variant[] = [
    ...(values.functions ? [{ name: "functions", setup: readFileSync(values.functions, "utf8") }] : []),
    { name: "on", setup: "" },
    { name: "off", setup: null },
  ];

  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const client = new pg.Client({
    connectionString: databaseUrl,
    options: "-c jit=off -c track_functions=pl",
  });
  try {
    const { dependents, statements } = await revocationStatements(db);
    await db.query("vacuum analyze");
    await client.connect();
    const totals = new Map(variants.map((v) => [v.name, [] as number[]]));
    const functions = new Map(variants.map((v) => [v.name, new Map<string, number[]>()]));
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) {
        await client.query("begin");
        try {
          if (variant.setup === null) {
            for (const [table, trigger] of DASHBOARD_TRIGGERS) {
              await client.query(`alter table ${table} disable trigger ${trigger}`);
            }
          } else if (variant.setup) {
            await client.query(variant.setup);
          }
          const started = performance.now();
          for (const statement of statements) await client.query(statement);
          await client.query("set constraints all immediate");
          totals.get(variant.name)!.push(performance.now() - started);
          const { rows } = await client.query<{ name: string; ms: number }>(
            `select funcname as name, total_time as ms from pg_stat_xact_user_functions
              where funcname like 'preflight\\_%count%'`,
          );
          for (const row of rows) {
            const times = functions.get(variant.name)!;
            times.set(row.name, [...(times.get(row.name) ?? []), row.ms]);
          }
        } finally {
          await client.query("rollback");
        }
      }
    }
    const median = (samples: number[]) =>
      Math.round(
        percentile(
          [...samples].sort((a, b) => a - b),
          0.5,
        ),
      );
    const off = median(totals.get("off")!);
    const report = variants.map((variant) => {
      const total = median(totals.get(variant.name)!);
      return {
        variant: variant.name,
        medianMs: total,
        vsOffPct: Math.round((1000 * (total - off)) / off) / 10,
        samplesMs: totals.get(variant.name)!.map(Math.round),
        triggerFunctionsMs: Object.fromEntries(
          [...functions.get(variant.name)!].map(([name, samples]) => [name, median(samples)]),
        ),
      };
    });
    console.log(JSON.stringify({ dependents, rounds, report }, null, 2));
  } finally {
    await client.end().catch(() => {});
    await db.end();
    await prisma.$disconnect();
  }
}

/** The statements one revocation sends (its transaction's own BEGIN and COMMIT left out), and its dependents; undone. */
async function revocationStatements(db: pg.Pool) {
  const { connector, dependents, caller } = await prepareRevocation(db);
  const since = await dbNow(db);
  const { statements } = await captureStatements(() =>
    revokeConnector({ caller, id: connector.id, reason: "Benchmark: trigger cost." }),
  );
  await restore(connector.id, dependents, since);
  return {
    dependents: dependents.length,
    statements: statements
      .filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s.text))
      .map((s) => ({ text: s.text, values: s.values })),
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
