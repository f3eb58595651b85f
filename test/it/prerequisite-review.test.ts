import { beforeEach, describe, expect, it } from "vitest";
import * as review from "@/app/api/v1/automations/[id]/prerequisites/[prerequisiteId]/review/route";
import * as one from "@/app/api/v1/automations/[id]/route";
import * as collection from "@/app/api/v1/automations/route";
import { SYSTEM_ACTOR } from "@/lib/audit/server/record-audit";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { expenseReporting } from "@/test/support/bodies";
import { buildCompany, type Company, type Person } from "@/test/support/company";
import { checkContract } from "@/test/support/contract";
import { prisma, resetDatabase, rowCounts } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// How each SATISFIED is known: DECLARED by the maker, APPROVED by IT, VERIFIED when IT
// reviewed the maker's declaration — and IT's review route, which verifies a declaration or
// sends it back (OUTSTANDING, with IT's reason, until the maker declares something else).

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const BANK = "CREDENTIAL:online banking";

interface PrerequisiteAnswer {
  id: string;
  key: string;
  status: string;
  satisfiedBy: string | null;
  reason: string;
  basis: string | null;
  basisBy: { id: string; name: string; email: string } | null;
  basisAt: string | null;
  action: { kind: string; label: string } | null;
}

const byKey = (automation: { prerequisites: PrerequisiteAnswer[] }, key: string) =>
  automation.prerequisites.find((p) => p.key === key)!;

async function register(owner: Person = company.colleague) {
  const answer = await callRoute(collection.POST, "POST", "/api/v1/automations", {
    token: owner.token,
    body: expenseReporting(owner.email),
  });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; version: number; prerequisites: PrerequisiteAnswer[] };
}

async function reviewOf(person: Person, automationId: string, prerequisiteId: string, body: unknown) {
  const path = `/api/v1/automations/${automationId}/prerequisites/${prerequisiteId}/review`;
  const answer = await callRoute(review.POST, "POST", path, {
    token: person.token,
    body,
    params: { id: automationId, prerequisiteId },
  });
  checkContract({ method: "POST", path, status: answer.status, body: answer.body });
  return answer;
}

async function read(automationId: string, person: Person = company.colleague) {
  const path = `/api/v1/automations/${automationId}`;
  const answer = await callRoute(one.GET, "GET", path, { token: person.token, params: { id: automationId } });
  checkContract({ method: "GET", path, status: answer.status, body: answer.body });
  return answer.body as {
    prerequisites: PrerequisiteAnswer[];
    version: number;
    permissions: { review: boolean };
  };
}

describe("the basis of every satisfied prerequisite", () => {
  it("declared ones name the maker, what IT approved names the approver (or IT), and nothing else has one", async () => {
    const { erpConnector } = company;
    await prisma.connector.update({ where: { id: erpConnector.id }, data: { createdById: company.it.id } });
    const created = await register();
    const automation = await read(created.id);
    const bank = byKey(automation, BANK);
    expect(bank).toMatchObject({
      status: "SATISFIED",
      basis: "DECLARED",
      basisBy: { id: company.colleague.id, name: company.colleague.name, email: company.colleague.email },
    });
    expect(byKey(automation, "ENTRA_CONNECTION")).toMatchObject({ basis: "DECLARED" });
    expect(byKey(automation, "SHARED_KEY_CONNECTOR:erp")).toMatchObject({
      status: "SATISFIED",
      basis: "APPROVED",
      basisBy: { id: company.it.id },
    });
    expect(byKey(automation, "GATEWAY")).toMatchObject({
      status: "OUTSTANDING",
      basis: null,
      basisBy: null,
      basisAt: null,
    });
    // Stored as answered: the row holds the same basis, person and time.
    const row = await prisma.prerequisite.findFirstOrThrow({
      where: { automationId: created.id, key: BANK },
    });
    expect([row.basis, row.basisById, row.basisAt?.toISOString()]).toEqual([
      "DECLARED",
      company.colleague.id,
      bank.basisAt,
    ]);
  });

  it("basisAt stays put across re-derivations that change nothing, and moves with a new declaration", async () => {
    const created = await register();
    const before = byKey(await read(created.id), BANK);
    const later = new Date(Date.now() + 60_000);
    const again = await prisma.$transaction((tx) =>
      rederiveAutomations(tx, [created.id], { actor: SYSTEM_ACTOR("test"), cause: "test", now: later }),
    );
    expect(again.changedPrerequisites).toBe(0);
    expect(byKey(await read(created.id), BANK).basisAt).toBe(before.basisAt);

    const body = expenseReporting(company.colleague.email);
    body.systems[0]!.credentialReference!.name = "kv-finance/banking-bot-2";
    const changed = await callRoute(one.PATCH, "PATCH", `/api/v1/automations/${created.id}`, {
      token: company.colleague.token,
      body: { version: created.version, systems: body.systems },
      params: { id: created.id },
    });
    expect(changed.status).toBe(200);
    const after = byKey(changed.body, BANK);
    expect(after.basis).toBe("DECLARED");
    expect(Date.parse(after.basisAt!)).toBeGreaterThan(Date.parse(before.basisAt!));
  });
});

describe("POST /api/v1/automations/{id}/prerequisites/{prerequisiteId}/review", () => {
  it("VERIFIED: the basis becomes VERIFIED by the reviewer, with an audit event and a word to the owner", async () => {
    const created = await register();
    const bank = byKey(created, BANK);
    const answer = await reviewOf(company.it, created.id, bank.id, {
      outcome: "VERIFIED",
      declaration: bank.satisfiedBy,
    });
    expect(answer.status).toBe(200);
    const verified = byKey(answer.body, BANK);
    expect(verified).toMatchObject({
      status: "SATISFIED",
      satisfiedBy: bank.satisfiedBy,
      basis: "VERIFIED",
      basisBy: { id: company.it.id, name: company.it.name },
    });
    const stored = await prisma.prerequisiteReview.findFirstOrThrow({ where: { automationId: created.id } });
    expect(stored).toMatchObject({
      key: BANK,
      outcome: "VERIFIED",
      declaration: bank.satisfiedBy,
      reviewerId: company.it.id,
      reason: null,
    });
    expect(verified.basisAt).toBe(stored.createdAt.toISOString());
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "prerequisite.verified" } });
    expect(audit).toMatchObject({ actorId: company.it.id, entityType: "Automation", entityId: created.id });
    expect(audit.after).toMatchObject({
      prerequisite: BANK,
      outcome: "VERIFIED",
      declaration: bank.satisfiedBy,
    });
    const note = await prisma.notification.findFirstOrThrow({ where: { kind: "prerequisite.verified" } });
    expect(note).toMatchObject({ userId: company.colleague.id, link: `/automations/${created.id}` });
    expect(note.title).toContain("IT verified the stored credential for Online banking");
    // Nothing else moved; the automation is still READY-or-not as before.
    expect(answer.body.prerequisites.filter((p: PrerequisiteAnswer) => p.key !== BANK)).toEqual(
      created.prerequisites
        .filter((p) => p.key !== BANK)
        .map((p) => ({ ...p, updatedAt: expect.any(String) })),
    );
  });

  it("SENT_BACK: OUTSTANDING with IT's words until the maker declares something else", async () => {
    const created = await register();
    const bank = byKey(created, BANK);
    const answer = await reviewOf(company.it, created.id, bank.id, {
      outcome: "SENT_BACK",
      reason: "There is no such secret in kv-finance",
    });
    expect(answer.status).toBe(200);
    const sentBack = byKey(answer.body, BANK);
    expect(sentBack).toMatchObject({ status: "OUTSTANDING", satisfiedBy: null, basis: null, basisBy: null });
    expect(sentBack.reason).toContain("IT reviewed what was declared");
    expect(sentBack.reason).toContain("“There is no such secret in kv-finance”");
    expect(sentBack.action).toEqual({ kind: "EDIT_SYSTEM", label: "Record the credential reference" });
    expect(answer.body.status).toBe("PENDING");
    const note = await prisma.notification.findFirstOrThrow({ where: { kind: "prerequisite.sent_back" } });
    expect(note.userId).toBe(company.colleague.id);
    expect(note.body).toContain("There is no such secret in kv-finance");

    // Re-deriving for any other cause keeps it sent back: the review is kept by key.
    await prisma.$transaction((tx) =>
      rederiveAutomations(tx, [created.id], { actor: SYSTEM_ACTOR("test"), cause: "test" }),
    );
    expect(byKey(await read(created.id), BANK).status).toBe("OUTSTANDING");

    // The maker declares another secret: satisfied again, on their declaration.
    const body = expenseReporting(company.colleague.email);
    body.systems[0]!.credentialReference!.name = "kv-finance/banking-bot-v2";
    const current = await read(created.id);
    const redeclared = await callRoute(one.PATCH, "PATCH", `/api/v1/automations/${created.id}`, {
      token: company.colleague.token,
      body: { version: current.version, systems: body.systems },
      params: { id: created.id },
    });
    expect(redeclared.status).toBe(200);
    expect(byKey(redeclared.body, BANK)).toMatchObject({ status: "SATISFIED", basis: "DECLARED" });
  });

  it("a verified declaration can still be sent back, but not verified twice", async () => {
    const created = await register();
    const bank = byKey(created, BANK);
    expect((await reviewOf(company.it, created.id, bank.id, { outcome: "VERIFIED" })).status).toBe(200);
    const twice = await reviewOf(company.it2, created.id, bank.id, { outcome: "VERIFIED" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain("verified this declaration already");
    const back = await reviewOf(company.it2, created.id, bank.id, {
      outcome: "SENT_BACK",
      reason: "Rotated",
    });
    expect(back.status).toBe(200);
    expect(byKey(back.body, BANK).status).toBe("OUTSTANDING");
    expect(await prisma.prerequisiteReview.count()).toBe(1);
  });

  it("refuses what it cannot review: approved by IT or not satisfied (409), a stale declaration (409), no reason (400)", async () => {
    const created = await register();
    const counts = await rowCounts();
    const erp = byKey(created, "SHARED_KEY_CONNECTOR:erp");
    const approved = await reviewOf(company.it, created.id, erp.id, { outcome: "VERIFIED" });
    expect(approved.status).toBe(409);
    expect(approved.body.error.message).toContain("only what a maker declares is reviewed");

    const gateway = byKey(created, "GATEWAY");
    expect((await reviewOf(company.it, created.id, gateway.id, { outcome: "VERIFIED" })).status).toBe(409);

    const bank = byKey(created, BANK);
    const stale = await reviewOf(company.it, created.id, bank.id, {
      outcome: "VERIFIED",
      declaration: "Azure Key Vault: an older secret",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.id).toBe(created.id);

    const noReason = await reviewOf(company.it, created.id, bank.id, { outcome: "SENT_BACK", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toHaveProperty("reason");

    expect(await rowCounts()).toEqual(counts);
    expect(await prisma.prerequisiteReview.count()).toBe(0);
  });

  it("answers 404 for an unknown or malformed id, and for a prerequisite of another automation", async () => {
    const a = await register();
    const b = await register(company.maker);
    const bankOfB = byKey(b, BANK);
    expect((await reviewOf(company.it, a.id, bankOfB.id, { outcome: "VERIFIED" })).status).toBe(404);
    expect((await reviewOf(company.it, a.id, "not-a-uuid", { outcome: "VERIFIED" })).status).toBe(404);
    expect(
      (
        await reviewOf(company.it, "00000000-0000-4000-8000-000000000000", bankOfB.id, {
          outcome: "VERIFIED",
        })
      ).status,
    ).toBe(404);
  });

  it("only IT reviews (403 for others), and nobody reviews their own automation (422)", async () => {
    const created = await register();
    const bank = byKey(created, BANK);
    for (const person of [company.colleague, company.manager, company.admin]) {
      expect((await reviewOf(person, created.id, bank.id, { outcome: "VERIFIED" })).status).toBe(403);
    }
    // An IT approver who is also a maker owns one of their own.
    await prisma.roleAssignment.create({ data: { userId: company.it.id, role: "MAKER", source: "APP" } });
    await prisma.user.update({ where: { id: company.it.id }, data: { departmentId: company.finance.id } });
    const mine = await register(company.it);
    const own = await reviewOf(company.it, mine.id, byKey(mine, BANK).id, { outcome: "VERIFIED" });
    expect(own.status).toBe(422);
    expect((await read(created.id, company.it)).permissions.review).toBe(true);
    expect((await read(created.id)).permissions.review).toBe(false);
  });

  it("two reviewers at once: one after the other, never a half-recorded review", async () => {
    const created = await register();
    const bank = byKey(created, BANK);
    const answers = await Promise.all([
      reviewOf(company.it, created.id, bank.id, { outcome: "VERIFIED" }),
      reviewOf(company.it2, created.id, bank.id, { outcome: "VERIFIED" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await prisma.prerequisiteReview.count()).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "prerequisite.verified" } })).toBe(1);
  });
});
