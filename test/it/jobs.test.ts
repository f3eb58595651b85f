import type PgBoss from "pg-boss";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBoss } from "@/lib/jobs/server/boss";
import { JOBS, registerJobs } from "@/lib/jobs/server/schedule";
import { insertConnector } from "@/lib/testing/factories";
import { sharedKeyAutomation } from "@/test/support/approvals";
import { buildCompany, type Company } from "@/test/support/company";
import { pool, prisma, resetDatabase } from "@/test/support/db";
import { waitFor } from "@/test/support/wait";

// The job queue with several app instances on one database: three pg-boss instances start at
// once (as three app servers would), and the start-up key-expiry sweep runs exactly once.

let company: Company;
let bosses: PgBoss[] = [];

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

afterEach(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, timeout: 5_000 })));
  bosses = [];
});

describe("the job queue", () => {
  it("three instances: one start-up key-expiry job, run once; one schedule per job", async () => {
    const connector = await insertConnector({
      name: "Workday",
      service: "workday",
      keyExpiresAt: new Date(Date.now() - 60_000),
      ownerId: company.it.id,
    });
    const automation = await sharedKeyAutomation({
      name: "HR sync",
      ownerId: company.maker.id,
      departmentId: company.finance.id,
      service: "workday",
    });

    bosses = [createBoss(), createBoss(), createBoss()];
    await Promise.all(bosses.map((boss) => boss.start()));
    await Promise.all(bosses.map((boss) => registerJobs(boss)));

    await waitFor(async () => {
      const { rows } = await pool().query(
        `select count(*)::int as n from pgboss.job where name = 'key-expiry' and state = 'completed'`,
      );
      return rows[0].n >= 1;
    });
    const { rows: jobs } = await pool().query(
      `select state, "singleton_key" as key from pgboss.job where name = 'key-expiry'`,
    );
    expect(jobs).toEqual([{ state: "completed", key: "start-up" }]);
    expect((await prisma.connector.findUniqueOrThrow({ where: { id: connector.id } })).status).toBe(
      "EXPIRED",
    );
    expect((await prisma.automation.findUniqueOrThrow({ where: { id: automation.id } })).status).toBe(
      "BLOCKED",
    );
    expect(await prisma.auditEvent.count({ where: { action: "connector.expired" } })).toBe(1);

    const { rows: schedules } = await pool().query(`select name, cron, timezone from pgboss.schedule`);
    expect(schedules.map((s) => [s.name, s.cron, s.timezone]).sort()).toEqual(
      Object.entries(JOBS)
        .map(([name, job]) => [name, job.cron, "UTC"])
        .sort(),
    );
  });
});
