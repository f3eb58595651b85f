import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type HttpProxy, startHttpProxy } from "@/scripts/lib/http-proxy";
import type { Company } from "@/test/support/company";
import {
  createDatabase,
  type Instance,
  requireStandaloneBuild,
  startInstance,
  stopInstance,
} from "@/test/support/standalone";

// Two instances of the built standalone server on one database, behind a round-robin reverse
// proxy (test/support/http-proxy.ts), as docker-compose.yml runs them. What they share is only
// the database, and that is enough: a decision raced across both has one winner, a rate limit
// counts across both, the start-up job runs once, and a rolling restart under load drops nothing.

const PORTS = { a: 3951, b: 3952, proxy: 3953 };
const RATE_LIMIT = 60;
const GRACE_MS = 5_000;

let database: Awaited<ReturnType<typeof createDatabase>>;
let company: Company;
let db: pg.Pool;
let proxy: HttpProxy;
const instances: Record<"a" | "b", Instance | undefined> = { a: undefined, b: undefined };
const figures: string[] = [];
/** Mail accepted by the test's SMTP server, and the one it holds unanswered (see the SIGKILL test). */
const mail = { accepted: [] as string[], held: [] as string[], holdFor: "" };
let smtp: SMTPServer;
let smtpUrl = "";
let tokenFor: typeof import("@/test/support/credentials").tokenFor;

function start(name: "a" | "b"): Promise<Instance> {
  return startInstance({
    name,
    port: PORTS[name],
    // Named per instance, so that the database says which one holds a transaction.
    databaseUrl: `${database.url}?application_name=preflight-${name}`,
    env: {
      SMTP_URL: smtpUrl,
      JOBS_DISABLED: "false",
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      API_TOKEN_RATE_LIMIT: String(RATE_LIMIT),
      TRUSTED_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
    },
  });
}

beforeAll(async () => {
  requireStandaloneBuild();
  database = await createDatabase(inject("databaseUrl"), "preflight_cluster");
  // The fixtures below write through lib/db.ts, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = database.url;
  const { buildCompany } = await import("@/test/support/company");
  ({ tokenFor } = await import("@/test/support/credentials"));
  company = await buildCompany();
  db = new pg.Pool({ connectionString: database.url, max: 3 });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(",");
      stream.resume();
      stream.on("end", () => {
        // The first message to holdFor is received but never answered: its sender is killed meanwhile.
        if (to === mail.holdFor && mail.held.length === 0) {
          mail.held.push(to);
          return;
        }
        mail.accepted.push(to);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  [instances.a, instances.b] = await Promise.all([start("a"), start("b")]);
  proxy = await startHttpProxy(PORTS.proxy, [PORTS.a, PORTS.b]);
}, 150_000);

afterAll(async () => {
  console.log(`two instances: ${figures.join("; ")}`);
  instances.a?.kill("SIGKILL");
  instances.b?.kill("SIGKILL");
  await proxy?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await db?.end();
  const { pool } = await import("@/lib/db");
  await pool().end();
  await database?.drop();
});

function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${proxy.url}${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

/** Sends an outbox run, again while the queue still holds one waiting (it keeps one at a time). */
async function sendUntilQueued(boss: PgBoss, options: PgBoss.SendOptions): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const id = await boss.send("outbox", {}, options);
    if (id) return id;
    await sleep(200);
  }
  throw new Error("the outbox queue never took the job");
}

describe("two instances behind a proxy, one database", () => {
  it("a decision raced across both instances has exactly one winner", async () => {
    const { approvers, connectorRequest, sharedKeyAutomation } = await import("@/test/support/approvals");
    const automation = await sharedKeyAutomation({
      name: "HR sync",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      service: "workday",
    });
    const request = await connectorRequest(automation.id, company.maker.id);
    const team = await approvers(20);
    const before = { ...proxy.counts.byBackend };
    const answers = await Promise.all(
      team.map((approver) =>
        call(`/api/v1/requests/${request.id}/decision`, approver.token, {
          method: "POST",
          body: { decision: "REJECT", reason: "No shared keys for Workday", version: 1 },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    const perBackend = [PORTS.a, PORTS.b].map(
      (port) => (proxy.counts.byBackend[port] ?? 0) - (before[port] ?? 0),
    );
    expect(perBackend.every((n) => n > 0)).toBe(true);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const { rows } = await db.query(
      "select count(*)::int as n from audit_events where action = 'request.rejected'",
    );
    expect(rows[0].n).toBe(1);
    figures.push(
      `race: 20 decisions (${perBackend.join(" + ")} per instance) → 1 × 200, 19 × 409, 1 audit event`,
    );
  });

  it("a rate limit counts across both instances", async () => {
    const token = await tokenFor(company.maker.id);
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: (RATE_LIMIT + 20) / 10 }, () => call("/api/v1/me", token)),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    const ok = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    expect(ok).toBe(RATE_LIMIT);
    expect(limited).toBe(20);
    figures.push(
      `rate limit ${RATE_LIMIT}/min per token: ${statuses.length} calls → ${ok} × 200, ${limited} × 429`,
    );
  });

  it("the start-up job runs once for both instances", async () => {
    let states: string[] = [];
    for (let i = 0; i < 100; i++) {
      const { rows } = await db.query<{ state: string }>(
        "select state from pgboss.job where name = 'key-expiry' and singleton_key = 'start-up'",
      );
      states = rows.map((row) => row.state);
      if (states.length > 0 && states.every((state) => state === "completed")) break;
      await sleep(200);
    }
    expect(states).toEqual(["completed"]);
    figures.push("start-up key-expiry sweep: 1 job for 2 instances, completed once");
  });

  it("a rolling restart under steady load drops no request and loses no write", async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, () => tokenFor(company.maker.id)));
    const load = {
      sent: 0,
      answered: 0,
      failed: 0,
      fiveXx: 0,
      created: [] as string[],
      errors: [] as string[],
    };
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const token = tokens[(w * 7 + i) % tokens.length]!;
        const write = i % 2 === 0;
        const name = `Rolling ${w}-${i}`;
        load.sent += 1;
        try {
          const answer = write
            ? await call("/api/v1/automations", token, {
                method: "POST",
                body: {
                  name,
                  kind: "CLOUD_FLOW",
                  runMode: "ATTENDED",
                  systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
                },
              })
            : await call("/api/v1/automations", token);
          await answer.arrayBuffer();
          load.answered += 1;
          if (answer.status >= 500) {
            load.fiveXx += 1;
            load.errors.push(`${answer.status}`);
          }
          if (write && answer.status === 201) load.created.push(name);
        } catch (error) {
          load.failed += 1;
          load.errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    const workers = Array.from({ length: 4 }, (_, w) => worker(w));
    await sleep(2_000);
    const exits: Array<number | null> = [];
    for (const name of ["a", "b"] as const) {
      const { code } = await stopInstance(instances[name]!);
      exits.push(code);
      await sleep(1_000);
      instances[name] = await start(name);
      await sleep(2_000);
    }
    running = false;
    await Promise.all(workers);

    const { rows } = await db.query<{ name: string }>(
      "select name from automations where name like 'Rolling %'",
    );
    const stored = new Set(rows.map((row) => row.name));
    const lost = load.created.filter((name) => !stored.has(name)).length;
    figures.push(
      `rolling restart: ${load.sent} requests sent, ${load.answered} answered, ${load.fiveXx} × 5xx, ` +
        `${load.failed} failed, ${load.created.length} writes acknowledged, ${lost} lost, ` +
        `${rows.length} stored; proxy retried ${proxy.counts.retried} on the other instance; exit codes ${exits.join(", ")}`,
    );
    expect(exits).toEqual([0, 0]);
    expect(load.errors).toEqual([]);
    expect(load.answered).toBe(load.sent);
    expect(lost).toBe(0);
    // Every stored write was acknowledged: no write happened twice or unseen.
    expect(rows.length).toBe(load.created.length);
  }, 150_000);

  it("a schedule fires once per slot across both instances (the outbox, every minute)", async () => {
    // pg-boss turns a due schedule into a send-it job, one per schedule and minute (its singleton
    // slot), whose worker creates the outbox job. Both instances watch the clock since the start.
    type Slot = { slot: string; jobs: number; done: number };
    let slots: Slot[] = [];
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const { rows } = await db.query<Slot>(
        `select singleton_on::text as slot, count(*)::int as jobs,
                count(*) filter (where state = 'completed')::int as done
           from pgboss.job where name = '__pgboss__send-it' and singleton_key = 'outbox'
          group by singleton_on order by singleton_on`,
      );
      slots = rows;
      if (rows.filter((row) => row.done > 0).length >= 2) break;
      await sleep(2_000);
    }
    const done = slots.filter((row) => row.done > 0).length;
    expect(done).toBeGreaterThanOrEqual(2);
    for (const slot of slots) expect(slot.jobs, slot.slot).toBe(1);
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from pgboss.job where name = 'outbox'",
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(done);
    expect(rows[0]!.n).toBeLessThanOrEqual(slots.length);
    figures.push(
      `outbox schedule with 2 instances watching: ${slots.length} minute slots, one send each, ${rows[0]!.n} outbox runs`,
    );
  }, 170_000);

  it("SIGKILL of the instance running a job loses nothing: the other one does the work", async () => {
    mail.holdFor = company.colleague.email;
    const { rows: created } = await db.query<{ id: string }>(
      `insert into notifications (id, "userId", kind, title, body)
       values (gen_random_uuid(), $1, 'test', 'Your request was decided', 'See the request.') returning id`,
      [company.colleague.id],
    );
    const notificationId = created[0]!.id;
    // A client of the queue only (no schedules, no maintenance): asks for an outbox run now.
    const boss = new PgBoss({
      connectionString: database.url,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    boss.on("error", () => undefined);
    await boss.start();
    try {
      // Its own expiry is short (the app's outbox jobs expire after 6 minutes): a job whose
      // instance died holds the queue (one running at a time) until it expires.
      await sendUntilQueued(boss, { expireInSeconds: 5 });
      // The instance that claimed the row sits in its transaction, waiting for the mail server.
      let holder: string | undefined;
      for (let i = 0; i < 300 && !holder; i++) {
        const { rows } = await db.query<{ name: string }>(
          `select application_name as name from pg_stat_activity
            where datname = current_database() and application_name like 'preflight-%'
              and state = 'idle in transaction' and query ilike '%skip locked%'`,
        );
        holder = mail.held.length > 0 ? rows[0]?.name : undefined;
        if (!holder) await sleep(200);
      }
      expect(holder, "no instance claimed the e-mail").toBeDefined();
      // One outbox run at a time (the queue is stately): the one holding the row is ours, or the
      // minute schedule's when its slot came between the insert and our send. Either way it
      // must expire as soon as ours would, so the survivor's run is not held for 6 minutes.
      const { rows: active } = await db.query<{ id: string }>(
        `update pgboss.job set expire_in = interval '5 seconds'
          where name = 'outbox' and state = 'active' returning id`,
      );
      expect(active).toHaveLength(1);
      const victim = holder === "preflight-a" ? "a" : "b";
      const survivor = victim === "a" ? "b" : "a";
      const killedAt = performance.now();
      instances[victim]!.kill("SIGKILL");
      expect((await instances[victim]!.exited).signal).toBe("SIGKILL");
      instances[victim] = undefined;
      // Nothing was marked: the dead instance's transaction is gone with it.
      const { rows: after } = await db.query<{ status: string; attempts: number }>(
        `select "emailStatus" as status, attempts from notifications where id = $1`,
        [notificationId],
      );
      expect(after[0]).toEqual({ status: "PENDING", attempts: 0 });

      // Once the dead job has expired (maintenance, which any instance runs), the next run is the survivor's.
      let state = "";
      for (let i = 0; i < 120 && state !== "SENT"; i++) {
        await boss.maintain();
        await boss.send("outbox", {});
        const { rows } = await db.query<{ status: string }>(
          `select "emailStatus" as status from notifications where id = $1`,
          [notificationId],
        );
        state = rows[0]!.status;
        if (state !== "SENT") await sleep(1_000);
      }
      const deliveredMs = Math.round(performance.now() - killedAt);
      expect(state).toBe("SENT");
      expect(mail.accepted.filter((to) => to === mail.holdFor)).toHaveLength(1);
      figures.push(
        `SIGKILL of instance ${victim} while it held the outbox row: instance ${survivor} delivered it ` +
          `${deliveredMs} ms later (its job expiring after 5 s), exactly one accepted e-mail, nothing lost`,
      );
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  }, 120_000);
});
