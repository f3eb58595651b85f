/**
 * The launcher behind `npm start` (`tsx scripts/serve.ts start`) and `npm run dev`
 * (`tsx scripts/serve.ts dev`).
 *
 * Starts, in order, the services below and stops them in reverse order: Next first, so the app
 * never runs without its database, then the embedded PostgreSQL (fast shutdown, data consistent).
 *
 * Environment: DATABASE_URL (when unset: the embedded PostgreSQL 15 in PREFLIGHT_DATA_DIR,
 * default .data/pg, on 127.0.0.1:EMBEDDED_DB_PORT, default 54329), PORT (default 3000),
 * PREFLIGHT_INSTANCES (start only, default 1: with 2 or more, that many instances of the
 * production server on the ports after PORT, behind a round-robin proxy on PORT — the topology of
 * docker-compose.yml, on one machine), PREFLIGHT_SERVE_DRY_RUN=1 (everything but Next; waits for
 * Ctrl-C — for testing this launcher).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { loadEnvConfig } from "@next/env";
import pg from "pg";
import { DEV_IDP_DEFAULTS, devIdpRedirectUri } from "../lib/auth/demo-accounts";
import { DEFAULT_SHUTDOWN_GRACE_MS } from "../lib/env";
import { startFakeTenant } from "../lib/inventory/testing/fake-tenant";
import { startDevIdp } from "./lib/dev-idp";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-db";
import { startHttpProxy } from "./lib/http-proxy";
import { prepareStandalone, standaloneIsBuilt, standaloneServer } from "./lib/standalone";

type Mode = "start" | "dev";

interface Context {
  mode: Mode;
  root: string;
  /** The environment of every child; a service may add to it for the services after it. */
  env: NodeJS.ProcessEnv;
}

interface Running {
  stop(): Promise<void>;
  /** Set by the foreground service (Next): resolves with its exit code when it exits. */
  exited?: Promise<number>;
}

interface Service {
  name: string;
  /** Returns a handle when something keeps running, nothing for one-shot steps. */
  start(ctx: Context): Promise<Running | undefined>;
}

/** A failure the user can act on: printed without a stack trace, exit code 1. */
class LaunchError extends Error {}

const APP_DATABASE = "preflight";
/** Set when this launcher runs the embedded database, i.e. a laptop or demo, not a deployment. */
let embeddedDatabase = false;
/**
 * How long Next gets to stop before it is killed: longer than its own shutdown, which lets
 * requests finish for SHUTDOWN_GRACE_MS and then stops the job queue (lib/shutdown.ts).
 */
const NEXT_STOP_TIMEOUT_MS = shutdownGraceMs() + 15_000;
const DB_CONNECT_TIMEOUT_MS = 5_000;
/** npm and tsx relay the terminal's Ctrl-C to us again a few ms later: that is not a second Ctrl-C. */
const SIGNAL_ECHO_MS = 500;

const requireHere = createRequire(import.meta.url);

/** SHUTDOWN_GRACE_MS as lib/env.ts reads it (validated there, when the server starts). */
function shutdownGraceMs(): number {
  const given = Number(process.env.SHUTDOWN_GRACE_MS);
  return Number.isInteger(given) && given >= 0 ? given : DEFAULT_SHUTDOWN_GRACE_MS;
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// ---------------------------------------------------------------------------------------------
// The services, in start order. A development OIDC identity provider goes right before
// `nextServer`: it must be up (and its issuer URL in ctx.env) before Next starts.

const database: Service = {
  name: "database",
  async start(ctx) {
    const external = ctx.env.DATABASE_URL;
    if (external) {
      const target = describeDatabaseUrl(external);
      console.log(`Using DATABASE_URL (${target})`);
      await checkReachable(external, target);
      return undefined;
    }
    const port = parsePort(ctx.env.EMBEDDED_DB_PORT ?? "54329", "EMBEDDED_DB_PORT");
    const dataDir = path.resolve(ctx.root, ctx.env.PREFLIGHT_DATA_DIR ?? ".data/pg");
    console.log(`Using the embedded PostgreSQL 15 in ${displayPath(ctx.root, dataDir)} (port ${port})`);
    const db = await startEmbeddedPostgres({ dataDir, port }).catch((error: unknown) => {
      throw new LaunchError(`${errorMessage(error)}\n(Another port: set EMBEDDED_DB_PORT.)`);
    });
    try {
      await ensureDatabase(db.url, APP_DATABASE);
    } catch (error) {
      await db.stop();
      throw error;
    }
    ctx.env.DATABASE_URL = db.serverUrl(APP_DATABASE);
    embeddedDatabase = true;
    return { stop: () => db.stop() };
  },
};

const migrations: Service = {
  name: "migrations",
  async start(ctx) {
    // deploy also runs the post-deploy steps not run yet (docs/operations/post-deploy-steps.md).
    await runScript(
      ctx,
      "scripts/migrate.ts",
      ["deploy"],
      "apply the database migrations and post-deploy steps",
    );
    return undefined;
  },
};

const demoData: Service = {
  name: "demo data",
  async start(ctx) {
    // --if-empty: seeds only a database without users, so restarts keep what people entered.
    await runScript(ctx, "prisma/seed.ts", ["--if-empty"], "load the demo data");
    return undefined;
  },
};

const nextServer: Service = {
  name: "next",
  async start(ctx) {
    const port = parsePort(ctx.env.PORT ?? "3000", "PORT");
    if (ctx.env.PREFLIGHT_SERVE_DRY_RUN === "1") return dryRun();
    if (!(await isPortFree(port))) {
      throw new LaunchError(
        `Port ${port} is already in use. Stop what uses it, or set PORT to another port.`,
      );
    }
    if (ctx.mode === "start" && !standaloneIsBuilt(ctx.root)) {
      console.log("No production build yet: building it once (next build)…");
      await runToCompletion(ctx, "next", ["build"], "build the app");
    }
    const instances = ctx.mode === "start" ? parseInstances(ctx.env.PREFLIGHT_INSTANCES) : 1;
    if (instances > 1) return startCluster(ctx, port, instances);
    const child =
      ctx.mode === "start" ? startStandalone(ctx, port) : spawnTool(ctx, "next", ["dev", "-p", String(port)]);
    const exited = exitCodeOf(child);
    void announceWhenListening(port, exited);
    return { exited, stop: () => stopChild(child) };
  },
};

/**
 * Several instances on one database behind a round-robin proxy on `port` (scripts/lib/http-proxy.ts),
 * as a load balancer would run them: each on its own loopback port after `port`, trusting the one
 * proxy hop for client addresses. They share the database, AUTH_SECRET and the build — nothing else.
 * The first to exit ends the launcher, which stops the others.
 */
async function startCluster(ctx: Context, port: number, instances: number): Promise<Running> {
  const ports = Array.from({ length: instances }, (_, i) => port + 1 + i);
  for (const backend of ports) {
    if (!(await isPortFree(backend))) {
      throw new LaunchError(
        `Port ${backend} (instance ${backend - port}) is already in use. Set PORT to another port.`,
      );
    }
  }
  const children = ports.map((backend) =>
    startStandalone({ ...ctx, env: { TRUSTED_PROXY_HOPS: "1", ...ctx.env } }, backend, "127.0.0.1"),
  );
  const proxy = await startHttpProxy(port, ports, "::");
  const exited = Promise.race(children.map(exitCodeOf));
  void announceWhenListening(port, exited).then(() =>
    console.log(`${instances} instances on ports ${ports.join(", ")}, behind the proxy on ${port}.`),
  );
  return {
    exited,
    stop: async () => {
      await proxy.close();
      await Promise.all(children.map(stopChild));
    },
  };
}

function parseInstances(value: string | undefined): number {
  const instances = Number(value ?? "1");
  if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
    throw new LaunchError(`PREFLIGHT_INSTANCES must be a whole number from 1 to 8, not "${value}".`);
  }
  return instances;
}

/**
 * The production build as an image runs it (scripts/lib/standalone.ts): `node server.js`, on
 * every IPv4 address of the machine as `next start` did. Next reads the .env files of the
 * standalone folder only; those of the project are read here instead, with Next's own loader
 * and its rule that a variable already set wins.
 */
function startStandalone(ctx: Context, port: number, hostname = "0.0.0.0"): ChildProcess {
  prepareStandalone(ctx.root);
  const files = loadEnvConfig(ctx.root, false, { info: () => undefined, error: console.error }, true);
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  for (const [name, value] of Object.entries(files.combinedEnv)) {
    if (env[name] === undefined) env[name] = value;
  }
  Object.assign(env, { PORT: String(port), HOSTNAME: hostname, NODE_ENV: "production" });
  const child = spawn(process.execPath, [standaloneServer(ctx.root)], { env, stdio: "inherit" });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

/**
 * The session-signing secret. `next start` runs with NODE_ENV=production, which requires one;
 * on a laptop without AUTH_SECRET we create a random one once and keep it under .data/ (not
 * in git) so that sessions survive a restart.
 */
const authSecret: Service = {
  name: "auth secret",
  async start(ctx) {
    if (ctx.env.AUTH_SECRET) return undefined;
    const file = path.join(ctx.root, ".data", "auth-secret");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
    }
    ctx.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
    return undefined;
  },
};

/**
 * With no Entra ID or OIDC provider configured, the bundled development identity provider
 * signs in the demo accounts. `npm start` runs the production build, so on the embedded
 * database (a laptop or a demo) we say explicitly that it is allowed there. Against a real
 * DATABASE_URL it is only started when ALLOW_DEV_IDP_IN_PRODUCTION=true was set by hand, so a
 * deployment that forgot its identity provider offers no sign-in rather than demo sign-in.
 */
const identityProvider: Service = {
  name: "identity provider",
  async start(ctx) {
    if (ctx.env.AUTH_ENTRA_CLIENT_ID || ctx.env.AUTH_OIDC_ISSUER || ctx.env.DEV_IDP_URL) return undefined;
    const appPort = parsePort(ctx.env.PORT ?? "3000", "PORT");
    ctx.env.APP_URL ??= `http://localhost:${appPort}`;
    if (ctx.mode === "start" && !embeddedDatabase && ctx.env.ALLOW_DEV_IDP_IN_PRODUCTION !== "true") {
      console.warn(
        "No identity provider configured (AUTH_ENTRA_* or AUTH_OIDC_*): nobody can sign in. " +
          "For a demo on this database set ALLOW_DEV_IDP_IN_PRODUCTION=true.",
      );
      return undefined;
    }
    ctx.env.ALLOW_DEV_IDP_IN_PRODUCTION ??= "true";
    const port = parsePort(ctx.env.DEV_IDP_PORT ?? String(DEV_IDP_DEFAULTS.port), "DEV_IDP_PORT");
    const idp = await startDevIdp({
      port,
      redirectUris: [devIdpRedirectUri(ctx.env.APP_URL)],
      clientId: ctx.env.DEV_IDP_CLIENT_ID ?? DEV_IDP_DEFAULTS.clientId,
      clientSecret: ctx.env.DEV_IDP_CLIENT_SECRET ?? DEV_IDP_DEFAULTS.clientSecret,
      environment: ctx.env,
    }).catch((error: unknown) => {
      throw new LaunchError(`Could not start the demo identity provider: ${errorMessage(error)}`);
    });
    ctx.env.DEV_IDP_URL = idp.issuer;
    console.log(
      `No identity provider configured: demo sign-in at ${idp.issuer} (demo accounts, any password).`,
    );
    return { stop: () => idp.stop() };
  },
};

/**
 * The demo's Power Platform tenant: a fake one on loopback (lib/inventory/testing/fake-tenant.ts)
 * that the live sync reads out of the box. Started where the demo sign-in is, and only when no
 * real tenant is configured; its client secret is made up per start and given to the sync by
 * reference, as a real one would be.
 */
const demoTenant: Service = {
  name: "demo tenant",
  async start(ctx) {
    if (ctx.env.INVENTORY_SYNC_TOKEN_URL || !ctx.env.DEV_IDP_URL) return undefined;
    const port = parsePort(ctx.env.DEMO_TENANT_PORT ?? "3912", "DEMO_TENANT_PORT");
    const clientSecret = randomBytes(24).toString("base64url");
    const tenant = await startFakeTenant({
      port,
      clientSecret,
      environments: 2,
      flowsPerEnvironment: 12,
    }).catch((error: unknown) => {
      throw new LaunchError(`Could not start the demo tenant: ${errorMessage(error)}`);
    });
    // The browser tests switch throttling on, to see a sync retry and still finish.
    const throttle = Number(ctx.env.DEMO_TENANT_THROTTLE_EVERY ?? "0");
    if (throttle > 0) Object.assign(tenant.faults, { throttleEvery: throttle, retryAfterSeconds: 1 });
    Object.assign(ctx.env, {
      INVENTORY_SYNC_TOKEN_URL: `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`,
      INVENTORY_SYNC_CLIENT_ID: "fake-client",
      INVENTORY_SYNC_CLIENT_SECRET_VARIABLE: "DEMO_TENANT_CLIENT_SECRET",
      DEMO_TENANT_CLIENT_SECRET: clientSecret,
      INVENTORY_SYNC_BAP_URL: tenant.url,
      INVENTORY_SYNC_FLOW_URL: tenant.url,
      INVENTORY_SYNC_POWERAPPS_URL: tenant.url,
    });
    console.log(`Demo Power Platform tenant at ${tenant.url}: the import page's live sync reads it.`);
    return { stop: () => tenant.stop() };
  },
};

const services: Service[] = [
  database,
  migrations,
  demoData,
  authSecret,
  identityProvider,
  demoTenant,
  nextServer,
];

// ---------------------------------------------------------------------------------------------
// Orchestration: start in order; stop in reverse on a signal, a failure, or Next exiting.

const running: Running[] = [];
/** One-shot children (migrations, seed, build) in flight, so a shutdown can interrupt them. */
const oneShots = new Set<ChildProcess>();
/** Every child still running, so a forced exit leaves none behind. */
const liveChildren = new Set<ChildProcess>();
let startingStep: Promise<unknown> | undefined;
let stopping: Promise<void> | undefined;
let firstSignalAt = 0;

async function main(): Promise<void> {
  const mode = parseMode(process.argv[2]);
  const ctx: Context = { mode, root, env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env } };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);

  let foreground: Promise<number> | undefined;
  try {
    for (const service of services) {
      if (stopping) return;
      // Registering the handle inside the step lets a concurrent shutdown see it once settled.
      const step = service.start(ctx).then((handle) => {
        if (handle) running.push(handle);
        return handle;
      });
      startingStep = step;
      foreground = (await step)?.exited ?? foreground;
    }
  } catch (error) {
    if (stopping) return; // the step failed because the shutdown interrupted it
    reportFailure(error);
    await stopAll();
    process.exit(1);
  }
  const code = await (foreground ?? Promise.resolve(0));
  if (stopping) return;
  console.log(`Next exited with code ${code}; stopping the database.`);
  await stopAll();
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    if (Date.now() - firstSignalAt < SIGNAL_ECHO_MS) return;
    console.error("Second interrupt: killing Next and exiting without waiting.");
    for (const child of liveChildren) killTree(child);
    process.exit(1);
  }
  firstSignalAt = Date.now();
  console.log(`\n${signal}: stopping Preflight…`);
  void stopAll().then(() => process.exit(0));
}

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const child of oneShots) child.kill("SIGTERM");
    await startingStep?.catch(() => undefined);
    for (const service of [...running].reverse()) {
      await service.stop().catch((error: unknown) => console.error(`While stopping: ${errorMessage(error)}`));
    }
  })();
  return stopping;
}

function reportFailure(error: unknown): void {
  if (error instanceof LaunchError) console.error(error.message);
  else console.error(error);
}

// ---------------------------------------------------------------------------------------------
// Children

/** Runs tools with this Node directly, not through npx: npx does not pass SIGTERM on to the tool. */
function spawnTool(ctx: Context, tool: "next" | "tsx", args: string[]): ChildProcess {
  const entry = requireHere.resolve(tool === "next" ? "next/dist/bin/next" : "tsx/cli");
  const child = spawn(process.execPath, [entry, ...args], { cwd: ctx.root, env: ctx.env, stdio: "inherit" });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

async function runScript(ctx: Context, file: string, args: string[], what: string): Promise<void> {
  if (!existsSync(path.join(ctx.root, file))) {
    console.warn(`Warning: ${file} does not exist yet — skipped: ${what}.`);
    return;
  }
  // react-server: lets scripts import the app's server modules (they import "server-only").
  await runToCompletion(ctx, "tsx", ["--conditions=react-server", file, ...args], what);
}

async function runToCompletion(
  ctx: Context,
  tool: "next" | "tsx",
  args: string[],
  what: string,
): Promise<void> {
  const child = spawnTool(ctx, tool, args);
  oneShots.add(child);
  const code = await exitCodeOf(child).finally(() => oneShots.delete(child));
  // Interrupted by a shutdown: whatever comes next in this step must not start.
  if (stopping) throw new LaunchError(`Interrupted: ${what}.`);
  if (code !== 0) {
    throw new LaunchError(`Could not ${what}: \`${tool} ${args.join(" ")}\` exited with code ${code}.`);
  }
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`Could not run ${child.spawnfile}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? signalNumber(signal) : 0)));
  });
}

/** SIGTERM (Next closes its server), then after NEXT_STOP_TIMEOUT_MS SIGKILL for it and whatever it started. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = sleep(NEXT_STOP_TIMEOUT_MS, "timeout" as const, { ref: false });
  if ((await Promise.race([exited, timer])) !== "timeout") return;
  console.error(`Next did not stop within ${NEXT_STOP_TIMEOUT_MS / 1000} s: killing it.`);
  killTree(child);
  await exited;
}

function killTree(child: ChildProcess): void {
  for (const pid of [...descendantsOf(child.pid), child.pid]) {
    try {
      if (pid) process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** `next dev` runs the server in a child of its own, which a SIGKILL of the parent leaves behind. */
function descendantsOf(pid: number | undefined): number[] {
  if (!pid || process.platform === "win32") return [];
  const children = new Map<number, number[]>();
  const table = execFileSync("ps", ["-A", "-o", "pid=", "-o", "ppid="], { encoding: "utf8" });
  for (const line of table.split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child && parent) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    const next = children.get(queue.shift() ?? 0) ?? [];
    found.push(...next);
    queue = [...queue, ...next];
  }
  return found;
}

function dryRun(): Running {
  console.log("PREFLIGHT_SERVE_DRY_RUN=1: not starting Next. Press Ctrl-C to stop.");
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return {
    exited: new Promise<number>(() => undefined),
    stop: async () => clearInterval(keepAlive),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks and small helpers

async function announceWhenListening(port: number, exited: Promise<number>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (!gone && !stopping) {
    if (await canConnect(port)) {
      console.log(`\nPreflight is running on http://localhost:${port}\n`);
      return;
    }
    await sleep(250);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Next would fail on a taken port, and the announcement would point at someone else's server. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

async function checkReachable(url: string, target: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS });
  client.on("error", () => undefined); // a late socket error after a failed connect must not crash us
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new LaunchError(
      `Cannot connect to the database at ${target} (from DATABASE_URL): ${connectFailure(error)}.\n` +
        "Start that PostgreSQL server, fix DATABASE_URL, or unset it to use the embedded PostgreSQL.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function connectFailure(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused — nothing listens there",
    ENOTFOUND: "unknown host",
    ETIMEDOUT: "no answer",
    "28P01": "password authentication failed",
    "3D000": "the database does not exist",
  };
  if (code && known[code]) return known[code];
  if (message?.includes("timeout")) return `no answer within ${DB_CONNECT_TIMEOUT_MS / 1000} s`;
  return message || code || "unknown error";
}

/** host:port/db of a connection URL — never the password. */
function describeDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LaunchError("DATABASE_URL is set but is not a valid postgresql:// URL.");
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const db = decodeURIComponent(parsed.pathname.slice(1)) || "(default database)";
  return `${host}:${parsed.port || "5432"}/${db}`;
}

function displayPath(base: string, file: string): string {
  const relative = path.relative(base, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function parseMode(arg: string | undefined): Mode {
  if (arg === "start" || arg === "dev") return arg;
  console.error("Usage: tsx scripts/serve.ts start|dev");
  process.exit(2);
}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LaunchError(`${name} must be a port number (1–65535), not "${value}".`);
  }
  return port;
}

function signalNumber(signal: NodeJS.Signals): number {
  return os.constants.signals[signal] ?? 0;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  reportFailure(error);
  void stopAll().finally(() => process.exit(1));
});
