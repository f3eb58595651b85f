import "server-only";
import type { Caller } from "@/lib/auth/server/caller";
import type { TCreateAutomationBody } from "@/lib/automations/schemas";
import type { AutomationView } from "@/lib/automations/server/get-automation";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/cursor";
import { AppError, conflict, notFound } from "@/lib/http/errors";

type SystemInput = TCreateAutomationBody["systems"][number];

type DescribingField = "name" | "description" | "kind" | "runMode" | "runAs";

/** What the automation is and how it runs, as a create or an update writes them (absent: unchanged). */
export function describingFields<T extends Partial<Pick<TCreateAutomationBody, DescribingField>>>(
  input: T,
): Pick<T, DescribingField> {
  return {
    name: input.name,
    description: input.description,
    kind: input.kind,
    runMode: input.runMode,
    runAs: input.runAs,
  };
}

/**
 * The department an automation is registered for. Defaults to the maker's own; another one
 * only if the maker manages it. Not "any department that exists": the department decides
 * which department-shared connectors satisfy the automation, so choosing a department
 * freely would let a maker borrow another department's connectors.
 */
export function resolveDepartment(caller: Caller, requested: string | undefined): string {
  const allowed = new Set([caller.departmentId, ...caller.managedDepartmentIds].filter((id) => id !== null));
  if (requested === undefined) {
    if (caller.departmentId) return caller.departmentId;
    throw new AppError("UNPROCESSABLE", "You belong to no department, so departmentId is required.", {
      departmentId: "Choose the department this automation belongs to, or ask an administrator to set yours.",
    });
  }
  if (allowed.has(requested)) return requested;
  throw new AppError("UNPROCESSABLE", "departmentId is not your department or one you manage.", {
    departmentId: "You can register automations for your own department or for one you manage.",
  });
}

/** The columns of a system access row; fields of other sign-in methods are stored as null. */
export function toSystemData(system: SystemInput, position: number) {
  const credential = system.credentialReference ?? null;
  return {
    position,
    name: system.name,
    location: system.location,
    signInMethod: system.signInMethod,
    sso: system.sso,
    service: system.service ?? null,
    credentialStore: credential?.store ?? null,
    credentialName: credential?.name ?? null,
    credentialOwner: credential?.owner ?? null,
    credentialRotatesAt: credential?.rotatesAt ?? null,
    // Left out of the body: the recorded rotation stays (undefined is no change to Prisma).
    credentialRotatedAt: credential ? credential.rotatedAt : null,
    machineGroup: system.machineGroup ?? null,
    windowsAccount: system.windowsAccount ?? null,
    windowsAccountType: system.windowsAccountType ?? null,
    // A person wrote it: no longer inferred from the tenant.
    inferred: false,
  } satisfies Omit<Prisma.SystemAccessCreateManyInput, "automationId">;
}

const snapshotSelect = {
  name: true,
  description: true,
  kind: true,
  runMode: true,
  runAs: true,
  machine: true,
  windowsAccount: true,
  windowsAccountType: true,
  departmentId: true,
  ownerId: true,
  status: true,
  version: true,
  systems: {
    select: {
      name: true,
      location: true,
      signInMethod: true,
      sso: true,
      service: true,
      credentialStore: true,
      credentialName: true,
      credentialOwner: true,
      credentialRotatesAt: true,
      machineGroup: true,
      windowsAccount: true,
      windowsAccountType: true,
    },
    orderBy: { position: "asc" },
  },
} satisfies Prisma.AutomationSelect;

/** What the audit log keeps of an automation: what the maker declared, not what was derived. */
export function loadAuditSnapshot(tx: Tx, id: string) {
  return tx.automation.findUniqueOrThrow({ where: { id }, select: snapshotSelect });
}

/** A malformed id is answered like an unknown one, so probing learns nothing. */
export function assertAutomationId(id: string): void {
  if (!isUuid(id)) throw notFound("Automation");
}

export function staleVersion(current: AutomationView) {
  return conflict(
    `Someone else changed this automation (it is now at version ${current.version}). Review the current version and apply your change again.`,
    { current },
  );
}
