/**
 * Plain-language texts of the prerequisite engine: why a prerequisite is needed (in the
 * words of the Power Automate "Authentication and security" guidance), what satisfies it,
 * and what the maker should do next. Pure string building, no I/O. A state is told so that
 * anyone can read it (IT and managers read these too); what the reader can do about it is
 * said by the page, for that reader (lib/automations/components/automation-detail.tsx).
 */
import type {
  AutomationKind,
  ConnectorInput,
  CredentialReference,
  CredentialStore,
  GatewayInput,
  RunMode,
  WindowsAccountType,
} from "@/lib/domain/types";

// ---------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------

export function quote(text: string): string {
  return `“${text.trim()}”`;
}

/** YYYY-MM-DD in UTC, so the text does not depend on the server's time zone. */
export function formatDate(date: Date): string {
  const ms = date.getTime();
  return Number.isNaN(ms) ? "an unknown date" : new Date(ms).toISOString().slice(0, 10);
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: ReadonlyArray<string>): string {
  const quoted = names.map(quote);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

const STORE_LABELS: Record<CredentialStore, string> = {
  AZURE_KEY_VAULT: "Azure Key Vault",
  CYBERARK: "CyberArk",
  POWER_AUTOMATE: "Power Automate",
  HASHICORP_VAULT: "HashiCorp Vault",
  AWS_SECRETS_MANAGER: "AWS Secrets Manager",
  OTHER: "Other credential store",
};

/**
 * One sentence: IT reviewed this declaration and sent it back. Declaring something else (any
 * change to what satisfies it) lifts it.
 */
export function sentBack(declaration: string, itReason: string | null): string {
  const said = itReason?.trim() ? `: ${quote(itReason)}` : " without giving a reason";
  return `IT reviewed what was declared (${quote(declaration)}) and sent it back${said}; it stays open until the owner declares something else that addresses it.`;
}

function rejection(decisionReason: string | null): string {
  const text = decisionReason?.trim();
  return text
    ? `IT rejected the request: ${quote(text)}.`
    : "IT rejected the request without giving a reason.";
}

// ---------------------------------------------------------------------------------------
// GATEWAY
// ---------------------------------------------------------------------------------------

export interface GatewayNeed {
  kind: AutomationKind;
  /** Names of the automation's on-premises systems. */
  onPremisesSystems: ReadonlyArray<string>;
}

function gatewayWhy(need: GatewayNeed): string {
  if (need.kind === "DESKTOP_FLOW") {
    return "Desktop flows need an on-premises data gateway or a registered machine group, so that Power Automate Desktop on the on-premises computers can be accessed from the Power Automate cloud-based service.";
  }
  if (need.kind === "WEBSITE_AUTOMATION") {
    return "Website automation needs an on-premises data gateway, so that browser extensions on the on-premises computers can be accessed from the Power Automate cloud-based service.";
  }
  const names = need.onPremisesSystems;
  const verb = names.length === 1 ? "is" : "are";
  return `${listNames(names)} ${verb} on premises, so an on-premises data gateway is required for the Power Automate cloud-based service to reach ${names.length === 1 ? "it" : "them"}.`;
}

function gatewayLabel(gateway: GatewayInput, capitalised = true): string {
  const noun = gateway.kind === "MACHINE_GROUP" ? "machine group" : "gateway";
  return `${capitalised ? noun.charAt(0).toUpperCase() + noun.slice(1) : noun} ${quote(gateway.name)}`;
}

function gatewayStatusWord(gateway: GatewayInput): string {
  return gateway.status === "ONLINE" ? "online" : gateway.status === "OFFLINE" ? "offline" : "decommissioned";
}

export function gatewaySatisfiedBy(gateway: GatewayInput): string {
  return `${gatewayLabel(gateway)} (${gatewayStatusWord(gateway)})`;
}

export const gatewayReasons = {
  satisfied: (need: GatewayNeed, gateway: GatewayInput) =>
    `${gatewayWhy(need)} ${gatewayLabel(gateway)} is assigned and online.`,
  requested: (need: GatewayNeed) => `${gatewayWhy(need)} A gateway request is waiting for IT's decision.`,
  rejected: (need: GatewayNeed, decisionReason: string | null) =>
    `${gatewayWhy(need)} ${rejection(decisionReason)} Address IT's reason, then request access to a gateway again.`,
  expired: (need: GatewayNeed, gateway: GatewayInput) =>
    `${gatewayWhy(need)} The assigned ${gatewayLabel(gateway, false)} is ${gatewayStatusWord(gateway)}. Ask IT to bring it back online, or request access to another gateway.`,
  wrongKind: (need: GatewayNeed, gateway: GatewayInput) =>
    `${gatewayWhy(need)} ${gatewayLabel(gateway)} is assigned, but only desktop flows can use a machine group. Request access to an on-premises data gateway.`,
  outstanding: (need: GatewayNeed) =>
    `${gatewayWhy(need)} No gateway is assigned yet: request access to a gateway.`,
};

// ---------------------------------------------------------------------------------------
// ENTRA_CONNECTION
// ---------------------------------------------------------------------------------------

function entraWhy(systems: ReadonlyArray<string>, runMode: RunMode): string {
  const signsIn = `${listNames(systems)} ${systems.length === 1 ? "signs" : "sign"} in with Microsoft 365 and Microsoft Entra ID.`;
  return runMode === "ATTENDED"
    ? `${signsIn} The automation runs on behalf of the user who's running it, not the user who set it up, so each person who runs it needs their own connection.`
    : `${signsIn} An unattended automation has nobody running it, so it needs a named service identity (a service account or service principal) to run as.`;
}

export function entraSatisfiedBy(runAs: string, runMode: RunMode): string {
  return runMode === "ATTENDED"
    ? `Run by ${quote(runAs)}, each with their own connection`
    : `Service identity ${quote(runAs)}`;
}

export function entraActionLabel(runMode: RunMode): string {
  return runMode === "ATTENDED" ? "Declare who runs it" : "Declare the service identity it runs as";
}

export const entraReasons = {
  sentBack: (
    systems: ReadonlyArray<string>,
    runMode: RunMode,
    declaration: string,
    itReason: string | null,
  ) => `${entraWhy(systems, runMode)} ${sentBack(declaration, itReason)}`,
  satisfied: (systems: ReadonlyArray<string>, runMode: RunMode, runAs: string) =>
    `${entraWhy(systems, runMode)} Declared: ${entraSatisfiedBy(runAs, runMode)}.`,
  outstanding: (systems: ReadonlyArray<string>, runMode: RunMode) =>
    `${entraWhy(systems, runMode)} ${
      runMode === "ATTENDED"
        ? "Declare who runs it (the people or the Entra group)."
        : "Declare the service identity it runs as."
    }`,
};

// ---------------------------------------------------------------------------------------
// CREDENTIAL
// ---------------------------------------------------------------------------------------

function credentialWhy(system: string): string {
  return `${quote(system)} is a separate system with its own username and password, apart from Microsoft 365 and Microsoft Entra ID, so the automation needs that sign-in kept where it can use it.`;
}

export function credentialSatisfiedBy(credential: CredentialReference): string {
  return `${STORE_LABELS[credential.store]}: ${credential.name.trim()}, owner ${credential.owner.trim()}, rotates ${formatDate(credential.rotatesAt)}`;
}

export const credentialLabels = {
  record: "Record the credential reference",
  rotate: "Record the new rotation date",
  rotated: "Record the rotation and the new owner",
};

/** What a leaver leaves behind, in the words every reader sees. */
export const LEAVER_WHY = "The person who knew this has left: rotate it and name a new owner.";

export const credentialReasons = {
  knowerLeft: (system: string, credential: CredentialReference) =>
    `${credentialWhy(system)} ${LEAVER_WHY} Change the password of ${quote(credential.name)} in ${STORE_LABELS[credential.store]}, then record when it was rotated and its new owner.`,
  sentBack: (system: string, declaration: string, itReason: string | null) =>
    `${credentialWhy(system)} ${sentBack(declaration, itReason)}`,
  satisfied: (system: string, credential: CredentialReference) =>
    `${credentialWhy(system)} Its sign-in is stored in ${STORE_LABELS[credential.store]} and the reference is recorded.`,
  expired: (system: string, credential: CredentialReference) =>
    `${credentialWhy(system)} The recorded credential ${quote(credential.name)} was due to rotate on ${formatDate(credential.rotatesAt)} and that rotation date passed. Rotate the password in ${STORE_LABELS[credential.store]} and record the new rotation date.`,
  outstanding: (system: string) =>
    `${credentialWhy(system)} Store its sign-in in a vault and record where it lives, who owns it and when it rotates — never the password itself.`,
};

// ---------------------------------------------------------------------------------------
// WINDOWS_SIGN_IN
// ---------------------------------------------------------------------------------------

function windowsWhy(system: string): string {
  return `${quote(system)} uses Windows sign-in (usually Active Directory), which is separate from Microsoft 365 and Microsoft Entra ID.`;
}

export function windowsSatisfiedBy(
  account: string,
  type: WindowsAccountType | null,
  machineGroup: string,
): string {
  const kind = type === "SERVICE" ? " (service account)" : type === "PERSONAL" ? " (personal account)" : "";
  return `Windows account ${quote(account)}${kind} on machine group ${quote(machineGroup)}`;
}

export const windowsLabels = {
  record: "Record the machine group and Windows account",
  nonPersonal: "Record a non-personal Windows account",
};

export const windowsReasons = {
  knowerLeft: (system: string, account: string) =>
    `${windowsWhy(system)} It runs under ${quote(account)}, the personal account of someone who has left. Record another Windows account (preferably a non-personal one).`,
  sentBack: (system: string, declaration: string, itReason: string | null) =>
    `${windowsWhy(system)} ${sentBack(declaration, itReason)}`,
  satisfied: (system: string) =>
    `${windowsWhy(system)} The machine group and the Windows account it runs under are recorded.`,
  personalUnattended: (system: string, account: string) =>
    `${windowsWhy(system)} An unattended flow runs with nobody signed in, so it needs a non-personal (service) account, not ${quote(account)}. Record a non-personal Windows account.`,
  outstanding: (system: string) =>
    `${windowsWhy(system)} Record the machine or machine group and the Windows account it runs under.`,
};

// ---------------------------------------------------------------------------------------
// WINDOWS_SIGN_IN of a desktop flow (the machine it runs on)
// ---------------------------------------------------------------------------------------

const DESKTOP_WHY =
  "A desktop flow runs on a Windows machine and signs in to it with a Windows account (usually Active Directory), which is separate from Microsoft 365 and Microsoft Entra ID.";

export function desktopSatisfiedBy(
  account: string,
  type: WindowsAccountType | null,
  machine: string,
): string {
  const kind = type === "SERVICE" ? " (service account)" : type === "PERSONAL" ? " (personal account)" : "";
  return `Windows account ${quote(account)}${kind} on ${quote(machine)}`;
}

export const desktopLabels = {
  record: "Record where it runs and the Windows account",
  nonPersonal: "Record a non-personal Windows account",
};

/** A machine group assigned as the gateway connects the flow; it does not sign in to the machine. */
function machineGroupNote(machineGroup: string | null): string {
  return machineGroup
    ? ` Machine group ${quote(machineGroup)} connects it to Power Automate, but the Windows sign-in is still yours to record.`
    : "";
}

export const desktopReasons = {
  knowerLeft: (account: string) =>
    `${DESKTOP_WHY} It runs under ${quote(account)}, the personal account of someone who has left. Record another Windows account (preferably a non-personal one).`,
  satisfied: (machine: string) =>
    `${DESKTOP_WHY} The machine ${quote(machine)} and the Windows account it runs under are recorded.`,
  personalUnattended: (account: string) =>
    `${DESKTOP_WHY} An unattended flow runs with nobody signed in, so it needs a non-personal (service) account, not ${quote(account)}. Record a non-personal Windows account.`,
  outstanding: (machineGroup: string | null) =>
    `${DESKTOP_WHY} Record the machine or machine group it runs on and the Windows account it runs under.${machineGroupNote(machineGroup)}`,
  sentBack: (declaration: string, itReason: string | null) =>
    `${DESKTOP_WHY} ${sentBack(declaration, itReason)}`,
};

// ---------------------------------------------------------------------------------------
// SHARED_KEY_CONNECTOR
// ---------------------------------------------------------------------------------------

function sharedKeyWhy(system: string, service: string | null): string {
  const svc = service ? ` for ${quote(service)}` : "";
  return `${quote(system)} signs in with a shared key${svc}: system-to-system access that IT provides and sets up, sharing the connector with the automation's department.`;
}

export function connectorSatisfiedBy(connector: ConnectorInput): string {
  const shared =
    connector.sharing === "ALL" ? "shared with all departments" : "shared with the automation's department";
  return `Connector ${quote(connector.name)} (${shared})`;
}

export function requestConnectorLabel(service: string): string {
  return `Request a connector for ${service}`;
}

export const sharedKeyLabels = { recordService: "Record the service its key is for" };

function connectorLapse(connector: ConnectorInput): string {
  return connector.status === "REVOKED"
    ? `Connector ${quote(connector.name)} was revoked.`
    : `The key of connector ${quote(connector.name)} expired on ${formatDate(connector.keyExpiresAt)}.`;
}

export const sharedKeyReasons = {
  satisfied: (system: string, service: string, connector: ConnectorInput) =>
    `${sharedKeyWhy(system, service)} Connector ${quote(connector.name)} is approved for the automation's department and its key is valid until ${formatDate(connector.keyExpiresAt)}.`,
  requested: (system: string, service: string | null) =>
    `${sharedKeyWhy(system, service)} A connector request is waiting for IT's decision.`,
  rejected: (system: string, service: string | null, decisionReason: string | null) =>
    `${sharedKeyWhy(system, service)} ${rejection(decisionReason)} Address IT's reason, then request a connector again.`,
  expired: (system: string, service: string, connector: ConnectorInput) =>
    `${sharedKeyWhy(system, service)} ${connectorLapse(connector)} ${requestConnectorLabel(service)}.`,
  outstanding: (system: string, service: string) =>
    `${sharedKeyWhy(system, service)} No approved connector for ${service} is shared with the automation's department yet: request a connector for ${service}.`,
  noService: (system: string) =>
    `${sharedKeyWhy(system, null)} No service is recorded for it, so no connector can be matched: record the service its key is for.`,
};
