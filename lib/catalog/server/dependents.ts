import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { automationScope } from "@/lib/auth/server/scope";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// What depends on a catalog entry, and what a change to it would do — both asked before IT
// confirms a revocation or takes a gateway offline. Counted in Postgres, whatever the size.
//
// A connector's dependents are the automations whose prerequisite points at it (satisfied by
// it, or expired because of it); a gateway's are the automations assigned to it. Retired
// automations are history, not dependents.

export const DEPENDENTS_SHOWN = 200;

/** The global client or a transaction: the impact is read before a change, or inside it. */
type Db = Pick<Tx, "$queryRaw">;

export interface Impact {
  automations: number;
  departments: number;
  /** Per department: its dependents, and how many of them the change would block. */
  byDepartment: Array<{ departmentId: string; name: string; count: number; wouldBlock: number }>;
  /** Dependents not BLOCKED now that the change would turn BLOCKED. */
  wouldBlock: number;
}

/** The first 200 dependents by name, their total and departments — within the caller's scope. */
export async function loadDependents(caller: Caller, dependsOn: Prisma.AutomationWhereInput) {
  const where: Prisma.AutomationWhereInput = {
    AND: [automationScope(caller), { status: { not: "RETIRED" } }, dependsOn],
  };
  const [automations, departments] = await Promise.all([
    prisma.automation.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: DEPENDENTS_SHOWN,
      select: {
        id: true,
        name: true,
        status: true,
        department: { select: { id: true, name: true } },
        owner: { select: { id: true, name: true } },
      },
    }),
    prisma.automation.groupBy({ by: ["departmentId"], where, _count: { _all: true } }),
  ]);
  return {
    automations,
    total: departments.reduce((sum, group) => sum + group._count._all, 0),
    departments: departments.length,
  };
}

export const connectorDependents = (connectorId: string): Prisma.AutomationWhereInput => ({
  prerequisites: { some: { connectorId } },
});

export const gatewayDependents = (gatewayId: string): Prisma.AutomationWhereInput => ({ gatewayId });

interface ImpactRow {
  departmentId: string;
  name: string;
  count: number;
  wouldBlock: number;
}

/** No request for the dependent's prerequisite `p` is pending (that would make it REQUESTED, not EXPIRED). */
const noPendingRequest = Prisma.sql`not exists (
           select 1 from requests r
            where r."automationId" = d.id and r."prerequisiteKey" = p.key and r.status = 'PENDING')`;

/**
 * The impact from the `dependents` and the `blocked` among them, which `withDependents`
 * defines: counted by department in Postgres.
 */
async function impactOf(db: Db, withDependents: Prisma.Sql): Promise<Impact> {
  const rows = await db.$queryRaw<ImpactRow[]>`${withDependents}
    select d."departmentId", dep.name, count(*)::int as count,
           count(b.id)::int as "wouldBlock"
      from dependents d
      join departments dep on dep.id = d."departmentId"
      left join blocked b on b.id = d.id
     group by d."departmentId", dep.name
     order by count(*) desc, dep.name`;
  return {
    automations: rows.reduce((sum, row) => sum + row.count, 0),
    departments: rows.length,
    byDepartment: rows.map(({ departmentId, name, count, wouldBlock }) => ({
      departmentId,
      name,
      count,
      wouldBlock,
    })),
    wouldBlock: rows.reduce((sum, row) => sum + row.wouldBlock, 0),
  };
}

/**
 * Revoking: a dependent is blocked when its prerequisite is SATISFIED by this connector now,
 * no other usable connector of the service is shared with its department to take over, and
 * no request for it is pending (that would make it REQUESTED, not EXPIRED).
 */
export async function connectorRevokeImpact(db: Db, connectorId: string, now: Date): Promise<Impact> {
  return impactOf(
    db,
    Prisma.sql`
    with target as (select id, service from connectors where id = ${connectorId}::uuid),
    dependents as (
      select distinct a.id, a."departmentId", a.status
        from prerequisites p join automations a on a.id = p."automationId"
       where p."connectorId" = ${connectorId}::uuid and a.status <> 'RETIRED'),
    blocked as (
      select distinct d.id
        from dependents d
        join prerequisites p on p."automationId" = d.id and p."connectorId" = ${connectorId}::uuid
                            and p.status = 'SATISFIED'
       where d.status <> 'BLOCKED'
         and not exists (
           select 1 from connectors c, target t
            where c.id <> t.id and c.service = t.service and c.status = 'APPROVED'
              and c."keyExpiresAt" > ${now}::timestamptz
              and (c.sharing = 'ALL' or exists (
                     select 1 from connector_departments cd
                      where cd."connectorId" = c.id and cd."departmentId" = d."departmentId")))
         and ${noPendingRequest})
    `,
  );
}

/**
 * Taking a gateway offline or decommissioning it: every dependent whose GATEWAY prerequisite
 * it satisfies now turns EXPIRED (so BLOCKED), unless a gateway request is pending.
 */
export async function gatewayStatusImpact(db: Db, gatewayId: string): Promise<Impact> {
  return impactOf(
    db,
    Prisma.sql`
    with dependents as (
      select a.id, a."departmentId", a.status from automations a
       where a."gatewayId" = ${gatewayId}::uuid and a.status <> 'RETIRED'),
    blocked as (
      select d.id
        from dependents d
        join prerequisites p on p."automationId" = d.id and p.type = 'GATEWAY' and p.status = 'SATISFIED'
                            and p."gatewayId" = ${gatewayId}::uuid
       where d.status <> 'BLOCKED'
         and ${noPendingRequest})
    `,
  );
}

/** Every automation that signs in to `service` with a shared key: what a connector change re-derives. */
export async function automationsUsingService(tx: Tx, service: string): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    select distinct "automationId" as id from system_accesses
     where "signInMethod" = 'SHARED_KEY' and service = ${service}`;
  return rows.map((row) => row.id);
}
