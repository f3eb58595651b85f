import { type Company, DAY_MS, type Person } from "./company";
import { line } from "./copy";
import type { AutomationRow, PortfolioChunk, RequestRow } from "./portfolio";
import type { Random } from "./random";
import type { AuditSink } from "./spool";

// The audit trail of the company's past: what each person, IT and the jobs did to produce the
// current state — creations, edits, re-derivations, requests and decisions, revocations,
// expiries — and sign-ins filling up to the issue's 10 events per automation (each chunk of
// automations fills its share, bench/lib/chunks.ts). Each event is
// rendered as its COPY row as soon as it is generated (a chunk of automations at a time) and
// spooled by time (bench/lib/spool.ts), which gives it its id: ids ascend with time, as in a
// real database.

/** Causes of a re-derivation, for its `before.cause`. */
export const CAUSES = [
  "automation.created",
  "automation.updated",
  "request.created",
  "request.approved",
  "request.rejected",
  "request.withdrawn",
  "request.cancelled",
] as const;

const json = (value: unknown) => JSON.stringify(value);

const signedIn = (p: Person) => json({ name: p.name, email: p.email, provider: "entra" });

/** A sign-in's row but its time, by person (kept for the thread's life; the company outlives it). */
const signInRows = new WeakMap<Person, string>();

export class AuditTrail {
  constructor(
    private readonly spool: AuditSink,
    private readonly company: Company,
  ) {}

  /** Events added so far. */
  get count(): number {
    return this.spool.count;
  }

  /** One event; `actor` null for a system job. */
  private add(
    time: number,
    actor: Person | null,
    action: string,
    entityType: string,
    entityId: string,
    before: string | null,
    after: string | null,
  ): void {
    const label = actor?.email ?? "system: key expiry";
    this.spool.add(
      time,
      line([actor?.id ?? null, label, action, entityType, entityId, before, after, new Date(time)]),
    );
  }

  private person(index: number): Person {
    return this.company.people[index]!;
  }

  /** The catalog's history: departments, gateways, connectors. */
  addCompanyEvents(): void {
    const { company } = this;
    const admin = this.person(company.admins[0] ?? 0);
    for (const d of company.departments) {
      this.add(
        d.createdAt.getTime(),
        admin,
        "department.created",
        "Department",
        d.id,
        null,
        json({ name: d.name }),
      );
    }
    for (const g of company.gateways) {
      const by = this.person(g.adminIndexes[0]!);
      this.add(
        g.createdAt.getTime(),
        by,
        "gateway.created",
        "Gateway",
        g.id,
        null,
        json({ name: g.name, kind: g.kind, status: "ONLINE" }),
      );
      if (g.status !== "ONLINE") {
        this.add(
          g.updatedAt.getTime(),
          by,
          "gateway.updated",
          "Gateway",
          g.id,
          json({ status: "ONLINE", version: 1 }),
          json({ status: g.status, version: 2 }),
        );
      }
    }
    for (const c of company.connectors) {
      this.add(
        c.createdAt.getTime(),
        this.person(c.createdByIndex),
        "connector.created",
        "Connector",
        c.id,
        null,
        json({ name: c.name, service: c.service, sharing: c.sharing, keyExpiresAt: c.keyExpiresAt }),
      );
      if (c.revokedAt) {
        this.add(
          c.revokedAt.getTime(),
          this.person(c.ownerIndex),
          "connector.revoked",
          "Connector",
          c.id,
          json({ status: "APPROVED", version: 1 }),
          json({ status: "REVOKED", version: 2, reason: "Key rotated after a security review." }),
        );
      }
      if (c.status === "EXPIRED") {
        this.add(
          c.keyExpiresAt.getTime(),
          null,
          "connector.expired",
          "Connector",
          c.id,
          json({ status: "APPROVED", version: 1 }),
          json({ status: "EXPIRED", version: 2 }),
        );
      }
    }
  }

  /** The history of a chunk's automations and requests. */
  addChunkEvents(rng: Random, chunk: PortfolioChunk): void {
    for (const a of chunk.automations) this.addAutomation(rng, a);
    for (const r of chunk.requests) this.addRequest(r, chunk.automations[r.automationIndex - chunk.offset]!);
  }

  /** People appear when they first sign in. */
  addPeopleCreated(): void {
    for (const p of this.company.people) {
      this.add(p.createdAt.getTime(), p, "user.created", "User", p.id, null, signedIn(p));
    }
  }

  /**
   * `count` sign-ins over the last 180 days (none when `count` ≤ 0); active people sign in more.
   * They fill the trail up to its size, so they are most of it: each person's row but its time is
   * rendered once.
   */
  addSignIns(rng: Random, count: number): void {
    const { people, anchor } = this.company;
    for (let i = 0; i < count; i++) {
      const p = people[rng.skewed(people.length, 0.5)]!;
      const at = Math.max(p.createdAt.getTime() + 1000, anchor.getTime() - rng.float() * 180 * DAY_MS);
      let row = signInRows.get(p);
      if (row === undefined) {
        // The line up to its last column (the time): without the null's "\N" and the newline.
        row = line([p.id, p.email, "user.signed_in", "User", p.id, null, signedIn(p), null]).slice(0, -3);
        signInRows.set(p, row);
      }
      this.spool.add(at, `${row}${new Date(at).toISOString()}\n`);
    }
  }

  private addAutomation(rng: Random, a: AutomationRow): void {
    const owner = this.person(a.ownerIndex);
    const created = a.createdAt.getTime();
    this.add(
      created,
      owner,
      "automation.created",
      "Automation",
      a.id,
      null,
      json({ name: a.name, kind: a.kind, runMode: a.runMode }),
    );
    this.addRederived(created + 5, owner, a, 0);
    const edits = a.version - 1;
    for (let e = 1; e <= edits; e++) {
      const at =
        e === edits ? a.updatedAt.getTime() : created + (a.updatedAt.getTime() - created) * rng.float();
      const version = e + 1;
      this.add(
        at,
        owner,
        "automation.updated",
        "Automation",
        a.id,
        json({ version: version - 1 }),
        json({ version, changed: version % 2 === 0 ? ["systems"] : ["description", "runAs"] }),
      );
      // Half of the edits touch the systems and change what is required.
      if (rng.chance(0.5)) this.addRederived(at + 5, owner, a, 1);
    }
    if (a.retiredAt) {
      this.add(
        a.retiredAt.getTime(),
        owner,
        "automation.retired",
        "Automation",
        a.id,
        json({ status: "PENDING" }),
        json({ status: "RETIRED" }),
      );
    }
  }

  private addRederived(time: number, actor: Person, a: AutomationRow, cause: number): void {
    const changed = a.prerequisites.slice(0, 2);
    this.add(
      time,
      actor,
      "automation.rederived",
      "Automation",
      a.id,
      json({
        status: "PENDING",
        prerequisites: changed.map((p) => ({ key: p.key, status: cause === 0 ? null : "OUTSTANDING" })),
        cause: CAUSES[cause] ?? "automation.updated",
      }),
      json({ status: a.status, prerequisites: changed.map((p) => ({ key: p.key, status: p.status })) }),
    );
  }

  private addRequest(r: RequestRow, a: AutomationRow): void {
    const requester = this.person(a.ownerIndex);
    const created = r.createdAt.getTime();
    this.add(
      created,
      requester,
      "request.created",
      "Request",
      r.id,
      null,
      json({
        type: r.type,
        status: "PENDING",
        automationId: a.id,
        prerequisiteKey: r.prerequisiteKey,
        service: r.service,
      }),
    );
    this.addRederived(created + 5, requester, a, 2);
    if (r.status === "PENDING") return;
    const closer = r.decidedByIndex === null ? requester : this.person(r.decidedByIndex);
    const closed = r.updatedAt.getTime();
    const action = `request.${r.status.toLowerCase()}`;
    this.add(
      closed,
      closer,
      action,
      "Request",
      r.id,
      json({ status: "PENDING", version: 1 }),
      json({ status: r.status, version: 2, ...(r.decisionReason ? { reason: r.decisionReason } : {}) }),
    );
    this.addRederived(closed + 5, closer, a, CAUSES.indexOf(action as (typeof CAUSES)[number]));
  }
}

// ---------------------------------------------------------------------------------------
// Notifications and the outstanding trend
// ---------------------------------------------------------------------------------------

export interface NotificationRow {
  id: string;
  userIndex: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  readAt: Date | null;
  emailStatus: "SENT" | "FAILED" | "SKIPPED";
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** The requester hears of every decision (in the app, and by e-mail, mostly delivered). */
export function generateNotifications(rng: Random, chunk: PortfolioChunk): NotificationRow[] {
  const rows: NotificationRow[] = [];
  for (const r of chunk.requests) {
    if (r.status !== "APPROVED" && r.status !== "REJECTED") continue;
    const automation = chunk.automations[r.automationIndex - chunk.offset]!;
    const createdAt = r.decidedAt!;
    const emailStatus = rng.weighted({ SENT: 0.9, FAILED: 0.02, SKIPPED: 0.08 });
    rows.push({
      id: rng.uuid(),
      userIndex: automation.ownerIndex,
      kind: "request.decided",
      title: `Your request was ${r.status === "APPROVED" ? "approved" : "rejected"}`,
      body: `${r.type === "GATEWAY" ? "Gateway" : `Connector for “${r.service}”`} — “${automation.name}”.${r.decisionReason ? ` ${r.decisionReason}` : ""}`,
      link: `/automations/${automation.id}`,
      readAt: rng.chance(0.7) ? new Date(createdAt.getTime() + rng.exponential(DAY_MS)) : null,
      emailStatus,
      attempts: emailStatus === "SKIPPED" ? 0 : emailStatus === "FAILED" ? 5 : 1,
      lastError: emailStatus === "FAILED" ? "550 5.1.1 mailbox unavailable" : null,
      sentAt: emailStatus === "SENT" ? new Date(createdAt.getTime() + 30_000) : null,
      createdAt,
    });
  }
  return rows;
}

export interface SnapshotRow {
  day: string;
  departmentIndex: number;
  type: string;
  count: number;
}

/**
 * The daily outstanding counts the job keeps: today's exact numbers (tallied chunk by chunk),
 * and behind them a past that had somewhat more outstanding (the trend a manager hopes to see).
 */
export class OutstandingTally {
  private readonly today = new Map<string, number>();

  /** A chunk's counts by "departmentIndex|type" (bench/lib/chunks.ts). */
  addCounts(counts: Iterable<[string, number]>): void {
    for (const [key, n] of counts) this.today.set(key, (this.today.get(key) ?? 0) + n);
  }

  /** How many rows `snapshots` gives for `days`. */
  count(days: number): number {
    return this.today.size * days;
  }

  /** The rows, lazily (1.35 million at a million automations). */
  *snapshots(rng: Random, company: Company, days: number): Generator<SnapshotRow> {
    for (let d = 0; d < days; d++) {
      const day = new Date(company.anchor.getTime() - d * DAY_MS).toISOString().slice(0, 10);
      for (const [key, count] of this.today) {
        const [department, type] = key.split("|");
        const past = d === 0 ? count : Math.round(count * (1 + 0.004 * d) * (0.97 + 0.06 * rng.float()));
        yield { day, departmentIndex: Number(department), type: type!, count: past };
      }
    }
  }
}
