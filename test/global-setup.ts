import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../scripts/lib/embedded-db";

// One database per test run, created from a freshly migrated template. The server is
// TEST_DATABASE_URL's when set (CI: the machine's Postgres 15), otherwise an embedded
// PostgreSQL 15 under .data/test-pg, so `npm test` needs nothing installed.

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "..");

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  let stopServer: (() => Promise<void>) | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data/test-pg"), port: 54339 });
    serverUrl = server.url;
    stopServer = server.stop;
  }

  // Named per run, so that two runs on one server (two terminals, CI) never share a database.
  const TEMPLATE = `preflight_template_${process.pid}`;
  const templateUrl = withDatabase(serverUrl, TEMPLATE);
  await admin(serverUrl, async (client) => {
    await client.query(`drop database if exists ${TEMPLATE} with (force)`);
    await client.query(`create database ${TEMPLATE}`);
  });
  // A child process: the schema engine's WebAssembly runtime keeps a timer armed.
  execFileSync("npx", ["tsx", "scripts/migrate.ts", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: templateUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });

  const database = `preflight_test_${process.pid}`;
  await admin(serverUrl, async (client) => {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database} template ${TEMPLATE}`);
  });
  project.provide("databaseUrl", withDatabase(serverUrl, database));

  return async () => {
    await admin(serverUrl, async (client) => {
      await client.query(`drop database if exists ${database} with (force)`);
      await client.query(`drop database if exists ${TEMPLATE}`);
    });
    await stopServer?.();
  };
}
