import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { prepareStandalone, standaloneServer } from "@/scripts/lib/standalone";

// The production server as an image runs it (`node .next/standalone/server.js`), for the tests
// of what only a real process shows: signals, exit codes, several instances on one database.
// They need the production build: CI builds before it tests (.ci/run); locally, `npm run build`.

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Fails (never skips) when there is no standalone build to run. */
export function requireStandaloneBuild(): string {
  const server = standaloneServer(ROOT);
  if (!existsSync(server)) {
    throw new Error(
      `${path.relative(ROOT, server)} does not exist: these tests run the production build. ` +
        "Run `npm run build` first (CI builds before it tests).",
    );
  }
  prepareStandalone(ROOT);
  return server;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, migrated database of its own on the test server (`runDatabaseUrl`'s), and how to drop it. */
export async function createDatabase(
  runDatabaseUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: withDatabase(runDatabaseUrl, "postgres") });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  const database = `${name}_${process.pid}`;
  await admin(`drop database if exists ${database} with (force)`);
  await admin(`create database ${database}`);
  const url = withDatabase(runDatabaseUrl, database);
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/migrate.ts", "deploy"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const drop = async () => {
    // A pool's end() resolves before its connections have closed: let them close (for up to
    // 3 s) rather than have the forced drop cut them, which their clients report as an error.
    for (let i = 0; i < 30; i++) {
      const [open] = await admin("select count(*)::int as n from pg_stat_activity where datname = $1", [
        database,
      ]);
      if (open?.n === 0) break;
      await sleep(100);
    }
    await admin(`drop database if exists ${database} with (force)`);
  };
  return { url, drop };
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

/** One AUTH_SECRET for every instance of a test, as a deployment shares one. */
export const SHARED_SECRET = randomBytes(48).toString("base64url");

/** Starts server.js on `port` and waits until it answers /api/health/live. */
export async function startInstance(options: {
  name: string;
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<Instance> {
  const server = requireStandaloneBuild();
  const child = spawn(process.execPath, [server], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(options.port),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${options.port}`,
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: SHARED_SECRET,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const keep = (chunk: Buffer) => {
    printed += chunk.toString("utf8");
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // However the test ends, no server outlives it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.removeListener("exit", killOnExit));
  const instance: Instance = {
    name: options.name,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    child,
    exited,
    output: () => printed,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited at start:\n${printed}`);
    try {
      if ((await fetch(`${instance.url}/api/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not answer within 60 s:\n${printed}`);
    }
    await sleep(100);
  }
  return instance;
}

/** SIGTERM, then SIGKILL if it is still there after `ms`. */
export async function stopInstance(instance: Instance, ms = 30_000) {
  instance.kill("SIGTERM");
  const timer = sleep(ms).then(() => "timeout" as const);
  if ((await Promise.race([instance.exited, timer])) === "timeout") instance.kill("SIGKILL");
  return instance.exited;
}
