import "server-only";
import { callerActor } from "@/lib/audit/server/caller-actor";
import { recordAudit } from "@/lib/audit/server/record-audit";
import type { Caller } from "@/lib/auth/server/caller";
import type { TCreateAutomationBody } from "@/lib/automations/schemas";
import {
  describingFields,
  loadAuditSnapshot,
  resolveDepartment,
  toSystemData,
} from "@/lib/automations/server/automation-writes";
import { type AutomationView, readAutomation } from "@/lib/automations/server/get-automation";
import { prisma } from "@/lib/db";
import { rederiveAutomations } from "@/lib/prerequisites/server/rederive";
import { refuseSecrets } from "@/lib/secrets/refuse";

/**
 * Registers an automation owned by the caller, with its systems, and derives its
 * prerequisites — all in one transaction with its audit event.
 */
export async function createAutomation({
  caller,
  input,
}: {
  caller: Caller;
  input: TCreateAutomationBody;
}): Promise<AutomationView> {
  refuseSecrets(input);
  const departmentId = resolveDepartment(caller, input.departmentId);
  const actor = callerActor(caller);

  return prisma.$transaction(async (tx) => {
    const { id } = await tx.automation.create({
      data: {
        ...describingFields(input),
        machine: input.machine,
        windowsAccount: input.windowsAccount,
        windowsAccountType: input.windowsAccountType ?? null,
        ownerId: caller.id,
        departmentId,
        systems: { createMany: { data: input.systems.map(toSystemData) } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: "automation.created",
      entityType: "Automation",
      entityId: id,
      after: await loadAuditSnapshot(tx, id),
    });
    await rederiveAutomations(tx, [id], { actor, cause: "automation.created" });
    return (await readAutomation(caller, id, { tx }))!;
  });
}
