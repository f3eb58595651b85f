import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import type { Company } from "@/test/support/company";
import {
  createDatabase,
  type Instance,
  requireStandaloneBuild,
  startInstance,
} from "@/test/support/standalone";

// A clean stop of the production server (lib/shutdown.ts), on the built standalone server and a
// database of its own. On SIGTERM the instance stops accepting connections, lets a request in
// flight finish, stops its job queue, closes its pools and exits 0; a download still running
// when SHUTDOWN_GRACE_MS is over is cut, so the client sees an incomplete transfer.

const PORT = 3950;
const GRACE_MS = 3_000;
/** Rows enough that the CSV (several MB) cannot sit in the sockets' buffers of a client that stops reading. */
const EXPORT_ROWS = 20_000;

let database: Awaited<ReturnType<typeof createDatabase>>;
let company: Company;
let db: pg.Pool;
const figures: string[] = [];

beforeAll(async () => {
  requireStandaloneBuild();
  database = await createDatabase(inject("databaseUrl"), "preflight_shutdown");
  // The fixtures below write through lib/db.ts, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = database.url;
  const { buildCompany } = await import("@/test/support/company");
  company = await buildCompany();
  db = new pg.Pool({ connectionString: database.url, max: 3 });
}, 120_000);

const started: Instance[] = [];
afterEach(() => {
  for (const instance of started.splice(0)) instance.kill("SIGKILL");
});

afterAll(async () => {
  console.log(`shutdown: ${figures.join("; ")}`);
  await db?.end();
  const { pool } = await import("@/lib/db");
  await pool().end();
  await database?.drop();
});

async function start(): Promise<Instance> {
  const instance = await startInstance({
    name: "instance",
    port: PORT,
    databaseUrl: database.url,
    // The job queue runs, so that its stop is part of the shutdown under test.
    env: { SHUTDOWN_GRACE_MS: String(GRACE_MS), JOBS_DISABLED: "false" },
  });
  started.push(instance);
  return instance;
}

async function createAutomation(instance: Instance, name: string): Promise<{ id: string; version: number }> {
  const response = await fetch(`${instance.url}/api/v1/automations`, {
    method: "POST",
    headers: { authorization: `Bearer ${company.maker.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      name,
      kind: "CLOUD_FLOW",
      runMode: "ATTENDED",
      systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
    }),
  });
  const body = (await response.json()) as { id: string; version: number };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Waits until some statement of the app waits for a lock (the request is in flight, blocked). */
async function untilBlocked(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows[0].n > 0) return;
    await sleep(50);
  }
  throw new Error("the request never waited for the lock");
}

describe("SIGTERM on the standalone server", () => {
  it("stops accepting, lets the request in flight finish, and exits 0", async () => {
    const instance = await start();
    const { id, version } = await createAutomation(instance, "Invoice matching");

    // The test holds the automation's row, so the rename below waits in the database: a slow request.
    const lock = await db.connect();
    let held = true;
    const release = async () => {
      if (!held) return;
      held = false;
      await lock.query("rollback").catch(() => undefined);
      lock.release();
    };
    onTestFinished(release);
    await lock.query("begin");
    await lock.query("select id from automations where id = $1 for update", [id]);
    const renamed = fetch(`${instance.url}/api/v1/automations/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${company.maker.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Invoice matching (renamed)", version }),
    });
    const early = await Promise.race([renamed, untilBlocked()]);
    if (early) throw new Error(`answered before it could wait: ${early.status} ${await early.text()}`);

    const signalled = performance.now();
    instance.kill("SIGTERM");
    await sleep(300);
    // No new connections once it is shutting down.
    await expect(fetch(`${instance.url}/api/health/live`)).rejects.toThrow();
    // The database answers again well within the grace period: the rename goes through.
    await sleep(700);
    await release();

    const answer = await renamed;
    const answeredMs = Math.round(performance.now() - signalled);
    expect(answer.status, await answer.clone().text()).toBe(200);
    const { code, signal } = await instance.exited;
    const exitedMs = Math.round(performance.now() - signalled);
    expect(signal, instance.output()).toBeNull();
    expect(code, instance.output()).toBe(0);
    const { rows } = await db.query("select name from automations where id = $1", [id]);
    expect(rows[0].name).toBe("Invoice matching (renamed)");
    expect(instance.output()).toContain("shutdown: every request finished");
    expect(instance.output()).toContain("shutdown: done");
    expect(exitedMs).toBeLessThan(GRACE_MS + 5_000);
    figures.push(
      `request in flight answered 200 ${answeredMs} ms after SIGTERM, exit 0 after ${exitedMs} ms`,
    );
  }, 90_000);

  it("cuts a download that cannot finish within the grace period: the client sees it incomplete", async () => {
    const instance = await start();
    const { id } = await createAutomation(instance, "Template");
    await db.query(
      `insert into automations (name, kind, "runMode", "ownerId", "departmentId", "updatedAt")
       select 'Purchase order approval routing for the regional finance team, step ' || g || ' ' ||
              repeat('and its follow-up reminder ', 12), kind, "runMode", "ownerId", "departmentId", now()
         from automations, generate_series(1, $2::int) g where id = $1`,
      [id, EXPORT_ROWS],
    );

    // A client that reads the first bytes and then nothing more.
    const download = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          `${instance.url}/api/v1/automations/export`,
          { headers: { authorization: `Bearer ${company.manager.token}` } },
          resolve,
        )
        .on("error", reject);
    });
    expect(download.statusCode).toBe(200);
    let received = 0;
    const ended = new Promise<string>((resolve) => {
      download.once("data", () => download.pause());
      download.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      download.on("end", () => resolve("end"));
      download.on("aborted", () => resolve("aborted"));
      download.on("error", () => resolve("error"));
      download.on("close", () => resolve("close"));
    });
    await sleep(500);

    const signalled = performance.now();
    instance.kill("SIGTERM");
    const { code } = await instance.exited;
    const exitedMs = Math.round(performance.now() - signalled);
    // Whatever sat in the buffers is read now: the transfer must still end broken.
    download.resume();
    const how = await ended;
    expect(code, instance.output()).toBe(0);
    expect(download.complete).toBe(false);
    expect(how).not.toBe("end");
    expect(exitedMs).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(instance.output()).toContain("requests still running after the grace period were cut");
    figures.push(
      `download of ${EXPORT_ROWS} rows cut after ${exitedMs} ms (grace ${GRACE_MS} ms): ` +
        `client got ${Math.round(received / 1024)} KiB, transfer incomplete (${how}), exit 0`,
    );
  }, 90_000);
});
