import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDashboardCompany } from "@/test/support/dashboard-company";
import { pool, resetDatabase } from "@/test/support/db";

// The restore drill of docs/operations/backup-and-restore.md, run for real: a company's data is
// dumped with pg_dump (custom format, as the runbook says), restored into a new database with
// pg_restore, the migration tool finds that database up to date (what `npm start` checks before
// serving), and every table of the restored copy holds exactly the rows of the original.

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let restoredUrl: string;
let folder: string;

/** The database's URL with another database name. */
function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

/** libpq's connection settings for pg_dump / pg_restore (they take no URL with every option). */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const { hostname, port, username, password } = new URL(url);
  return {
    ...process.env,
    PGHOST: hostname,
    PGPORT: port || "5432",
    PGUSER: decodeURIComponent(username),
    ...(password ? { PGPASSWORD: decodeURIComponent(password) } : {}),
  };
}

/** A digest of every row of every table of the app: names, counts and an md5 of the rows. */
async function digest(client: pg.Client | pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const table = `"${name.replaceAll('"', '""')}"`;
    const { rows } = await client.query<{ n: string; md5: string | null }>(
      `select count(*)::text as n, md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from ${table} t`,
    );
    result[name] = `${rows[0]!.n}:${rows[0]!.md5 ?? "-"}`;
  }
  return result;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "preflight-backup-"));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  if (!restoredUrl) return;
  const admin = new pg.Client({ connectionString: withDatabase(restoredUrl, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(restoredUrl).pathname.slice(1)} with (force)`);
  await admin.end();
});

describe("backup and restore drill", () => {
  it("pg_dump, pg_restore into a new database: up to date for the app, every row equal", {
    timeout: 120_000,
  }, async () => {
    await resetDatabase();
    await buildDashboardCompany();
    const sourceUrl = process.env.DATABASE_URL!;
    const source = new URL(sourceUrl).pathname.slice(1);
    const dump = path.join(folder, "preflight.dump");
    const started = Date.now();
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, source], {
      env: libpqEnv(sourceUrl),
    });

    const restored = `${source}_restored`;
    restoredUrl = withDatabase(sourceUrl, restored);
    const admin = new pg.Client({ connectionString: withDatabase(sourceUrl, "postgres") });
    await admin.connect();
    await admin.query(`drop database if exists ${restored} with (force)`);
    await admin.query(`create database ${restored}`);
    await admin.end();
    await run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${restored}`, dump], {
      env: libpqEnv(sourceUrl),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    // What `npm start` checks before it serves: the migrations, all applied.
    const status = await run(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/migrate.ts", "status"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: restoredUrl },
      },
    );
    expect(status.stdout + status.stderr).toMatch(/up to date/i);

    const copy = new pg.Client({ connectionString: restoredUrl });
    await copy.connect();
    try {
      const [before, after] = await Promise.all([digest(pool()), digest(copy)]);
      expect(Object.keys(before).length).toBeGreaterThan(20);
      expect(Number(before.automations!.split(":")[0])).toBeGreaterThan(0);
      expect(after).toEqual(before);
      console.info(
        `backup drill: ${Object.keys(before).length} tables, ${before.automations!.split(":")[0]} automations, ${before.audit_events!.split(":")[0]} audit events; dump + restore ${seconds} s`,
      );
    } finally {
      await copy.end();
    }
  });
});
