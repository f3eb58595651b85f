import { beforeEach, describe, expect, it } from "vitest";
import { POST_DEPLOY_STEPS, runPostDeploySteps } from "@/lib/post-deploy/server/run-post-deploy-steps";
import { insertAutomation, insertGateway } from "@/lib/testing/factories";
import { buildCompany, type Company } from "@/test/support/company";
import { inDays } from "@/test/support/dates";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// The post-deploy step of this release, against a database as the previous release left it:
// desktop flows without their own Windows sign-in, satisfied prerequisites without a basis.

let company: Company;

beforeEach(async () => {
  // The bookkeeping table exists (the runner creates it: no steps to run), then is emptied.
  await runPostDeploySteps({ steps: [] });
  await resetDatabase();
  expect((await pool().query("select id from post_deploy_steps")).rowCount).toBe(0);
  company = await buildCompany();
});

const LONG_AGO = new Date("2026-10-01T09:00:00Z");

/** Turns the stored rows back into what the previous release derived and stored. */
async function asThePreviousReleaseLeftIt() {
  await pool().query(`delete from prerequisites where key = 'WINDOWS_SIGN_IN'`);
  await pool().query(
    `update prerequisites set basis = null, "basisById" = null, "basisAt" = null, "updatedAt" = $1`,
    [LONG_AGO],
  );
  // Without its own Windows sign-in, a desktop flow whose gateway was in place was READY.
  await pool().query(
    `update automations a set status = 'READY'
      where kind = 'DESKTOP_FLOW' and status <> 'RETIRED'
        and not exists (select 1 from prerequisites p where p."automationId" = a.id and p.status <> 'SATISFIED')`,
  );
}

async function seedAutomations() {
  const F = { ownerId: company.maker.id, departmentId: company.finance.id };
  // Its gateway in place, it was READY: nothing said where it runs, and nothing asked.
  const gateway = await insertGateway({ name: "gw-eu-1" });
  const desktop = await insertAutomation({
    ...F,
    name: "Invoice robot",
    kind: "DESKTOP_FLOW",
    gatewayId: gateway.id,
    systems: [],
  });
  const recorded = await insertAutomation({
    ...F,
    name: "Statement robot",
    kind: "DESKTOP_FLOW",
    machine: "PC-FIN-042",
    windowsAccount: "CORP\\svc-statements",
    windowsAccountType: "SERVICE",
    systems: [],
  });
  const cloud = await insertAutomation({
    ...F,
    name: "Bank reconciliation",
    kind: "CLOUD_FLOW",
    runAs: "Finance clerks",
    systems: [
      {
        name: "Online banking",
        signInMethod: "USERNAME_PASSWORD",
        credential: {
          store: "AZURE_KEY_VAULT",
          name: "kv-fin/bank",
          owner: company.maker.email,
          rotatesAt: inDays(90),
        },
      },
      { name: "ERP", signInMethod: "SHARED_KEY", service: "sap-erp" },
    ],
  });
  // Enough for several batches of four.
  for (let i = 0; i < 12; i++) {
    await insertAutomation({ ...F, name: `Filler ${i}`, kind: "CLOUD_FLOW", systems: [] });
  }
  return { desktop, recorded, cloud };
}

describe("post-deploy: re-derive every automation once", () => {
  it("adds desktop flows' own sign-in, records every basis, writes one audit record and runs once", async () => {
    const { desktop, recorded, cloud } = await seedAutomations();
    await asThePreviousReleaseLeftIt();
    const mark = new Date();
    const [step] = POST_DEPLOY_STEPS;

    const outcomes = await runPostDeploySteps();
    expect(outcomes).toEqual([{ id: step!.id, ran: true, result: expect.any(Object) }]);
    expect(outcomes[0]!.result).toMatchObject({ automations: 15, statusChanges: 1, notifiedOwners: 1 });

    const desktopRows = await prisma.prerequisite.findMany({
      where: { automationId: { in: [desktop.id, recorded.id] }, key: "WINDOWS_SIGN_IN" },
      select: { automationId: true, status: true, basis: true },
    });
    expect(
      desktopRows.sort((a, b) =>
        a.automationId === desktop.id ? -1 : b.automationId === desktop.id ? 1 : 0,
      ),
    ).toEqual([
      { automationId: desktop.id, status: "OUTSTANDING", basis: null },
      { automationId: recorded.id, status: "SATISFIED", basis: "DECLARED" },
    ]);
    expect((await prisma.automation.findUniqueOrThrow({ where: { id: desktop.id } })).status).toBe("PENDING");

    // Every satisfied row has a basis; those satisfied before keep the time they last changed.
    const satisfied = await prisma.prerequisite.findMany({
      where: { status: "SATISFIED" },
      select: { key: true, automationId: true, basis: true, basisById: true, basisAt: true },
    });
    expect(satisfied.every((p) => p.basis !== null && p.basisAt !== null)).toBe(true);
    const bank = satisfied.find((p) => p.automationId === cloud.id && p.key === "CREDENTIAL:online banking")!;
    expect(bank).toMatchObject({ basis: "DECLARED", basisById: company.maker.id, basisAt: LONG_AGO });
    const erp = satisfied.find((p) => p.automationId === cloud.id && p.key === "SHARED_KEY_CONNECTOR:erp")!;
    expect(erp).toMatchObject({ basis: "APPROVED", basisById: null, basisAt: LONG_AGO });
    expect(
      await prisma.prerequisite.count({ where: { status: { not: "SATISFIED" }, basis: { not: null } } }),
    ).toBe(0);

    // One record for the run, besides each changed automation's own re-derivation event.
    const completed = await prisma.auditEvent.findMany({ where: { action: "post_deploy.completed" } });
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ actorId: null, entityType: "PostDeployStep", entityId: step!.id });
    expect(completed[0]!.after).toMatchObject({ automations: 15, batches: 1 });
    // Each automation whose prerequisites changed keeps its own event (the two desktop flows);
    // a basis recorded where nothing else changed is no event of its own.
    const during = await prisma.auditEvent.findMany({
      where: { createdAt: { gte: mark } },
      select: { action: true, entityId: true },
    });
    expect(
      during
        .filter((e) => e.action === "automation.rederived")
        .map((e) => e.entityId)
        .sort(),
    ).toEqual([desktop.id, recorded.id].sort());
    expect(during).toHaveLength(3);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: company.maker.id } });
    expect(note.body).toContain("Windows sign-in on the machine it runs on");

    // Recorded: the next deploy finds nothing to do and changes nothing.
    const { rows } = await pool().query<{ id: string }>("select id from post_deploy_steps");
    expect(rows.map((r) => r.id)).toEqual([step!.id]);
    const updatedAt = await prisma.prerequisite.findMany({
      select: { id: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    expect(await runPostDeploySteps()).toEqual([{ id: step!.id, ran: false }]);
    expect(await prisma.auditEvent.count({ where: { action: "post_deploy.completed" } })).toBe(1);
    expect(
      await prisma.prerequisite.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
    ).toEqual(updatedAt);
  });

  it("re-derives in batches, and a step that fails is not recorded and runs again", async () => {
    await seedAutomations();
    await asThePreviousReleaseLeftIt();
    const { rederiveEveryAutomation } = await import("@/lib/post-deploy/server/rederive-every-automation");
    let attempts = 0;
    const step = {
      id: "test-step",
      description: "A step that fails once",
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error("Interrupted");
        return rederiveEveryAutomation({
          step: "test-step",
          cause: "test",
          ownerMessage: "Test.",
          batchSize: 4,
        });
      },
    };
    await expect(runPostDeploySteps({ steps: [step] })).rejects.toThrow("Interrupted");
    expect((await pool().query("select id from post_deploy_steps")).rowCount).toBe(0);
    const [outcome] = await runPostDeploySteps({ steps: [step] });
    expect(outcome).toMatchObject({ id: "test-step", ran: true, result: { automations: 15, batches: 4 } });
    expect(await prisma.prerequisite.count({ where: { status: "SATISFIED", basis: null } })).toBe(0);
  });

  it("two runners at once take turns: the step runs once", async () => {
    await seedAutomations();
    await asThePreviousReleaseLeftIt();
    const results = await Promise.all([runPostDeploySteps(), runPostDeploySteps()]);
    expect(results.flat().filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { action: "post_deploy.completed" } })).toBe(1);
  });
});
