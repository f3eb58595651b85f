import type { FlowPlan } from "./plan";

// Findings: where what runs in the tenant differs from what was declared or approved. Each has
// a severity, a next step in plain words and its category in the OWASP Low-Code/No-Code Top 10
// (LCNC-SEC-01 … 10), the list security teams report against. Pure: the caller passes what the
// database knows (the owner, the catalog).

export const FINDING_KINDS = [
  "OWNER_NOT_FOUND",
  "OWNER_LEFT",
  "PLAIN_TEXT_PASSWORD",
  "SIGN_IN_UNKNOWN",
  "UNKNOWN_CONNECTOR",
  "UNAPPROVED_SHARED_KEY",
  "CONNECTION_ERROR",
  "GATEWAY_NOT_IN_CATALOG",
  "EMBEDDED_CONNECTION",
  "DECLARED_DIFFERS",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_SEVERITIES = ["HIGH", "MEDIUM", "LOW"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface FindingRule {
  severity: FindingSeverity;
  category: string;
  /** What it is called on pages and in the CSV. */
  label: string;
}

export const FINDING_RULES: Record<FindingKind, FindingRule> = {
  OWNER_NOT_FOUND: { severity: "MEDIUM", category: "LCNC-SEC-09", label: "Owner has no account here" },
  OWNER_LEFT: { severity: "HIGH", category: "LCNC-SEC-09", label: "Owner has left" },
  PLAIN_TEXT_PASSWORD: {
    severity: "HIGH",
    category: "LCNC-SEC-08",
    label: "Plain-text password in the flow",
  },
  SIGN_IN_UNKNOWN: { severity: "MEDIUM", category: "LCNC-SEC-04", label: "Sign-in unknown — confirm" },
  UNKNOWN_CONNECTOR: {
    severity: "LOW",
    category: "LCNC-SEC-07",
    label: "Connector not in Preflight's table",
  },
  UNAPPROVED_SHARED_KEY: { severity: "HIGH", category: "LCNC-SEC-02", label: "Unapproved shared key in use" },
  CONNECTION_ERROR: { severity: "MEDIUM", category: "LCNC-SEC-04", label: "Connection in error" },
  GATEWAY_NOT_IN_CATALOG: {
    severity: "MEDIUM",
    category: "LCNC-SEC-05",
    label: "Gateway not in the catalog",
  },
  EMBEDDED_CONNECTION: {
    severity: "HIGH",
    category: "LCNC-SEC-01",
    label: "Run-only users act as the owner",
  },
  DECLARED_DIFFERS: {
    severity: "MEDIUM",
    category: "LCNC-SEC-09",
    label: "Tenant differs from what was declared",
  },
};

export interface DetectedFinding {
  kind: FindingKind;
  /** What it is about within the automation ("" for the automation itself). */
  subject: string;
  /** The next step, in plain words. */
  message: string;
}

export interface FindingContext {
  /** The owner has no account here (only known from the import). */
  ownerNotFound: boolean;
  /** Service keys that have an APPROVED shared-key connector. */
  approvedServices: ReadonlySet<string>;
  /** Gateway and machine group names in the catalog, lower-cased. */
  catalogGateways: ReadonlySet<string>;
  /** A person edited the automation since it was imported and the import now differs. */
  declaredDiffers: boolean;
}

export function detectFindings(plan: FlowPlan, context: FindingContext): DetectedFinding[] {
  const found: DetectedFinding[] = [];
  const owner = plan.owner?.upn ?? plan.owner?.email ?? plan.owner?.objectId ?? "unknown";
  if (context.ownerNotFound)
    found.push({
      kind: "OWNER_NOT_FOUND",
      subject: "",
      message: `Its owner in the tenant (${owner}) has no account in Preflight: assign it to someone who does.`,
    });
  if (plan.plainTextPassword)
    found.push({
      kind: "PLAIN_TEXT_PASSWORD",
      subject: "",
      message:
        "The flow holds a password in plain text: move it to a credential store, change the password, and reference it here.",
    });
  for (const system of plan.unknown) {
    found.push({
      kind: "SIGN_IN_UNKNOWN",
      subject: system.externalId,
      message: `How ${system.name} signs in is not known from the tenant: confirm it on the automation.`,
    });
    if (system.unknownConnector)
      found.push({
        kind: "UNKNOWN_CONNECTOR",
        subject: system.externalId,
        message: `${system.name} is not in Preflight's connector table: IT maps it.`,
      });
  }
  const gateways = new Set<string>();
  for (const system of plan.systems) {
    if (
      system.signInMethod === "SHARED_KEY" &&
      system.service &&
      !context.approvedServices.has(system.service)
    )
      found.push({
        kind: "UNAPPROVED_SHARED_KEY",
        subject: system.service,
        message: `${system.name} signs in with a shared key that IT has not approved: request the connector or stop using it.`,
      });
    if (system.connectionError)
      found.push({
        kind: "CONNECTION_ERROR",
        subject: system.externalId ?? system.name,
        message: `The connection to ${system.name} is in error (${system.connectionError}): sign in again or fix it.`,
      });
    if (system.gateway) gateways.add(system.gateway);
    if (system.connectionOf === "OWNER" && plan.runMode === "ATTENDED")
      found.push({
        kind: "EMBEDDED_CONNECTION",
        subject: system.externalId ?? system.name,
        message: `Everyone who runs it uses the owner's connection to ${system.name}: switch it to each user's own connection.`,
      });
  }
  if (plan.machine) gateways.add(plan.machine);
  for (const gateway of gateways)
    if (!context.catalogGateways.has(gateway.toLowerCase()))
      found.push({
        kind: "GATEWAY_NOT_IN_CATALOG",
        subject: gateway,
        message: `It runs through ${gateway}, which is not in the catalog: IT adds it or moves the flow.`,
      });
  if (context.declaredDiffers)
    found.push({
      kind: "DECLARED_DIFFERS",
      subject: "",
      message:
        "What the tenant shows differs from what was declared here since: compare them and correct the one that is wrong.",
    });
  return found;
}
