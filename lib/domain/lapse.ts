import type {
  ConnectorStatus,
  GatewayStatus,
  PrerequisiteStatus,
  PrerequisiteType,
} from "@/lib/domain/types";

// Why an EXPIRED prerequisite lapsed, read from the catalog record it points at: not a status
// of its own (the engine's statuses stay five), a finer word for the one it has. A revoked
// connector and an offline gateway are different news to the reader, and to IT.

export const LAPSES = ["REVOKED", "EXPIRED", "GATEWAY_OFFLINE", "DECOMMISSIONED"] as const;
export type Lapse = (typeof LAPSES)[number];

export interface LapseInput {
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  /** The status of the gateway the prerequisite points at (gatewayId), if any. */
  gatewayStatus: GatewayStatus | null;
  /** The status of the connector the prerequisite points at (connectorId), if any. */
  connectorStatus: ConnectorStatus | null;
}

/** Why it lapsed, or null when it has not (every status but EXPIRED). */
export function lapseOf({ type, status, gatewayStatus, connectorStatus }: LapseInput): Lapse | null {
  if (status !== "EXPIRED") return null;
  if (type === "GATEWAY") return gatewayStatus === "DECOMMISSIONED" ? "DECOMMISSIONED" : "GATEWAY_OFFLINE";
  if (type === "SHARED_KEY_CONNECTOR" && connectorStatus === "REVOKED") return "REVOKED";
  // A connector's key that passed its date, a credential due for rotation.
  return "EXPIRED";
}

/** The same rule in SQL, for the lines Postgres writes (CSV): p, and g / c the joined records. */
export const LAPSE_SQL = `case when p.status <> 'EXPIRED' then null
  when p.type = 'GATEWAY' then case when g.status = 'DECOMMISSIONED' then 'DECOMMISSIONED' else 'GATEWAY_OFFLINE' end
  when p.type = 'SHARED_KEY_CONNECTOR' and c.status = 'REVOKED' then 'REVOKED'
  else 'EXPIRED' end`;
