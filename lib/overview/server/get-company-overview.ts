import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import { pool } from "@/lib/db";

export interface CompanyOverview {
  departments: number;
  people: number;
  automations: { total: number; ready: number; pending: number; blocked: number };
  outstandingPrerequisites: number;
  pendingRequests: number;
  approvedConnectors: number;
  onlineGateways: number;
}

/**
 * The company's headline numbers in one round trip: counts, no records, shown to every
 * signed-in person (docs/decisions/011-one-authorization-rule.md).
 */
export async function getCompanyOverview(_: { caller: Caller }): Promise<CompanyOverview> {
  const { rows } = await pool().query<Record<string, string>>(`
    select
      (select count(*) from departments) as departments,
      (select count(*) from users where active) as people,
      (select count(*) from automations where status <> 'RETIRED') as automations,
      (select count(*) from automations where status = 'READY') as ready,
      (select count(*) from automations where status = 'PENDING') as pending,
      (select count(*) from automations where status = 'BLOCKED') as blocked,
      (select count(*) from prerequisites p join automations a on a.id = p."automationId"
        where p.status <> 'SATISFIED' and a.status <> 'RETIRED') as outstanding,
      (select count(*) from requests where status = 'PENDING') as "pendingRequests",
      (select count(*) from connectors where status = 'APPROVED' and "keyExpiresAt" > now()) as connectors,
      (select count(*) from gateways where status = 'ONLINE') as gateways
  `);
  const row = rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    departments: n("departments"),
    people: n("people"),
    automations: { total: n("automations"), ready: n("ready"), pending: n("pending"), blocked: n("blocked") },
    outstandingPrerequisites: n("outstanding"),
    pendingRequests: n("pendingRequests"),
    approvedConnectors: n("connectors"),
    onlineGateways: n("gateways"),
  };
}
