/**
 * The web server of the browser tests (playwright.config.ts): the production build on a
 * fresh database of its own, with the demo data and the bundled identity provider, on
 * E2E ports so that a portal running for development is left alone.
 *
 * Database: a new `preflight_e2e` on TEST_DATABASE_URL's server when set, otherwise a new
 * embedded PostgreSQL under .data/e2e-pg. E2E_SKIP_BUILD=1 reuses an existing build.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requireHere = createRequire(import.meta.url);

/** Named per port, so that two browser-test runs on one server never share a database. */
async function recreateDatabase(serverUrl: string, port: string): Promise<string> {
  const E2E_DATABASE = `preflight_e2e_${port}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${E2E_DATABASE} with (force)`);
    await client.query(`create database ${E2E_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: process.env.PORT ?? "3100",
    DEV_IDP_PORT: process.env.DEV_IDP_PORT ?? "3911",
    DEMO_TENANT_PORT: process.env.DEMO_TENANT_PORT ?? "3913",
    DEMO_TENANT_THROTTLE_EVERY: "7",
    // The browser tests' own demo sign-in; every spec signs in from 127.0.0.1.
    ALLOW_DEV_IDP_IN_PRODUCTION: "true",
    AUTH_SIGNIN_RATE_LIMIT: "1000",
  };
  env.APP_URL ??= `http://localhost:${env.PORT}`;
  delete env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL) {
    env.DATABASE_URL = await recreateDatabase(process.env.TEST_DATABASE_URL, env.PORT ?? "3100");
  } else {
    env.PREFLIGHT_DATA_DIR = ".data/e2e-pg";
    env.EMBEDDED_DB_PORT = process.env.E2E_DB_PORT ?? "54349";
    rmSync(path.join(root, env.PREFLIGHT_DATA_DIR), { recursive: true, force: true });
  }
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [requireHere.resolve("next/dist/bin/next"), "build"], {
      cwd: root,
      env,
      stdio: "inherit",
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server: ChildProcess = spawn(
    process.execPath,
    [requireHere.resolve("tsx/cli"), "scripts/serve.ts", "start"],
    {
      cwd: root,
      env,
      stdio: "inherit",
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
