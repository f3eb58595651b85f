import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { TConnectorListQuery, TGatewayListQuery } from "@/lib/catalog/schemas";
import {
  connectorSelect,
  gatewaySelect,
  toConnectorView,
  toGatewayListItem,
} from "@/lib/catalog/server/views";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, toPage } from "@/lib/http/cursor";

// Catalog reads for every signed-in person: the wizard shows which services already have a
// connector, and makers pick gateways. Ordered by name, keyset-paginated on (name, id).

const byNameAfter = (cursor: string | undefined) => {
  if (!cursor) return [];
  const after = decodeCursor(cursor);
  return [{ OR: [{ name: { gt: after.sortKey } }, { name: after.sortKey, id: { gt: after.id } }] }];
};

export async function listConnectors({ caller, query }: { caller: Caller; query: TConnectorListQuery }) {
  const filters: Prisma.ConnectorWhereInput[] = [...byNameAfter(query.cursor)];
  if (query.service) filters.push({ service: query.service });
  if (query.status) filters.push({ status: query.status });
  if (query.ownerLeft) filters.push({ owner: { active: false } });
  if (query.q) {
    filters.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { service: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  const rows = await prisma.connector.findMany({
    where: { AND: filters },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: connectorSelect,
  });
  const now = new Date();
  return toPage(
    rows,
    query.limit,
    (row) => row.name,
    (row) => toConnectorView(row, caller, now),
  );
}

export async function listGateways({ query }: { caller: Caller; query: TGatewayListQuery }) {
  const filters: Prisma.GatewayWhereInput[] = [...byNameAfter(query.cursor)];
  if (query.status) filters.push({ status: query.status });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.adminLeft) filters.push({ admins: { some: { user: { active: false } } } });
  if (query.q) filters.push({ name: { contains: query.q, mode: "insensitive" } });
  const rows = await prisma.gateway.findMany({
    where: { AND: filters },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: gatewaySelect,
  });
  return toPage(rows, query.limit, (row) => row.name, toGatewayListItem);
}

export { revokeConnector } from "@/lib/catalog/server/revoke-connector";
