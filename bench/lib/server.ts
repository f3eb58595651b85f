import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { prepareStandalone, standaloneIsBuilt, standaloneServer } from "../../scripts/lib/standalone";
import { ROOT } from "./paths";

// The production server under test: the standalone server (`node .next/standalone/server.js`,
// as the image runs it; scripts/lib/standalone.ts) as a child process on the benchmark's
// database, and a sampler of its memory (resident set of the process and its children,
// from /proc, every 100 ms).

const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** A route the build must contain, or it predates the benchmark: build again. */
const CONSTANT_ROUTE = path.join(ROOT, ".next", "server", "app", "api", "bench", "constant");

export function buildIsUsable(): boolean {
  return standaloneIsBuilt(ROOT) && existsSync(CONSTANT_ROUTE);
}

export async function build(env: NodeJS.ProcessEnv): Promise<void> {
  await run(process.execPath, [NEXT_BIN, "build"], env);
  prepareStandalone(ROOT);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** The server's environment: production, the benchmark's database, no job queue, no token limit. */
export function serverEnvironment(options: {
  databaseUrl: string;
  port: number;
  secret: string;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    JOBS_DISABLED: "true",
    BENCH_CONSTANT_ROUTE: "true",
    AUTH_SECRET: options.secret,
    APP_URL: `http://127.0.0.1:${options.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // The load comes from one token per person; the limiter still counts every request.
    API_TOKEN_RATE_LIMIT: "1000000000",
  };
  delete env.PORT;
  return env;
}

export interface Server {
  url: string;
  pid: number;
  /** Memory and CPU time of the server's process tree. */
  usage: ProcessSampler;
  /** The server's last output lines, for error messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function startServer(options: { port: number; env: NodeJS.ProcessEnv }): Promise<Server> {
  // Otherwise a server already listening there would answer, and be measured instead.
  await assertPortFree(options.port);
  prepareStandalone(ROOT);
  const child = spawn(process.execPath, [standaloneServer(ROOT)], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // However this process ends (Ctrl-C included), the server must not outlive it.
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  child.once("exit", () => process.removeListener("exit", killChild));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: Server = {
    url,
    pid: child.pid!,
    usage: new ProcessSampler(child.pid!),
    log: () => lines.slice(-40).join("\n"),
    stop: () => stopChild(child, exited),
  };
  await waitUntilReady(url, child, server);
  server.usage.start();
  return server;
}

async function waitUntilReady(url: string, child: ChildProcess, server: Server): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with ${child.exitCode}:\n${server.log()}`);
    try {
      const response = await fetch(`${url}/api/bench/constant`);
      if (response.ok) {
        // A server that failed to bind exits a moment later: make sure ours is the one answering.
        await sleep(500);
        if (child.exitCode === null) return;
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`the server did not answer within 60 s:\n${server.log()}`);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`Port ${port} is taken (${error.code}): stop what listens there, or pass --port <n>.`),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const timeout = sleep(10_000).then(() => "timeout" as const);
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
}

/** Resident memory of a process and all its descendants, sampled every 100 ms; their CPU time on demand. */
export class ProcessSampler {
  private timer: NodeJS.Timeout | undefined;
  private samples: Array<{ at: number; kb: number }> = [];

  constructor(private readonly pid: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** CPU time (user + system) the server has used so far, in ms: per request, a figure that
   * other work on the machine skews far less than latency. */
  cpuMs(): number {
    return descendants(this.pid).reduce((sum, pid) => sum + cpuTicks(pid), 0) * (1000 / CLOCK_TICKS);
  }

  /** Now, in MB. */
  currentMb(): number {
    return toMb(treeRssKb(this.pid));
  }

  /** The highest sample since `from` (performance.now() time), in MB. */
  peakMb(from = 0): number {
    let peak = 0;
    for (const sample of this.samples) if (sample.at >= from && sample.kb > peak) peak = sample.kb;
    return toMb(peak);
  }

  private sample(): void {
    this.samples.push({ at: performance.now(), kb: treeRssKb(this.pid) });
  }
}

const toMb = (kb: number) => Math.round(kb / 102.4) / 10;

/** USER_HZ: /proc reports CPU time in these ticks; 100 on Linux everywhere in practice. */
const CLOCK_TICKS = 100;

function cpuTicks(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function treeRssKb(root: number): number {
  let total = 0;
  for (const pid of descendants(root)) total += rssKb(pid);
  return total;
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process and its descendants, from each thread's /proc/<pid>/task/<tid>/children. */
function descendants(root: number): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    const pid = found[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
        if (children) found.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return found;
}
