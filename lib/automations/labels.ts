import type { BadgeTone } from "@/components/ui/badge";
import type { Lapse } from "@/lib/domain/lapse";
import type {
  AssuranceBasis,
  AutomationKind,
  AutomationStatus,
  CredentialStore,
  PrerequisiteStatus,
  PrerequisiteType,
  RequestStatus,
  RunMode,
  SignInMethod,
  SystemLocation,
  WindowsAccountType,
} from "@/lib/domain/types";
import type { RequestType } from "@/lib/requests/schemas";

// The words the maker reads. The sign-in explanations follow the Power Automate guidance
// "Authentication and security" (shared/seed), which DESIGN.md takes as the domain source.

export const KIND_OPTIONS: ReadonlyArray<{ value: AutomationKind; label: string; description: string }> = [
  {
    value: "CLOUD_FLOW",
    label: "Cloud flow",
    description: "Runs in the Power Automate cloud service, e.g. when an e-mail arrives or on a schedule.",
  },
  {
    value: "DESKTOP_FLOW",
    label: "Desktop flow",
    description: "Runs with Power Automate Desktop on a computer, clicking and typing as a person would.",
  },
  {
    value: "WEBSITE_AUTOMATION",
    label: "Website automation",
    description: "Works in a web browser through a browser extension on a computer.",
  },
  {
    value: "API_INTEGRATION",
    label: "API integration",
    description: "Connects systems to each other directly (system to system), without a screen.",
  },
];

export const RUN_MODE_OPTIONS: ReadonlyArray<{ value: RunMode; label: string; description: string }> = [
  {
    value: "ATTENDED",
    label: "Attended",
    description: "A person starts it and is signed in while it runs.",
  },
  {
    value: "UNATTENDED",
    label: "Unattended",
    description: "It runs on its own, with nobody signed in (on a schedule or a trigger).",
  },
];

export const RUN_AS_TEXT: Record<RunMode | "", { label: string; hint: string; placeholder: string }> = {
  ATTENDED: {
    label: "Who runs it",
    hint: "The people or the Entra group who run it. It runs on behalf of the person running it, not the one who built it, so each of them needs their own connection.",
    placeholder: "e.g. Finance – Expense team (Entra group)",
  },
  UNATTENDED: {
    label: "The service identity it runs as",
    hint: "Nobody is signed in when it runs, so it needs a named service account or service principal to run as.",
    placeholder: "e.g. svc-expense-bot@contoso.com",
  },
  "": {
    label: "Who runs it, or the service identity it runs as",
    hint: "Choose the run mode first: attended automations run as the people who start them, unattended ones as a service identity.",
    placeholder: "",
  },
};

export const LOCATION_OPTIONS: ReadonlyArray<{ value: SystemLocation; label: string; description: string }> =
  [
    {
      value: "CLOUD",
      label: "In the cloud",
      description: "An online service you reach over the internet, e.g. SharePoint or online banking.",
    },
    {
      value: "ON_PREMISES",
      label: "On premises",
      description:
        "Installed on a computer or server in the company network. The cloud service reaches it through an on-premises data gateway.",
    },
  ];

export const SIGN_IN_OPTIONS: ReadonlyArray<{ value: SignInMethod; label: string; description: string }> = [
  {
    value: "ENTRA_ID",
    label: "Microsoft 365 / Microsoft Entra ID",
    description:
      "Your work account, for Microsoft services. When the automation runs, it runs on behalf of the person who's running it, not the person who built it.",
  },
  {
    value: "USERNAME_PASSWORD",
    label: "Its own username and password",
    description:
      "A separate system with its own sign-in, apart from Microsoft 365 and Entra ID, such as an online banking site or a supplier portal. Some enterprise systems offer single sign-on (SSO).",
  },
  {
    value: "WINDOWS",
    label: "Windows sign-in (Active Directory)",
    description:
      "Signing in to a computer, usually with Windows Server Active Directory on the corporate network. Needed for desktop flows (Power Automate Desktop); separate from Microsoft 365 and Entra ID.",
  },
  {
    value: "SHARED_KEY",
    label: "A shared key (API)",
    description:
      "System-to-system (API) access to a service shared across the company. Your IT department provides and sets it up, and shares the connector with you.",
  },
];

export const STORE_OPTIONS: ReadonlyArray<{ value: CredentialStore; label: string }> = [
  { value: "AZURE_KEY_VAULT", label: "Azure Key Vault" },
  { value: "CYBERARK", label: "CyberArk" },
  { value: "POWER_AUTOMATE", label: "Power Automate (connection)" },
  { value: "HASHICORP_VAULT", label: "HashiCorp Vault" },
  { value: "AWS_SECRETS_MANAGER", label: "AWS Secrets Manager" },
  { value: "OTHER", label: "Other credential store" },
];

export const WINDOWS_ACCOUNT_OPTIONS: ReadonlyArray<{
  value: WindowsAccountType;
  label: string;
  description: string;
}> = [
  { value: "PERSONAL", label: "Personal account", description: "A person's own Windows account." },
  {
    value: "SERVICE",
    label: "Service account",
    description: "A non-personal account for the automation. Unattended flows need one.",
  },
];

export const labelOf = <V extends string>(
  options: ReadonlyArray<{ value: V; label: string }>,
  value: V | "",
) => options.find((option) => option.value === value)?.label ?? "—";

export const KIND_LABELS = Object.fromEntries(KIND_OPTIONS.map((o) => [o.value, o.label])) as Record<
  AutomationKind,
  string
>;
export const RUN_MODE_LABELS = Object.fromEntries(RUN_MODE_OPTIONS.map((o) => [o.value, o.label])) as Record<
  RunMode,
  string
>;
export const SIGN_IN_LABELS = Object.fromEntries(SIGN_IN_OPTIONS.map((o) => [o.value, o.label])) as Record<
  SignInMethod,
  string
>;
export const LOCATION_LABELS: Record<SystemLocation, string> = { CLOUD: "Cloud", ON_PREMISES: "On premises" };
export const STORE_LABELS = Object.fromEntries(STORE_OPTIONS.map((o) => [o.value, o.label])) as Record<
  CredentialStore,
  string
>;

export const PREREQUISITE_TYPE_LABELS: Record<PrerequisiteType, string> = {
  GATEWAY: "On-premises data gateway",
  ENTRA_CONNECTION: "Entra ID connection",
  CREDENTIAL: "Stored credential",
  WINDOWS_SIGN_IN: "Windows sign-in",
  SHARED_KEY_CONNECTOR: "Shared-key connector",
};

/**
 * A prerequisite's title: "Stored credential for Online banking"; a desktop flow's own
 * Windows sign-in (no system) is the one "on the machine it runs on".
 */
export function prerequisiteTitle(item: { type: PrerequisiteType; systemName: string | null }): string {
  const type = PREREQUISITE_TYPE_LABELS[item.type];
  if (item.systemName) return `${type} for ${item.systemName}`;
  return item.type === "WINDOWS_SIGN_IN" ? `${type} on the machine it runs on` : type;
}

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  SHARED_KEY_CONNECTOR: "Shared-key connector",
  GATEWAY: "Gateway access",
};

export const AUTOMATION_STATUS_BADGES: Record<AutomationStatus, { label: string; tone: BadgeTone }> = {
  READY: { label: "Ready", tone: "success" },
  PENDING: { label: "Pending", tone: "warning" },
  BLOCKED: { label: "Blocked", tone: "danger" },
  RETIRED: { label: "Retired", tone: "neutral" },
};

export const PREREQUISITE_STATUS_BADGES: Record<PrerequisiteStatus, { label: string; tone: BadgeTone }> = {
  SATISFIED: { label: "Satisfied", tone: "success" },
  OUTSTANDING: { label: "Outstanding", tone: "warning" },
  REQUESTED: { label: "Requested", tone: "info" },
  REJECTED: { label: "Rejected", tone: "danger" },
  EXPIRED: { label: "Expired", tone: "danger" },
};

/** An EXPIRED prerequisite's badge, by why it lapsed (lib/domain/lapse.ts). */
export const LAPSE_BADGES: Record<Lapse, { label: string; tone: BadgeTone }> = {
  REVOKED: { label: "Revoked", tone: "danger" },
  EXPIRED: { label: "Expired", tone: "danger" },
  GATEWAY_OFFLINE: { label: "Gateway offline", tone: "danger" },
  DECOMMISSIONED: { label: "Decommissioned", tone: "danger" },
};

/** The badge a prerequisite shows: why it lapsed when it did, else its status. */
export function prerequisiteBadge(item: { status: PrerequisiteStatus; lapse?: Lapse | null }) {
  return item.lapse ? LAPSE_BADGES[item.lapse] : PREREQUISITE_STATUS_BADGES[item.status];
}

export const REQUEST_STATUS_BADGES: Record<RequestStatus, { label: string; tone: BadgeTone }> = {
  PENDING: { label: "Pending", tone: "info" },
  APPROVED: { label: "Approved", tone: "success" },
  REJECTED: { label: "Rejected", tone: "danger" },
  WITHDRAWN: { label: "Withdrawn", tone: "neutral" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
};

// One date format in the UI: the reader's own locale and time zone ("4 Mar 2025" in Britain,
// "Mar 4, 2025" in the US), a medium date with a short time where the time matters. Exports
// and the API write ISO 8601.

/** A date in the reader's locale; "—" for none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** A date and time in the reader's locale; "—" for none. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const BASIS_LABELS: Record<AssuranceBasis, { label: string; verb: string; description: string }> = {
  DECLARED: {
    label: "Declared only",
    verb: "Declared",
    description: "The maker says it is in place; IT has not verified it.",
  },
  APPROVED: {
    label: "Approved by IT",
    verb: "Approved",
    description: "IT approved it, through a request or the catalog.",
  },
  VERIFIED: { label: "Verified by IT", verb: "Verified", description: "IT checked what the maker declared." },
};

/** "3 Dec" this year, "3 Dec 2025" otherwise, in the reader's locale; in UTC, so that the day is the record's. */
export function formatShortDate(value: string | null | undefined, now = new Date()): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  return date.toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/**
 * How a satisfied prerequisite is known, in a few words: "Declared by Maya, 3 Dec",
 * "Approved by IT", "Verified by Ivan, 5 Dec". Null when it has no basis (not satisfied).
 */
export function basisText(
  prerequisite: { basis: AssuranceBasis | null; basisBy: { name: string } | null; basisAt: string | null },
  now = new Date(),
): string | null {
  const { basis, basisBy, basisAt } = prerequisite;
  if (!basis) return null;
  const who = basisBy
    ? (basisBy.name.trim().split(/\s+/)[0] ?? basisBy.name)
    : basis === "DECLARED"
      ? "the maker"
      : "IT";
  const when = formatShortDate(basisAt, now);
  return `${BASIS_LABELS[basis].verb} by ${who}${when ? `, ${when}` : ""}`;
}
