import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runKeyExpiry } from "@/lib/jobs/server/key-expiry";
import { createMailTransport } from "@/lib/jobs/server/mail";
import { deliverOutbox } from "@/lib/jobs/server/outbox";
import { insertConnector } from "@/lib/testing/factories";
import { sharedKeyAutomation } from "@/test/support/approvals";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { bodyOf, startSmtpServer, subjectOf } from "@/test/support/smtp";

// Done-when (c): the clock moves past a key's expiry, the job runs, the dependents are
// EXPIRED / BLOCKED, reminders were sent, and a local SMTP server receives the reminder mail.

const DAY = 86_400_000;
let company: Company;
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany({ managerManages: ["finance"] });
});

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe("runKeyExpiry", () => {
  it("reminds 30/7/1 days before, then expires: dependents EXPIRED / BLOCKED, makers and owner told", async () => {
    const start = new Date();
    const expiresAt = new Date(start.getTime() + 10 * DAY);
    const workday = await insertConnector({
      name: "Workday",
      service: "workday",
      keyExpiresAt: expiresAt,
      ownerId: company.it.id,
    });
    const dependents = await Promise.all(
      ["HR sync", "Headcount"].map((name) =>
        sharedKeyAutomation({
          name,
          ownerId: company.maker.id,
          departmentId: company.finance.id,
          service: "workday",
        }),
      ),
    );
    const sales = await sharedKeyAutomation({
      name: "Commissions",
      ownerId: company.salesMaker.id,
      departmentId: company.sales.id,
      service: "workday",
    });
    expect(await prisma.automation.count({ where: { status: "READY" } })).toBe(3);

    // Day 0: 10 days left → the 30-day reminder, once however often the job runs.
    const first = await runKeyExpiry({ now: start });
    expect(first).toMatchObject({ expired: 0, reminders: 1 });
    expect((await runKeyExpiry({ now: new Date(start.getTime() + 3_600_000) })).reminders).toBe(0);
    // Day 4 (6 left): the 7-day one; day 9.5 (half a day left): the 1-day one.
    expect((await runKeyExpiry({ now: new Date(start.getTime() + 4 * DAY) })).reminders).toBe(1);
    expect((await runKeyExpiry({ now: new Date(start.getTime() + 9.5 * DAY) })).reminders).toBe(1);
    const reminders = await prisma.notification.findMany({
      where: { kind: "connector.expiring" },
      orderBy: { createdAt: "asc" },
    });
    expect(reminders.map((n) => [n.userId, n.title, n.dedupeKey])).toEqual(
      [
        ["10 days", 30],
        ["6 days", 7],
        ["1 day", 1],
      ].map(([left, window]) => [
        company.it.id,
        `The key of connector “Workday” expires in ${left}`,
        `reminder:${workday.id}:${window}:${expiresAt.toISOString().slice(0, 10)}`,
      ]),
    );

    // The clock passes the expiry date.
    const after = new Date(expiresAt.getTime() + 60_000);
    const swept = await runKeyExpiry({ now: after });

    expect(swept).toMatchObject({ expired: 1, rederived: 3, statusChanges: 3, reminders: 0 });
    expect((await prisma.connector.findUniqueOrThrow({ where: { id: workday.id } })).status).toBe("EXPIRED");
    const rows = await prisma.automation.findMany({
      where: { id: { in: [...dependents.map((d) => d.id), sales.id] } },
      select: { status: true, prerequisites: { select: { status: true, connectorId: true } } },
    });
    for (const row of rows) {
      expect(row.status).toBe("BLOCKED");
      expect(row.prerequisites).toEqual([{ status: "EXPIRED", connectorId: workday.id }]);
    }
    const expiredNotes = await prisma.notification.findMany({ where: { kind: "connector.expired" } });
    expect(expiredNotes.map((n) => [n.userId, n.title]).sort()).toEqual(
      [
        [company.maker.id, "The key of connector “Workday” has expired"],
        [company.salesMaker.id, "The key of connector “Workday” has expired"],
        [company.it.id, "Connector “Workday” expired"],
      ].sort(),
    );
    expect(expiredNotes.find((n) => n.userId === company.maker.id)?.body).toMatch(/^2 of your automations/);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "connector.expired" } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: "system: key expiry", entityId: workday.id });

    // Idempotent: a second run (another instance, a retry) changes nothing.
    expect(await runKeyExpiry({ now: new Date(after.getTime() + 1000) })).toMatchObject({
      expired: 0,
      rederived: 0,
      reminders: 0,
    });

    // The outbox delivers the reminders (and expiry notices) through a real SMTP server.
    smtp = await startSmtpServer();
    const delivered = await deliverOutbox({ now: after, transport: createMailTransport(smtp.url) });
    expect(delivered).toMatchObject({ sent: 6, retrying: 0, failed: 0 });
    const toOwner = smtp.received.filter((mail) => mail.to.includes("ivan.it@preflight.test"));
    expect(toOwner.map((mail) => subjectOf(mail.raw)).sort()).toEqual(
      [
        "[Preflight] Connector “Workday” expired",
        "[Preflight] The key of connector “Workday” expires in 1 day",
        "[Preflight] The key of connector “Workday” expires in 10 days",
        "[Preflight] The key of connector “Workday” expires in 6 days",
      ].sort(),
    );
    expect(bodyOf(toOwner[0]!.raw)).toContain(`http://localhost:3000/catalog/connectors/${workday.id}`);
    expect(await prisma.notification.count({ where: { emailStatus: "SENT" } })).toBe(6);
  });

  it("reminds whoever created a connector without an owner, and nobody for revoked ones", async () => {
    const now = new Date();
    await prisma.connector.create({
      data: {
        name: "Orphan",
        service: "orphan",
        ownerTeam: "IT",
        keyReference: "kv/orphan",
        keyExpiresAt: new Date(now.getTime() + 5 * DAY),
        createdById: company.it2.id,
      },
    });
    await insertConnector({
      name: "Gone",
      service: "gone",
      keyExpiresAt: new Date(now.getTime() + 5 * DAY),
      status: "REVOKED",
      ownerId: company.it.id,
    });
    expect(await runKeyExpiry({ now })).toMatchObject({ reminders: 1 });
    const reminder = await prisma.notification.findFirstOrThrow({ where: { kind: "connector.expiring" } });
    expect(reminder).toMatchObject({
      userId: company.it2.id,
      title: "The key of connector “Orphan” expires in 5 days",
    });
  });
});
