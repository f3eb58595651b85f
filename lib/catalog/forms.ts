import type { CredentialStore, GatewayKind } from "@/lib/domain/types";
import type { PersonRef } from "@/lib/openapi/common";
import { checkReference, referenceMessage } from "@/lib/secrets/references";

// The catalog forms' model (a new connector, a new gateway, their edit forms and the
// decision form's "create one" parts): what was typed, client-side checks keyed by the API's
// field names, and the conversion to request bodies. Pure, no React.

export interface ConnectorDraft {
  name: string;
  service: string;
  ownerTeam: string;
  /** The person reminded before the key expires; absent: the form does not ask (left as it is). */
  owner?: PersonRef | null;
  /** The store that holds the key; absent: Key Vault, as the API defaults it. */
  keyStore?: CredentialStore;
  keyReference: string;
  /** yyyy-mm-dd, as an <input type="date"> gives it. */
  keyExpiresAt: string;
  sharing: "ALL" | "DEPARTMENTS";
  departmentIds: string[];
}

export interface GatewayDraft {
  name: string;
  kind: GatewayKind;
  cluster: string;
  host: string;
  region: string;
  /** The people who administer it; absent: the form does not ask (left as they are). */
  admins?: PersonRef[];
}

export type FieldErrors = Record<string, string>;

export const EMPTY_CONNECTOR: ConnectorDraft = {
  name: "",
  service: "",
  ownerTeam: "",
  owner: null,
  keyStore: "AZURE_KEY_VAULT",
  keyReference: "",
  keyExpiresAt: "",
  sharing: "ALL",
  departmentIds: [],
};

export const EMPTY_GATEWAY: GatewayDraft = {
  name: "",
  kind: "DATA_GATEWAY",
  cluster: "",
  host: "",
  region: "",
  admins: [],
};

const SERVICE_KEY = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** yyyy-mm-dd of a stored time, in the reader's time zone; "" for none. */
export function dateInputValue(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString("en-CA");
}

function isFutureDate(value: string, now: Date): boolean {
  const date = new Date(`${value}T23:59:59`);
  return !Number.isNaN(date.getTime()) && date.getTime() > now.getTime();
}

/** Problems with a connector draft, keyed by the body's field names; `withService` for creation. */
export function checkConnector(
  draft: ConnectorDraft,
  options: { withService: boolean; now?: Date },
): FieldErrors {
  const errors: FieldErrors = {};
  const now = options.now ?? new Date();
  if (!draft.name.trim()) errors.name = "Enter the connector's name";
  if (options.withService) {
    const service = draft.service.trim().toLowerCase();
    if (!service) errors.service = 'Enter the service key, e.g. "sap-erp"';
    else if (!SERVICE_KEY.test(service))
      errors.service = 'Use letters, digits and single "-" or "." between them, e.g. "sap-erp"';
  }
  if (!draft.ownerTeam.trim()) errors.ownerTeam = "Enter the team that owns the key";
  const reference = draft.keyReference.trim();
  const store = draft.keyStore ?? "AZURE_KEY_VAULT";
  if (!reference) errors.keyReference = "Enter where the key lives, e.g. a Key Vault secret URI";
  else {
    // The server's rules (lib/secrets/references.ts), so the form says what the API would.
    const finding = checkReference(store, reference);
    if (finding?.rule === "secret")
      errors.keyReference = `This looks like the key itself (${finding.what}). Enter where it lives instead`;
    else if (finding) errors.keyReference = referenceMessage(store, finding.problem, "The key reference");
  }
  if (!draft.keyExpiresAt) errors.keyExpiresAt = "Enter the date the key expires";
  else if (!isFutureDate(draft.keyExpiresAt, now)) errors.keyExpiresAt = "Enter an expiry date in the future";
  if (draft.sharing === "DEPARTMENTS" && draft.departmentIds.length === 0) {
    errors.sharedWith = "Choose at least one department, or share it with all departments";
  }
  return errors;
}

export function toSharedWith(draft: Pick<ConnectorDraft, "sharing" | "departmentIds">): "ALL" | string[] {
  return draft.sharing === "ALL" ? "ALL" : [...draft.departmentIds];
}

export function toConnectorFields(draft: ConnectorDraft) {
  return {
    name: draft.name.trim(),
    ownerTeam: draft.ownerTeam.trim(),
    ...(draft.owner ? { ownerId: draft.owner.id } : {}),
    ...(draft.keyStore ? { keyStore: draft.keyStore } : {}),
    keyReference: draft.keyReference.trim(),
    keyExpiresAt: draft.keyExpiresAt,
    sharedWith: toSharedWith(draft),
  };
}

export function checkGateway(draft: GatewayDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.name.trim()) errors.name = "Enter the gateway's name";
  if (!draft.cluster.trim()) errors.cluster = "Enter the cluster it belongs to";
  if (!draft.host.trim()) errors.host = "Enter the host it runs on";
  if (!draft.region.trim()) errors.region = "Enter its region";
  return errors;
}

export function toGatewayFields(draft: GatewayDraft) {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    cluster: draft.cluster.trim(),
    host: draft.host.trim(),
    region: draft.region.trim(),
    ...(draft.admins && draft.admins.length > 0 ? { adminIds: draft.admins.map((person) => person.id) } : {}),
  };
}

/**
 * The API's field errors for one part of a body: "connector.keyReference" → "keyReference"
 * for prefix "connector"; array items ("sharedWith.0") count for their array.
 */
export function fieldsUnder(fields: Record<string, string>, prefix?: string): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const rest = prefix ? (path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : null) : path;
    if (!rest) continue;
    const field = rest.split(".")[0] ?? rest;
    result[field] ??= message;
  }
  return result;
}

/** The edit form's starting point: the connector as stored. */
export function connectorDraftOf(connector: {
  name: string;
  service: string;
  ownerTeam?: string;
  keyStore?: CredentialStore;
  keyReference?: string;
  keyExpiresAt: string;
  sharing?: "ALL" | "DEPARTMENTS";
  departments?: ReadonlyArray<{ id: string }>;
  owner?: PersonRef | null;
}): ConnectorDraft {
  return {
    name: connector.name,
    service: connector.service,
    ownerTeam: connector.ownerTeam ?? "",
    owner: connector.owner ?? null,
    keyStore: connector.keyStore ?? "AZURE_KEY_VAULT",
    keyReference: connector.keyReference ?? "",
    keyExpiresAt: dateInputValue(connector.keyExpiresAt),
    sharing: connector.sharing ?? "ALL",
    departmentIds: (connector.departments ?? []).map((d) => d.id),
  };
}

type ConnectorPatchFields = Partial<Omit<ReturnType<typeof toConnectorFields>, "ownerId">> & {
  ownerId?: string | null;
};

/**
 * What an edit changes, and the problems with only those fields: an expired connector's
 * past expiry date must not stop IT from renaming it.
 */
export function connectorChanges(
  original: ConnectorDraft,
  draft: ConnectorDraft,
  now = new Date(),
): { changes: ConnectorPatchFields; errors: FieldErrors } {
  const next = toConnectorFields(draft);
  const before = toConnectorFields(original);
  const changes: ConnectorPatchFields = {};
  if (next.name !== before.name) changes.name = next.name;
  if (next.ownerTeam !== before.ownerTeam) changes.ownerTeam = next.ownerTeam;
  if (draft.owner !== undefined && (draft.owner?.id ?? null) !== (original.owner?.id ?? null))
    changes.ownerId = draft.owner?.id ?? null;
  if (next.keyStore !== before.keyStore) changes.keyStore = next.keyStore;
  if (next.keyReference !== before.keyReference) changes.keyReference = next.keyReference;
  if (next.keyExpiresAt !== before.keyExpiresAt) changes.keyExpiresAt = next.keyExpiresAt;
  const sameSharing =
    JSON.stringify(next.sharedWith === "ALL" ? "ALL" : [...next.sharedWith].sort()) ===
    JSON.stringify(before.sharedWith === "ALL" ? "ALL" : [...before.sharedWith].sort());
  if (!sameSharing) changes.sharedWith = next.sharedWith;
  const all = checkConnector(draft, { withService: false, now });
  const errors: FieldErrors = {};
  // A new store is checked against the reference, changed or not.
  const checked = changes.keyStore ? [...Object.keys(changes), "keyReference"] : Object.keys(changes);
  for (const field of checked) {
    const message = all[field];
    if (message) errors[field] = message;
  }
  return { changes, errors };
}

export function gatewayDraftOf(gateway: GatewayDraft): GatewayDraft {
  return {
    name: gateway.name,
    kind: gateway.kind,
    cluster: gateway.cluster,
    host: gateway.host,
    region: gateway.region,
    ...(gateway.admins ? { admins: gateway.admins.map(({ id, name, email }) => ({ id, name, email })) } : {}),
  };
}

type GatewayPatchFields = Partial<Pick<GatewayDraft, "name" | "cluster" | "host" | "region">> & {
  adminIds?: string[];
};

/** The fields of a gateway edit that differ from what is stored, and their problems. */
export function gatewayChanges(
  original: GatewayDraft,
  draft: GatewayDraft,
): { changes: GatewayPatchFields; errors: FieldErrors } {
  const next = toGatewayFields(draft);
  const before = toGatewayFields(original);
  const changes: GatewayPatchFields = {};
  for (const field of ["name", "cluster", "host", "region"] as const) {
    if (next[field] !== before[field]) changes[field] = next[field];
  }
  const adminIds = (draft.admins ?? []).map((person) => person.id);
  const adminsBefore = (original.admins ?? []).map((person) => person.id);
  if (draft.admins && JSON.stringify([...adminIds].sort()) !== JSON.stringify([...adminsBefore].sort()))
    changes.adminIds = adminIds;
  const all = checkGateway(draft);
  const errors: FieldErrors = {};
  for (const field of Object.keys(changes)) {
    const message = all[field];
    if (message) errors[field] = message;
  }
  return { changes, errors };
}
