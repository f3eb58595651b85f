import {
  AUTOMATION_STATUS_BADGES,
  PREREQUISITE_STATUS_BADGES,
  PREREQUISITE_TYPE_LABELS,
  prerequisiteTitle,
} from "@/lib/automations/labels";
import type { AutomationStatus, PrerequisiteStatus, PrerequisiteType } from "@/lib/domain/types";

// An automation's (or a request's) history in plain sentences, from its audit events. A
// re-derivation is not an event of its own: the changes it caused are told under the event
// that caused it ("IT approved the gateway request — …", then "On-premises data gateway: now
// Satisfied"), and only a change made elsewhere (a connector revoked in the catalog) gets a
// sentence of its own. No ids, codes or raw values: free text stays where it is shown masked.

/** An audit event as the history reads it, with the names its ids point at. */
export interface HistorySource {
  id: string;
  action: string;
  actorLabel: string;
  /** The person's name when the actor is a person who still exists. */
  actorName: string | null;
  createdAt: Date | string;
  before: unknown;
  after: unknown;
  /** For a request's events: what it asks for. */
  request: { type: string; service: string | null } | null;
  /** The gateway and connector its `after` names, if any. */
  gatewayName: string | null;
  connectorName: string | null;
}

export interface HistoryContext {
  /** Titles of the prerequisites as they are now, by key ("Stored credential for Online banking"). */
  titles: ReadonlyMap<string, string>;
  /** The automation's on-premises systems, which a gateway connects. */
  onPremisesSystems: ReadonlyArray<string>;
}

export interface HistoryLine {
  id: string;
  action: string;
  actorLabel: string;
  /** Who did it, for people: a name, "Preflight" for the system. */
  actor: string;
  createdAt: Date | string;
  text: string;
  /** What it changed in the prerequisites and the status, one sentence each. */
  changes: string[];
}

const REDERIVED = "automation.rederived";
/** A re-derivation is recorded right after its cause, in the same transaction. */
const SAME_CHANGE_MS = 60_000;

/** The history, newest first (as given), with each re-derivation told under its cause. */
export function historyLines(events: ReadonlyArray<HistorySource>, context: HistoryContext): HistoryLine[] {
  // Which listed event caused each re-derivation: recorded in the same transaction, so
  // within moments of it, on either side (the two rows may take their times differently).
  const causedBy = new Map<number, number[]>();
  const claimed = new Set<number>();
  for (const [i, event] of events.entries()) {
    if (event.action !== REDERIVED) continue;
    const cause = causeOf(events, i);
    if (cause === null) continue;
    claimed.add(i);
    causedBy.set(cause, [...(causedBy.get(cause) ?? []), i]);
  }
  const lines: HistoryLine[] = [];
  for (const [i, event] of events.entries()) {
    if (claimed.has(i)) continue;
    if (event.action === REDERIVED) {
      const changes = rederivationChanges(event, context);
      // Its action is its cause's ("gateway.status_changed"): what happened, not how it was recorded.
      const cause = field(event.before, "cause");
      const action = typeof cause === "string" && cause ? cause : event.action;
      if (changes.length > 0) lines.push({ ...base(event), action, text: causeSentence(event), changes });
      continue;
    }
    if (isPartOfApproval(events, i)) continue;
    const line = sentenceOf(event, context);
    if (!line) continue;
    // Oldest re-derivation first, so that the changes read in the order they happened.
    const caused = (causedBy.get(i) ?? []).slice().reverse();
    lines.push({
      ...line,
      changes: [...line.changes, ...caused.flatMap((j) => rederivationChanges(events[j]!, context))],
    });
  }
  return lines;
}

/** The index of the listed event that caused the re-derivation at i: the nearest one. */
function causeOf(events: ReadonlyArray<HistorySource>, i: number): number | null {
  const cause = field(events[i]!.before, "cause");
  const at = time(events[i]!.createdAt);
  let best: number | null = null;
  for (const [j, candidate] of events.entries()) {
    if (candidate.action !== cause || Math.abs(at - time(candidate.createdAt)) > SAME_CHANGE_MS) continue;
    if (best === null || Math.abs(j - i) < Math.abs(best - i)) best = j;
  }
  return best;
}

/** A gateway assigned by an approval is told by the approval's sentence. */
function isPartOfApproval(events: ReadonlyArray<HistorySource>, i: number): boolean {
  const event = events[i]!;
  if (event.action !== "automation.gateway_assigned") return false;
  const gatewayId = field(event.after, "gatewayId");
  return events.some(
    (other) =>
      other.action === "request.approved" &&
      field(other.after, "gatewayId") === gatewayId &&
      Math.abs(time(other.createdAt) - time(event.createdAt)) <= SAME_CHANGE_MS,
  );
}

function base(event: HistorySource): Omit<HistoryLine, "text" | "changes"> {
  return {
    id: event.id,
    action: event.action,
    actorLabel: event.actorLabel,
    actor: actorOf(event),
    createdAt: event.createdAt,
  };
}

/** A person's name; the system (jobs, post-deploy steps) is "Preflight". */
function actorOf(event: HistorySource): string {
  if (event.actorName?.trim()) return event.actorName.trim();
  if (event.actorLabel.startsWith("system:") || !event.actorLabel) return "Preflight";
  return event.actorLabel;
}

function sentenceOf(event: HistorySource, context: HistoryContext): HistoryLine | null {
  const who = actorOf(event);
  const what = requestNoun(event.request);
  const line = (text: string): HistoryLine => ({ ...base(event), text, changes: [] });
  switch (event.action) {
    case "automation.created":
      return line(`${who} registered the automation.`);
    case "automation.updated":
      return line(`${who} changed ${listWords(changedParts(event.before, event.after))}.`);
    case "automation.retired":
      return line(`${who} retired the automation.`);
    case "automation.gateway_assigned":
      return line(
        event.gatewayName
          ? `${who} assigned the gateway “${event.gatewayName}”.`
          : `${who} assigned a gateway.`,
      );
    case "request.created":
      return line(`${who} requested ${requestObject(event.request)}.`);
    case "request.approved":
      return line(`IT approved the ${what}${approvalConsequence(event, context)}.`);
    case "request.rejected":
      return line(`IT rejected the ${what}.`);
    case "request.withdrawn":
      return line(`${who} withdrew the ${what}.`);
    case "request.cancelled":
      return line(
        field(event.after, "leaver") === true
          ? `The ${what} was cancelled: the person who asked for it has left.`
          : `The ${what} was cancelled: the automation no longer needs it.`,
      );
    case "automation.owner_left":
      return line("Its owner left Preflight: the automation needs a new owner.");
    case "request.assigned":
      return line(`${who} (IT) took on the ${what}.`);
    case "request.commented":
      return line(`${who} commented on the ${what}.`);
    case "prerequisite.verified":
      return line(
        `IT verified what was declared for the ${titleOf(field(event.after, "prerequisite"), context)}.`,
      );
    case "prerequisite.sent_back":
      return line(
        `IT sent back what was declared for the ${titleOf(field(event.after, "prerequisite"), context)}.`,
      );
    default:
      return line(`${who}: ${describeAction(event.action)}.`);
  }
}

/** " — the SQL Server now reaches the gateway “Plant-GW-02”", or nothing to add. */
function approvalConsequence(event: HistorySource, context: HistoryContext): string {
  if (event.request?.type === "GATEWAY" && event.gatewayName) {
    const systems = context.onPremisesSystems;
    if (systems.length === 0) return ` — the automation now uses the gateway “${event.gatewayName}”`;
    const verb = systems.length === 1 ? "reaches" : "reach";
    return ` — ${listWords(systems.map((name) => `“${name}”`))} now ${verb} the gateway “${event.gatewayName}”`;
  }
  if (event.request?.type === "SHARED_KEY_CONNECTOR" && event.connectorName) {
    return ` — the automation now signs in through the connector “${event.connectorName}”`;
  }
  return "";
}

function requestNoun(request: HistorySource["request"]): string {
  if (!request) return "request";
  if (request.type === "GATEWAY") return "gateway request";
  return request.service ? `connector request for “${request.service}”` : "connector request";
}

function requestObject(request: HistorySource["request"]): string {
  if (!request) return "something from IT";
  if (request.type === "GATEWAY") return "access to a gateway";
  return request.service ? `a connector for “${request.service}”` : "a connector";
}

/** A re-derivation that nothing listed caused: what happened elsewhere, in the cause's words. */
function causeSentence(event: HistorySource): string {
  const cause = String(field(event.before, "cause") ?? "");
  if (cause === "connector.revoked") return "IT revoked a connector it signs in through.";
  if (cause === "connector.expired") return "The key of a connector it signs in through expired.";
  if (cause === "connector.created") return "IT added a connector to the catalog.";
  if (cause === "connector.updated") return "IT changed a connector in the catalog.";
  if (cause === "gateway.status_changed") return "IT changed the status of its gateway.";
  if (cause === "gateway.updated") return "IT changed its gateway in the catalog.";
  if (cause.startsWith("post-deploy")) return "Preflight's rules changed.";
  if (cause === "request.approved") return "IT approved a connector that another automation asked for.";
  // A leave cancels what the leaver asked for and reopens what they knew.
  if (cause === "user.deactivated") return "Someone it depends on has left Preflight.";
  return "Something it depends on changed.";
}

interface PrerequisiteChange {
  key: string;
  status: string | null;
}

/** "On-premises data gateway: now Satisfied (was Requested)", and the automation's status. */
export function rederivationChanges(event: Pick<HistorySource, "before" | "after">, context: HistoryContext) {
  const before = changesOf(event.before);
  const after = changesOf(event.after);
  const was = new Map(before.map((change) => [change.key, change.status]));
  const changes: string[] = [];
  const statusBefore = field(event.before, "status");
  const statusAfter = field(event.after, "status");
  if (isAutomationStatus(statusAfter) && statusAfter !== statusBefore) {
    const label = AUTOMATION_STATUS_BADGES[statusAfter].label;
    changes.push(
      isAutomationStatus(statusBefore)
        ? `The automation is now ${label} (was ${AUTOMATION_STATUS_BADGES[statusBefore].label}).`
        : `The automation is ${label}.`,
    );
  }
  const added: string[] = [];
  for (const change of after) {
    const title = titleOf(change.key, context);
    const from = was.get(change.key) ?? null;
    if (change.status === "REMOVED") changes.push(`No longer needed: ${title}.`);
    else if (from === null && isPrerequisiteStatus(change.status))
      added.push(`${title} (${PREREQUISITE_STATUS_BADGES[change.status].label})`);
    else if (isPrerequisiteStatus(change.status) && isPrerequisiteStatus(from))
      changes.push(
        `${title}: now ${PREREQUISITE_STATUS_BADGES[change.status].label} (was ${PREREQUISITE_STATUS_BADGES[from].label}).`,
      );
  }
  if (added.length > 0) changes.push(`Now needed: ${added.join("; ")}.`);
  return changes;
}

function changesOf(snapshot: unknown): PrerequisiteChange[] {
  const list = field(snapshot, "prerequisites");
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const key = field(item, "key");
    const status = field(item, "status");
    return typeof key === "string" ? [{ key, status: typeof status === "string" ? status : null }] : [];
  });
}

/** The prerequisite's title now, or one made from its key when it no longer exists. */
function titleOf(key: unknown, context: HistoryContext): string {
  if (typeof key !== "string") return "prerequisite";
  const known = context.titles.get(key);
  if (known) return known;
  const [type, ...rest] = key.split(":");
  const label = PREREQUISITE_TYPE_LABELS[type as PrerequisiteType];
  if (!label) return "prerequisite";
  const system = rest.join(":");
  return system
    ? `${label} for ${system}`
    : prerequisiteTitle({ type: type as PrerequisiteType, systemName: null });
}

const PARTS: ReadonlyArray<[string, string]> = [
  ["name", "the name"],
  ["description", "the purpose"],
  ["kind", "the kind"],
  ["runMode", "the run mode"],
  ["runAs", "who runs it"],
  ["machine", "the machine it runs on"],
  ["windowsAccount", "the Windows account"],
  ["windowsAccountType", "the Windows account type"],
  ["departmentId", "the department"],
  ["ownerId", "the owner"],
  ["systems", "the systems"],
];

/** The parts of the automation an edit changed, in the form's order. */
function changedParts(before: unknown, after: unknown): string[] {
  const parts = PARTS.filter(
    ([key]) => JSON.stringify(field(before, key) ?? null) !== JSON.stringify(field(after, key) ?? null),
  ).map(([, words]) => words);
  return parts.length > 0 ? parts : ["nothing that shows"];
}

/** "a", "a and b", "a, b and c". */
function listWords(words: ReadonlyArray<string>): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** "token.created" → "token created": an action this history has no sentence for yet. */
function describeAction(action: string): string {
  return action.replace(/[._:]+/g, " ").trim();
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function time(value: Date | string): number {
  return new Date(value).getTime();
}

function isAutomationStatus(value: unknown): value is AutomationStatus {
  return typeof value === "string" && value in AUTOMATION_STATUS_BADGES;
}

function isPrerequisiteStatus(value: unknown): value is PrerequisiteStatus {
  return typeof value === "string" && value in PREREQUISITE_STATUS_BADGES;
}
