import type { Role } from "@/lib/generated/prisma/enums";

// The words for roles on the admin pages (and wherever a role is shown to a person).

export const ROLE_LABELS: Record<Role, { label: string; hint: string }> = {
  MAKER: { label: "Maker", hint: "Registers automations and requests connectors and gateways." },
  IT_APPROVER: { label: "IT approver", hint: "Decides requests; keeps the connector and gateway catalog." },
  MANAGER: { label: "Manager", hint: "Sees the dashboards of the departments they manage." },
  ADMIN: { label: "Admin", hint: "Manages people, departments and roles; reads the audit trail." },
};

/**
 * A person's roles, once each, with where each comes from: a role held both from the identity
 * provider and given in Preflight is one entry, not two.
 */
export function rolesOnce(
  roles: ReadonlyArray<{ role: Role; source: string }>,
): Array<{ role: Role; fromIdentityProvider: boolean; givenHere: boolean }> {
  const byRole = new Map<Role, { role: Role; fromIdentityProvider: boolean; givenHere: boolean }>();
  for (const { role, source } of roles) {
    const entry = byRole.get(role) ?? { role, fromIdentityProvider: false, givenHere: false };
    // SCIM roles come from the identity provider's groups, as claims do from its token.
    if (source === "CLAIM" || source === "SCIM") entry.fromIdentityProvider = true;
    else entry.givenHere = true;
    byRole.set(role, entry);
  }
  return [...byRole.values()];
}

/** "IT approver" for IT_APPROVER; a role this version does not know reads as it is. */
export function roleLabel(role: string): string {
  return role in ROLE_LABELS ? ROLE_LABELS[role as Role].label : role;
}
