import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/server/caller";
import type { AuthScheme, TDataSource } from "@/lib/catalog/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskIfSecret } from "@/lib/secrets/mask";

// A connector as the API shows it.
//
// keyReference says where a connector's key lives. It is a reference, not the key, but it is
// still a map to the company's secrets, so only IT (catalog:write) sees it; for everyone
// else the field is absent.

export const connectorSelect = {
  id: true,
  name: true,
  service: true,
  ownerTeam: true,
  keyStore: true,
  keyReference: true,
  keyExpiresAt: true,
  status: true,
  sharing: true,
  revokedAt: true,
  vendor: true,
  baseUrl: true,
  authScheme: true,
  scopes: true,
  dataClassification: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true, email: true, active: true } },
  departments: { select: { department: { select: { id: true, name: true } } } },
} satisfies Prisma.ConnectorSelect;

type ConnectorRow = Prisma.ConnectorGetPayload<{ select: typeof connectorSelect }>;

export function toConnectorView(row: ConnectorRow, caller: Caller, now = new Date()) {
  const { keyStore, keyReference, departments, authScheme, scopes, owner, ...rest } = row;
  const departmentList = departments.map((link) => link.department);
  return {
    ...rest,
    owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
    /** Its owner was deactivated (left): IT names a new one. */
    ownerLeft: owner !== null && !owner.active,
    departments: departmentList,
    // Written only from the validated enum (lib/catalog/schemas.ts AUTH_SCHEMES); text in the table.
    authScheme: authScheme as AuthScheme | null,
    scopes: scopes ?? [],
    /** APPROVED and its key not yet expired: it satisfies prerequisites now. */
    usable: row.status === "APPROVED" && row.keyExpiresAt.getTime() > now.getTime(),
    /** Shared with every department, or with the caller's. */
    availableToYou:
      row.sharing === "ALL" ||
      (caller.departmentId !== null && departmentList.some((d) => d.id === caller.departmentId)),
    // A reference written before the store's grammar existed may hold the key itself: masked.
    ...(can(caller, "catalog:write") ? { keyStore, keyReference: maskIfSecret(keyReference, keyStore) } : {}),
  };
}

export type ConnectorView = ReturnType<typeof toConnectorView>;

/** A gateway or machine group as the API lists it. */
export const gatewaySelect = {
  id: true,
  name: true,
  kind: true,
  cluster: true,
  host: true,
  region: true,
  status: true,
  dataSources: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  // Admins who left, for IT's flag (a gateway has a handful of admins).
  admins: {
    where: { user: { active: false } },
    select: { user: { select: { id: true, name: true, email: true } } },
  },
} satisfies Prisma.GatewaySelect;

type GatewayRow = Prisma.GatewayGetPayload<{ select: typeof gatewaySelect }>;

/**
 * The data sources a gateway lists (jsonb, written only through lib/catalog/schemas.ts
 * ZDataSource): its API shape.
 */
export function dataSourcesOf(value: Prisma.JsonValue): TDataSource[] {
  return Array.isArray(value) ? (value as unknown as TDataSource[]) : [];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A gateway as the list shows it, with the admins who left. */
export function toGatewayListItem(row: GatewayRow) {
  const { admins, ...rest } = row;
  return {
    ...rest,
    dataSources: dataSourcesOf(row.dataSources),
    adminsLeft: admins.map((link) => link.user).sort(byName),
  };
}

/** …and on its own page, with every person who administers it. */
export const gatewayDetailSelect = {
  ...gatewaySelect,
  admins: { select: { user: { select: { id: true, name: true, email: true, active: true } } } },
} satisfies Prisma.GatewaySelect;

type GatewayDetailRow = Prisma.GatewayGetPayload<{ select: typeof gatewayDetailSelect }>;

export function toGatewayView(row: GatewayDetailRow) {
  const { admins, ...rest } = row;
  const people = admins.map((link) => link.user).sort(byName);
  const ref = ({ id, name, email }: (typeof people)[number]) => ({ id, name, email });
  return {
    ...toGatewayListItem({ ...rest, admins: [] }),
    adminsLeft: people.filter((person) => !person.active).map(ref),
    admins: people.map(ref),
  };
}
