import { beforeAll, describe, expect, it } from "vitest";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { automationScope } from "@/lib/auth/server/scope";
import type { HistorySource } from "@/lib/automations/history";
import { type AutomationView, getAutomation, readAutomation } from "@/lib/automations/server/get-automation";
import { toHistory } from "@/lib/automations/server/history";
import { loadDemoData } from "@/prisma/demo-data";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// An automation is read one way (lib/automations/server/detail-sql.ts): prepared on the pool for
// pages, unprepared inside a write's Prisma transaction. Both must give the same answer, within
// the same scope as the writes' Prisma where clause: on the demo company (every kind, sign-in
// method, request state, connector and gateway status), every automation, a person of each role.

const NOW = new Date("2026-06-15T09:00:00Z");
let automationIds: string[];
let callers: Record<string, Caller>;

beforeAll(async () => {
  await resetDatabase();
  await loadDemoData(NOW);
  automationIds = (await prisma.automation.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map(
    (row) => row.id,
  );
  const people = await pool().query<{ id: string; role: string }>(
    `select distinct on (r.role) u.id, r.role::text as role
       from users u join role_assignments r on r."userId" = u.id
      order by r.role, u.email`,
  );
  callers = {};
  for (const person of people.rows) callers[person.role] = (await loadCaller(person.id, "session"))!;
}, 60_000);

describe("an automation's page data", () => {
  it("covers the demo company's variety", async () => {
    const kinds = await pool().query<{ requests: number; decided: number; shared: number; gateways: number }>(
      `select (select count(*)::int from requests) as requests,
              (select count(*)::int from requests where "decidedById" is not null) as decided,
              (select count(*)::int from system_accesses where "signInMethod" = 'SHARED_KEY') as shared,
              (select count(*)::int from automations where "gatewayId" is not null) as gateways`,
    );
    expect(automationIds.length).toBeGreaterThanOrEqual(20);
    for (const value of Object.values(kinds.rows[0]!)) expect(value).toBeGreaterThan(0);
    expect(Object.keys(callers).sort()).toEqual(["ADMIN", "IT_APPROVER", "MAKER", "MANAGER"]);
  });

  it.each(["ADMIN", "IT_APPROVER", "MANAGER", "MAKER"])(
    "reads the same in and out of a transaction for every automation a %s may see, and is a 404 for the others",
    async (role) => {
      const caller = callers[role]!;
      let seen = 0;
      for (const id of automationIds) {
        const visible = await prisma.automation.count({ where: { AND: [{ id }, automationScope(caller)] } });
        if (visible === 0) {
          await expect(getAutomation({ caller, id, now: NOW })).rejects.toMatchObject({ status: 404 });
          expect(await prisma.$transaction((tx) => readAutomation(caller, id, { tx, now: NOW }))).toBeNull();
          continue;
        }
        seen += 1;
        const page = await getAutomation({ caller, id, now: NOW });
        const inTransaction = await prisma.$transaction((tx) => readAutomation(caller, id, { tx, now: NOW }));
        expect(inTransaction).toEqual(page);
        expect(page.createdAt).toBeInstanceOf(Date);
        expect(page.prerequisites.length).toBeGreaterThan(0);
        expect(page.history).toEqual(await expectedHistory(page));
      }
      // Each role sees something, and only the company-wide roles see everything.
      expect(seen).toBeGreaterThan(0);
      if (role === "ADMIN" || role === "IT_APPROVER") expect(seen).toBe(automationIds.length);
      else expect(seen).toBeLessThan(automationIds.length);
    },
    60_000,
  );
});

/**
 * The automation's own audit events and its requests', newest first, at most 100, read through
 * Prisma and told as the page tells them.
 */
async function expectedHistory(page: AutomationView) {
  const requests = await prisma.request.findMany({
    where: { automationId: page.id },
    select: { id: true, type: true, service: true },
  });
  const events = await prisma.auditEvent.findMany({
    where: {
      OR: [
        { entityType: "Automation", entityId: page.id },
        { entityType: "Request", entityId: { in: requests.map((r) => r.id) } },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true,
      action: true,
      actorLabel: true,
      createdAt: true,
      before: true,
      after: true,
      entityType: true,
      entityId: true,
      actor: { select: { name: true } },
    },
  });
  const named = async (model: "gateway" | "connector", id: unknown) => {
    if (typeof id !== "string") return null;
    const where = { where: { id }, select: { name: true } };
    const row =
      model === "gateway" ? await prisma.gateway.findUnique(where) : await prisma.connector.findUnique(where);
    return row?.name ?? null;
  };
  const sources: HistorySource[] = [];
  for (const event of events) {
    const after = (event.after ?? {}) as Record<string, unknown>;
    const request = event.entityType === "Request" ? requests.find((r) => r.id === event.entityId) : null;
    sources.push({
      id: event.id.toString(),
      action: event.action,
      actorLabel: event.actorLabel,
      actorName: event.actor?.name ?? null,
      createdAt: event.createdAt,
      before: event.before,
      after: event.after,
      request: request ? { type: request.type, service: request.service } : null,
      gatewayName: await named("gateway", after.gatewayId),
      connectorName: await named("connector", after.connectorId),
    });
  }
  return toHistory(sources, page);
}
