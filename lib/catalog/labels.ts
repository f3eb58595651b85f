import type { BadgeTone } from "@/components/ui/badge";
import type { ConnectorSharing, ConnectorStatus, GatewayKind, GatewayStatus } from "@/lib/domain/types";

// The words IT reads on the catalog pages.

export const CONNECTOR_STATUS_BADGES: Record<ConnectorStatus, { label: string; tone: BadgeTone }> = {
  APPROVED: { label: "Approved", tone: "success" },
  EXPIRED: { label: "Expired", tone: "danger" },
  REVOKED: { label: "Revoked", tone: "neutral" },
};

export const GATEWAY_STATUS_BADGES: Record<GatewayStatus, { label: string; tone: BadgeTone }> = {
  ONLINE: { label: "Online", tone: "success" },
  OFFLINE: { label: "Offline", tone: "warning" },
  DECOMMISSIONED: { label: "Decommissioned", tone: "neutral" },
};

export const GATEWAY_KIND_OPTIONS: ReadonlyArray<{ value: GatewayKind; label: string; description: string }> =
  [
    {
      value: "DATA_GATEWAY",
      label: "On-premises data gateway",
      description: "Lets cloud flows reach programs and data inside the company network.",
    },
    {
      value: "MACHINE_GROUP",
      label: "Machine group",
      description: "Registered machines that run desktop flows (Power Automate machine management).",
    },
  ];

export const GATEWAY_KIND_LABELS: Record<GatewayKind, string> = {
  DATA_GATEWAY: "Data gateway",
  MACHINE_GROUP: "Machine group",
};

const DAY_MS = 86_400_000;

/** "in 12 days", "today", "3 days ago": how far a key's expiry is from now. */
export function relativeDays(value: string, now = new Date()): string {
  const days = Math.ceil((new Date(value).getTime() - now.getTime()) / DAY_MS);
  if (Number.isNaN(days)) return "";
  if (days === 0) return "today";
  if (days > 0) return days === 1 ? "in 1 day" : `in ${days} days`;
  return days === -1 ? "1 day ago" : `${-days} days ago`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/** "All departments", or the names of the departments a connector is shared with. */
export function sharingLabel(connector: {
  sharing: ConnectorSharing;
  departments: ReadonlyArray<{ name: string }>;
}): string {
  if (connector.sharing === "ALL") return "All departments";
  const names = connector.departments.map((d) => d.name);
  return names.length === 0 ? "No department" : names.join(", ");
}
