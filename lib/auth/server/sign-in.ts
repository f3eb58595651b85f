import "server-only";
import { type AuditActor, recordAudit } from "@/lib/audit/server/record-audit";
import type { Identity } from "@/lib/auth/claims";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { takeOverImportedFlows } from "@/lib/inventory/server/owners";
import { likeLiteral } from "@/lib/like-literal";
import { scimRolesOn } from "@/lib/scim/server/scim-roles";

// Each sign-in brings the person's record in line with the identity provider: name,
// department and the roles from its claims. Roles an ADMIN gave in the app (source APP) stay,
// and so do roles from SCIM groups (source SCIM). Once an ADMIN mapped a SCIM group to a role,
// SCIM speaks for the identity provider's roles: the token's role claims are no longer read
// (a token with more groups than fit — Entra's overage — then loses nothing).

export type SignInRefusal = "AccountDisabled" | "AccountConflict";

export type SignInOutcome =
  | { ok: true; userId: string; created: boolean }
  | { ok: false; reason: SignInRefusal };

export interface SignInInput {
  /** next-auth provider id ("entra", "oidc", "dev-idp"). */
  provider: string;
  identity: Identity;
}

export async function recordSignIn(input: SignInInput): Promise<SignInOutcome> {
  try {
    return await prisma.$transaction((tx) => syncUser(tx, input));
  } catch (error) {
    // Two first sign-ins of one person at once: the loser finds the winner's row on retry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return prisma.$transaction((tx) => syncUser(tx, input));
    }
    throw error;
  }
}

async function syncUser(tx: Tx, { provider, identity }: SignInInput): Promise<SignInOutcome> {
  const externalId = `${provider}:${identity.subject}`;
  const select = {
    id: true,
    email: true,
    name: true,
    externalId: true,
    active: true,
    knownFrom: true,
    lastSignInAt: true,
    departmentId: true,
    roles: { where: { source: "CLAIM" }, select: { role: true } },
    managedDepartments: { select: { departmentId: true } },
  } satisfies Prisma.UserSelect;
  // A person added by an ADMIN or the seed before their first sign-in is found by e-mail.
  const existing =
    (await tx.user.findUnique({ where: { externalId }, select })) ??
    (await tx.user.findUnique({ where: { email: identity.email }, select }));
  const actor: AuditActor = { id: existing?.id ?? null, label: identity.email };

  if (existing?.externalId && existing.externalId !== externalId) {
    // Same e-mail, different account at the provider: never merge two identities silently.
    await refuse(tx, actor, existing.id, "AccountConflict", provider);
    return { ok: false, reason: "AccountConflict" };
  }
  // Known only as a flow's owner from an inventory import: their first sign-in is their account.
  const claimsImported =
    existing !== null &&
    !existing.active &&
    existing.knownFrom === "INVENTORY" &&
    existing.lastSignInAt === null &&
    existing.externalId === null;
  if (existing && !existing.active && !claimsImported) {
    await refuse(tx, actor, existing.id, "AccountDisabled", provider);
    return { ok: false, reason: "AccountDisabled" };
  }

  // An unknown department name leaves the department as it is (an ADMIN may have set it).
  const department = identity.department
    ? await tx.department.findFirst({
        where: { name: { equals: likeLiteral(identity.department), mode: "insensitive" } },
        select: { id: true },
      })
    : null;
  const departmentId = department?.id ?? existing?.departmentId ?? null;
  const emailTaken =
    existing && existing.email !== identity.email
      ? await tx.user.findUnique({ where: { email: identity.email }, select: { id: true } })
      : null;
  const now = new Date();
  const fields = {
    name: identity.name,
    email: emailTaken ? (existing?.email ?? identity.email) : identity.email,
    externalId,
    departmentId,
    lastSignInAt: now,
    ...(claimsImported ? { active: true } : {}),
  };
  const user = existing
    ? await tx.user.update({ where: { id: existing.id }, data: fields, select: { id: true } })
    : await tx.user.create({ data: fields, select: { id: true } });

  if (claimsImported)
    await takeOverImportedFlows(tx, { userId: user.id, actor: { id: user.id, label: identity.email }, now });

  const claimRolesBefore = (existing?.roles ?? []).map((assignment) => assignment.role).sort();
  const claimRoles = (await scimRolesOn(tx)) ? [] : identity.roles;
  await tx.roleAssignment.deleteMany({
    where: { userId: user.id, source: "CLAIM", role: { notIn: claimRoles } },
  });
  await tx.roleAssignment.createMany({
    data: claimRoles.map((role) => ({ userId: user.id, role, source: "CLAIM" as const })),
    skipDuplicates: true,
  });

  const managedBefore = (existing?.managedDepartments ?? []).map((link) => link.departmentId).sort();
  let managedAfter = managedBefore;
  if (identity.managedDepartments !== null) {
    // The provider speaks for this person's managed departments when it sends the claim.
    const departments = await tx.department.findMany({
      where: { name: { in: identity.managedDepartments, mode: "insensitive" } },
      select: { id: true },
    });
    managedAfter = departments.map((row) => row.id).sort();
    await tx.departmentManager.deleteMany({
      where: { userId: user.id, departmentId: { notIn: managedAfter } },
    });
    await tx.departmentManager.createMany({
      data: managedAfter.map((departmentId) => ({ userId: user.id, departmentId })),
      skipDuplicates: true,
    });
  }

  const after = {
    name: fields.name,
    email: fields.email,
    departmentId,
    claimRoles,
    managedDepartmentIds: managedAfter,
    provider,
  };
  if (!existing) {
    await recordAudit(tx, {
      actor: { id: user.id, label: identity.email },
      action: "user.created",
      entityType: "User",
      entityId: user.id,
      after,
    });
  }
  await recordAudit(tx, {
    actor: { id: user.id, label: identity.email },
    action: "user.signed_in",
    entityType: "User",
    entityId: user.id,
    before: existing
      ? {
          name: existing.name,
          email: existing.email,
          departmentId: existing.departmentId,
          claimRoles: claimRolesBefore,
          managedDepartmentIds: managedBefore,
        }
      : undefined,
    after,
  });
  return { ok: true, userId: user.id, created: !existing };
}

async function refuse(tx: Tx, actor: AuditActor, userId: string, reason: SignInRefusal, provider: string) {
  await recordAudit(tx, {
    actor,
    action: "user.sign_in_refused",
    entityType: "User",
    entityId: userId,
    after: { reason, provider },
  });
}
