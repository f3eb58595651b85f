import { type Company, DAY_MS } from "./company";
import type { AutomationRow, Portfolio, RequestRow } from "./portfolio";
import type { Random } from "./random";
import type { Scale } from "./scale";

// The audit trail of the company's past, ordered by time (ids ascend with time, as in a
// real database): what each person, IT and the jobs did to produce the current state —
// creations, edits, re-derivations, requests and decisions, revocations, expiries — and
// sign-ins filling up to the issue's 10 events per automation. Events are kept as compact
// typed arrays (a million objects would cost far more memory) and turned into rows, with
// their before/after JSON, only while they stream into COPY.

export const Kind = {
  DepartmentCreated: 0,
  UserCreated: 1,
  UserSignedIn: 2,
  ConnectorCreated: 3,
  ConnectorRevoked: 4,
  ConnectorExpired: 5,
  GatewayCreated: 6,
  GatewayUpdated: 7,
  AutomationCreated: 8,
  AutomationUpdated: 9,
  AutomationRetired: 10,
  AutomationRederived: 11,
  RequestCreated: 12,
  RequestClosed: 13,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface AuditTimeline {
  count: number;
  time: Float64Array;
  kind: Uint8Array;
  entity: Int32Array;
  /** Person index of the actor, or -1 for a system job. */
  actor: Int32Array;
  /** Kind-specific: the version after an edit, the cause of a re-derivation. */
  aux: Int32Array;
  /** Event indexes in time order. */
  order: Uint32Array;
}

const SYSTEM = -1;

export function generateTimeline(
  rng: Random,
  company: Company,
  portfolio: Portfolio,
  scale: Scale,
): AuditTimeline {
  const capacity = scale.auditEvents;
  const t: AuditTimeline = {
    count: 0,
    time: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    entity: new Int32Array(capacity),
    actor: new Int32Array(capacity),
    aux: new Int32Array(capacity),
    order: new Uint32Array(0),
  };
  const push = (time: number, kind: Kind, entity: number, actor: number, aux = 0) => {
    if (t.count >= capacity) return;
    t.time[t.count] = time;
    t.kind[t.count] = kind;
    t.entity[t.count] = entity;
    t.actor[t.count] = actor;
    t.aux[t.count] = aux;
    t.count++;
  };
  const anchor = company.anchor.getTime();
  const admin = company.admins[0] ?? 0;

  company.departments.forEach((d, i) => {
    push(d.createdAt.getTime(), Kind.DepartmentCreated, i, admin);
  });
  company.gateways.forEach((g, i) => {
    push(g.createdAt.getTime(), Kind.GatewayCreated, i, g.adminIndexes[0]!);
    if (g.status !== "ONLINE") push(g.updatedAt.getTime(), Kind.GatewayUpdated, i, g.adminIndexes[0]!);
  });
  company.connectors.forEach((c, i) => {
    push(c.createdAt.getTime(), Kind.ConnectorCreated, i, c.createdByIndex);
    if (c.revokedAt) push(c.revokedAt.getTime(), Kind.ConnectorRevoked, i, c.ownerIndex);
    if (c.status === "EXPIRED") push(c.keyExpiresAt.getTime(), Kind.ConnectorExpired, i, SYSTEM);
  });
  portfolio.automations.forEach((a, i) => {
    pushAutomation(rng, push, a, i);
  });
  portfolio.requests.forEach((r, i) => {
    pushRequest(push, r, i, portfolio.automations);
  });
  // People appear when they first sign in.
  company.people.forEach((p, i) => {
    push(p.createdAt.getTime(), Kind.UserCreated, i, i);
  });

  // Sign-ins over the last 180 days fill the trail up to its size; active people sign in more.
  while (t.count < capacity) {
    const person = rng.skewed(company.people.length, 0.5);
    const created = company.people[person]!.createdAt.getTime();
    push(Math.max(created + 1000, anchor - rng.float() * 180 * DAY_MS), Kind.UserSignedIn, person, person);
  }

  const order = new Uint32Array(t.count);
  for (let i = 0; i < t.count; i++) order[i] = i;
  t.order = order.sort((a, b) => t.time[a]! - t.time[b]! || a - b);
  return t;
}

type Push = (time: number, kind: Kind, entity: number, actor: number, aux?: number) => void;

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

function pushAutomation(rng: Random, push: Push, a: AutomationRow, index: number) {
  const created = a.createdAt.getTime();
  push(created, Kind.AutomationCreated, index, a.ownerIndex);
  push(created + 5, Kind.AutomationRederived, index, a.ownerIndex, 0);
  const edits = a.version - 1;
  for (let e = 1; e <= edits; e++) {
    const at =
      e === edits ? a.updatedAt.getTime() : created + (a.updatedAt.getTime() - created) * rng.float();
    push(at, Kind.AutomationUpdated, index, a.ownerIndex, e + 1);
    // Half of the edits touch the systems and change what is required.
    if (rng.chance(0.5)) push(at + 5, Kind.AutomationRederived, index, a.ownerIndex, 1);
  }
  if (a.retiredAt) push(a.retiredAt.getTime(), Kind.AutomationRetired, index, a.ownerIndex);
}

function pushRequest(push: Push, r: RequestRow, index: number, automations: AutomationRow[]) {
  const requester = automations[r.automationIndex]!.ownerIndex;
  push(r.createdAt.getTime(), Kind.RequestCreated, index, requester);
  push(r.createdAt.getTime() + 5, Kind.AutomationRederived, r.automationIndex, requester, 2);
  if (r.status === "PENDING") return;
  const closer = r.decidedByIndex ?? requester;
  push(r.updatedAt.getTime(), Kind.RequestClosed, index, closer);
  const cause = CAUSES.indexOf(`request.${r.status.toLowerCase()}` as (typeof CAUSES)[number]);
  push(r.updatedAt.getTime() + 5, Kind.AutomationRederived, r.automationIndex, closer, cause);
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
export function generateNotifications(rng: Random, portfolio: Portfolio): NotificationRow[] {
  const rows: NotificationRow[] = [];
  for (const r of portfolio.requests) {
    if (r.status !== "APPROVED" && r.status !== "REJECTED") continue;
    const automation = portfolio.automations[r.automationIndex]!;
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
 * The daily outstanding counts the job keeps: today's exact numbers, and behind them a past
 * that had somewhat more outstanding (the trend a manager hopes to see).
 */
export function generateSnapshots(rng: Random, company: Company, portfolio: Portfolio, days: number) {
  const today = new Map<string, number>();
  for (const a of portfolio.automations) {
    if (a.status === "RETIRED") continue;
    for (const p of a.prerequisites) {
      if (p.status === "SATISFIED") continue;
      const key = `${a.departmentIndex}|${p.type}`;
      today.set(key, (today.get(key) ?? 0) + 1);
    }
  }
  const rows: SnapshotRow[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(company.anchor.getTime() - d * DAY_MS).toISOString().slice(0, 10);
    for (const [key, count] of today) {
      const [department, type] = key.split("|");
      const past = d === 0 ? count : Math.round(count * (1 + 0.004 * d) * (0.97 + 0.06 * rng.float()));
      rows.push({ day, departmentIndex: Number(department), type: type!, count: past });
    }
  }
  return rows;
}
