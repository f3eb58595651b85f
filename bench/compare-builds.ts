/**
 * Server CPU per request of two builds, measured in pairs: does a change cost CPU?
 *
 *   npm run bench:compare -- --before <checkout> --before-db <url> --after <checkout> --after-db <url>
 *                            [--pairs 8] [--seconds 2] [--only me,detail,…] [--port 3711]
 *
 * Each checkout is built (`npm run build`) and has its own database, seeded alike
 * (`npm run bench:seed -- --automations 20000 --seed 1`). Both servers run at once
 * (`next start`); for each read scenario and 1 and 20 clients, bursts of load alternate between
 * them (before, after; then after, before), and each burst's server CPU time per answered
 * request is read from /proc. The figure is the median of the per-pair ratios after ÷ before:
 * a change of machine speed during the run (shared cores) moves both halves of a pair alike,
 * which separate runs minutes apart do not. The scenarios, sign-in cookies and tokens come
 * from each checkout's own benchmark code (bench/lib/scenarios.ts, principals.ts), so the two
 * builds are asked the same questions in their own dialect. Results: bench/results.compare.json.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadHttp } from "./lib/http-load";
import { ROOT } from "./lib/paths";
import { ProcessSampler, serverEnvironment } from "./lib/server";

const USAGE = `Usage: npm run bench:compare -- --before <checkout> --before-db <url> --after <checkout> --after-db <url> [--pairs 8] [--seconds 2] [--only <ids>] [--port 3711]`;
const CLIENTS = [1, 20] as const;
const RESULTS_FILE = path.join(ROOT, "bench", "results.compare.json");

interface Target {
  id: string;
  path: string;
  headers: Record<string, string>;
}

interface Side {
  name: "before" | "after";
  dir: string;
  databaseUrl: string;
  port: number;
}

// Run by tsx in the other checkout: its own scenarios and principals, printed as plain targets.
const TARGETS_SCRIPT = `
const load = (p) => import(p).then((m) => m.default ?? m);
(async () => {
  const pg = await load("pg");
  const { preparePrincipals, removeTokens } = await load("./bench/lib/principals");
  const { authHeaders, loadFixtures, readScenarios } = await load("./bench/lib/scenarios");
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  if (process.env.COMPARE_CLEANUP) { await removeTokens(db); await db.end(); return; }
  const principals = await preparePrincipals(db, process.env.AUTH_SECRET);
  const targets = readScenarios(await loadFixtures(db)).map((s) => ({
    id: s.id, path: s.path, headers: authHeaders(principals[s.account], s.auth),
  }));
  console.log("TARGETS " + JSON.stringify(targets));
  await db.end();
})().catch((error) => { console.error(error); process.exit(1); });`;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      before: { type: "string" },
      "before-db": { type: "string" },
      after: { type: "string" },
      "after-db": { type: "string" },
      pairs: { type: "string", default: "8" },
      seconds: { type: "string", default: "2" },
      only: { type: "string" },
      port: { type: "string", default: "3711" },
    },
  });
  const pairs = Number(values.pairs);
  const seconds = Number(values.seconds);
  const port = Number(values.port);
  const missing = ["before", "before-db", "after", "after-db"].filter(
    (name) => !values[name as keyof typeof values],
  );
  if (missing.length > 0) throw new Error(`Missing --${missing.join(", --")}.\n\n${USAGE}`);
  if (!(Number.isInteger(pairs) && pairs > 0) || !(seconds > 0) || !Number.isInteger(port)) {
    throw new Error(USAGE);
  }
  const sides: Side[] = [
    { name: "before", dir: path.resolve(values.before!), databaseUrl: values["before-db"]!, port },
    { name: "after", dir: path.resolve(values.after!), databaseUrl: values["after-db"]!, port: port + 1 },
  ];
  for (const side of sides) {
    if (!existsSync(path.join(side.dir, ".next", "BUILD_ID"))) {
      throw new Error(`${side.dir} has no build: run npm run build there first.`);
    }
  }
  const only = values.only ? new Set(values.only.split(",").map((id) => id.trim())) : null;
  return { sides, pairs, seconds, only };
}

function runInCheckout(side: Side, env: NodeJS.ProcessEnv): string {
  const result = spawnSync("npx", ["tsx", "--conditions=react-server", "-e", TARGETS_SCRIPT], {
    cwd: side.dir,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${side.dir}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

function targetsOf(side: Side, env: NodeJS.ProcessEnv): Target[] {
  const line = runInCheckout(side, env)
    .split("\n")
    .find((l) => l.startsWith("TARGETS "));
  if (!line) throw new Error(`${side.dir} printed no targets.`);
  return JSON.parse(line.slice("TARGETS ".length)) as Target[];
}

async function startNext(side: Side, env: NodeJS.ProcessEnv) {
  const next = path.join(side.dir, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "-p", String(side.port), "-H", "127.0.0.1"], {
    cwd: side.dir,
    env,
    stdio: "ignore",
  });
  process.once("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${side.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${side.dir}: next start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/bench/constant`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, child, cpu: new ProcessSampler(child.pid!) };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill("SIGKILL");
  throw new Error(`${side.dir}: the server did not answer within 60 s`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;

async function main(argv: string[]): Promise<void> {
  const { sides, pairs, seconds, only } = parseOptions(argv);
  const secret = randomBytes(48).toString("base64url");
  const envs = sides.map((side) => serverEnvironment({ ...side, secret }));
  const targets = sides.map((side, i) => targetsOf(side, envs[i]!));
  const servers = await Promise.all(sides.map((side, i) => startNext(side, envs[i]!)));
  const results = [];
  try {
    const ids = targets[0]!.map((t) => t.id).filter((id) => (only ? only.has(id) : true));
    for (const id of ids) {
      const perSide = sides.map((_, i) => {
        const target = targets[i]!.find((t) => t.id === id);
        if (!target) throw new Error(`${sides[i]!.dir} has no scenario ${id}`);
        return { url: `${servers[i]!.url}${target.path}`, headers: target.headers, cpu: servers[i]!.cpu };
      });
      // Warm both (modules loaded, statements prepared) before anything is counted.
      for (const side of perSide) await loadHttp(side, { connections: 10, seconds: 2 });
      for (const clients of CLIENTS) {
        const cpuMs: [number[], number[]] = [[], []];
        const ratios: number[] = [];
        for (let pair = 0; pair < pairs; pair += 1) {
          const order = pair % 2 === 0 ? [0, 1] : [1, 0];
          const perRequest: number[] = [];
          for (const i of order) {
            const side = perSide[i]!;
            const before = side.cpu.cpuMs();
            const stats = await loadHttp(side, { connections: clients, seconds });
            const used = side.cpu.cpuMs() - before;
            if (stats.failures > 0)
              throw new Error(`${id} (${sides[i]!.name}): ${stats.failures} failed requests`);
            perRequest[i] = used / stats.requests;
            cpuMs[i as 0 | 1].push(perRequest[i]!);
          }
          ratios.push(perRequest[1]! / perRequest[0]!);
        }
        const row = {
          id,
          clients,
          beforeMs: round2(median(cpuMs[0])),
          afterMs: round2(median(cpuMs[1])),
          ratio: round3(median(ratios)),
          ratios: ratios.map(round3),
        };
        results.push(row);
        console.log(
          `${id.padEnd(18)} ${String(clients).padStart(2)} client(s): before ${row.beforeMs} ms, after ${row.afterMs} ms, ` +
            `median of ${pairs} pair ratios ${pct(row.ratio)} (pairs: ${ratios.map((r) => pct(r)).join(", ")})`,
        );
      }
    }
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
    // The benchmark's tokens go again; a failure here must not hide the run's own error.
    sides.forEach((side, i) => {
      try {
        runInCheckout(side, { ...envs[i]!, COMPARE_CLEANUP: "1" });
      } catch (error) {
        console.error(`Tokens not removed: ${error instanceof Error ? error.message : error}`);
      }
    });
  }
  const largest = results.reduce((max, row) => Math.max(max, row.ratio), 0);
  console.log(`Largest growth: ${pct(largest)}.`);
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ finishedAt: new Date().toISOString(), pairs, seconds, builds: sides.map(({ name, dir }) => ({ name, dir })), results }, null, 2)}\n`,
  );
  console.log(`Wrote ${path.relative(ROOT, RESULTS_FILE)}.`);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
