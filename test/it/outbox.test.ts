import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMailTransport } from "@/lib/jobs/server/mail";
import { BACKOFF_SECONDS, deliverOutbox, MAX_ATTEMPTS } from "@/lib/jobs/server/outbox";
import { connectorRequest, decide, sharedKeyAutomation } from "@/test/support/approvals";
import { newConnector } from "@/test/support/bodies";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { bodyOf, closedPortUrl, startSmtpServer, subjectOf } from "@/test/support/smtp";

// The outbox: a mail server that is down or refuses loses nothing — the decision commits, the
// notification stays queued with its attempt counted, and a later run delivers it.

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

async function approvedRequest() {
  const automation = await sharedKeyAutomation({
    name: "HR sync",
    ownerId: company.maker.id,
    departmentId: company.finance.id,
    service: "workday",
  });
  const request = await connectorRequest(automation.id, company.maker.id);
  const answer = await decide(company.it.token, request.id, {
    decision: "APPROVE",
    reason: "Fine by IT",
    version: 1,
    connector: newConnector("ALL"),
  });
  expect(answer.status).toBe(200);
  return request;
}

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe("deliverOutbox", () => {
  it("SMTP down: the decision stands, the mail stays PENDING (attempts 1); once the server is up it is delivered", async () => {
    const request = await approvedRequest();
    const down = createMailTransport(await closedPortUrl());

    const failed = await deliverOutbox({ now: new Date(), transport: down });

    expect(failed).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    expect((await prisma.request.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("APPROVED");
    const queued = await prisma.notification.findFirstOrThrow({ where: { userId: company.maker.id } });
    expect(queued).toMatchObject({ emailStatus: "PENDING", attempts: 1, sentAt: null });
    expect(queued.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    // Backed off: a run within the first minute leaves it alone.
    expect(await deliverOutbox({ now: new Date(), transport: down })).toMatchObject({ retrying: 0 });

    smtp = await startSmtpServer();
    const delivered = await deliverOutbox({
      now: later(BACKOFF_SECONDS[1]! + 1),
      transport: createMailTransport(smtp.url),
    });

    expect(delivered).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    const sent = await prisma.notification.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent).toMatchObject({ emailStatus: "SENT", attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["mia.maker@preflight.test"]);
    expect(subjectOf(smtp.received[0]!.raw)).toBe(
      "[Preflight] Your connector request for “workday” was approved",
    );
    expect(bodyOf(smtp.received[0]!.raw)).toContain("Fine by IT");
    // Delivered once: another run sends nothing.
    expect(await deliverOutbox({ now: later(3600), transport: createMailTransport(smtp.url) })).toMatchObject(
      {
        sent: 0,
      },
    );
  });

  it("a refusing server counts attempts and gives up after the last one (FAILED)", async () => {
    await approvedRequest();
    smtp = await startSmtpServer({ reject: true });
    const transport = createMailTransport(smtp.url);
    await prisma.notification.updateMany({ data: { attempts: MAX_ATTEMPTS - 2 } });

    expect(await deliverOutbox({ now: later(86_400), transport })).toMatchObject({ retrying: 1, failed: 0 });
    const retrying = await prisma.notification.findFirstOrThrow();
    expect(retrying).toMatchObject({ emailStatus: "PENDING", attempts: MAX_ATTEMPTS - 1 });
    expect(retrying.lastError).toMatch(/550/);
    expect(await deliverOutbox({ now: later(2 * 86_400), transport })).toMatchObject({
      retrying: 0,
      failed: 1,
    });
    expect(await prisma.notification.findFirstOrThrow()).toMatchObject({
      emailStatus: "FAILED",
      attempts: MAX_ATTEMPTS,
    });
  });

  it("without SMTP, e-mails are SKIPPED (the in-app notification remains); deactivated people get none", async () => {
    await approvedRequest();
    expect(await deliverOutbox({ transport: null })).toMatchObject({ skipped: 1 });
    expect(await prisma.notification.findFirstOrThrow()).toMatchObject({
      emailStatus: "SKIPPED",
      readAt: null,
    });

    await prisma.notification.create({
      data: { userId: company.colleague.id, kind: "test", title: "t", body: "b" },
    });
    await prisma.user.update({ where: { id: company.colleague.id }, data: { active: false } });
    smtp = await startSmtpServer();
    expect(await deliverOutbox({ transport: createMailTransport(smtp.url) })).toMatchObject({
      sent: 0,
      skipped: 1,
    });
    expect(smtp.received).toHaveLength(0);
  });
});
