import { Role } from "@/lib/generated/prisma/enums";

// What the portal takes from an identity provider's ID token. Pure: lib/auth/server/sign-in.ts
// writes the result to the database.

export interface ClaimMapping {
  /** Claims tried in order for the stable subject (Entra: `oid`, which is the same in every app). */
  subjectClaims: readonly string[];
  /** Where role names are, dotted for nested objects (`roles`, `realm_access.roles`). */
  rolesClaim: string;
  /** Group ids (the `groups` claim) that grant a role. */
  groupRoles: Readonly<Record<string, Role>>;
}

export interface Identity {
  subject: string;
  email: string;
  name: string;
  /** Department name, or null when the provider sends none. */
  department: string | null;
  roles: Role[];
  /** Names of the departments the person manages; null when the provider does not say. */
  managedDepartments: string[] | null;
}

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; problem: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLE_NAMES = new Set<string>(Object.values(Role));

export function identityFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): IdentityResult {
  const subject = mapping.subjectClaims.map((claim) => text(claims[claim])).find(Boolean);
  if (!subject)
    return { ok: false, problem: `the ID token has no ${mapping.subjectClaims.join(" or ")} claim` };
  // Entra often leaves `email` empty; the sign-in name (UPN) is the address then.
  const email = [claims.email, claims.preferred_username, claims.upn]
    .map((value) => text(value)?.toLowerCase())
    .find((value) => value !== undefined && EMAIL.test(value));
  if (!email)
    return { ok: false, problem: "the ID token carries no e-mail address (email or preferred_username)" };
  const name =
    text(claims.name) ??
    ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || email);
  const roles = new Set<Role>();
  for (const value of strings(valueAt(claims, mapping.rolesClaim))) {
    const role = roleFromClaim(value);
    if (role) roles.add(role);
  }
  for (const group of strings(claims.groups)) {
    const role = mapping.groupRoles[group];
    if (role) roles.add(role);
  }
  const managed = claims.managed_departments;
  return {
    ok: true,
    identity: {
      subject,
      email,
      name,
      department: text(claims.department) ?? null,
      roles: [...roles].sort(),
      managedDepartments: managed === undefined || managed === null ? null : [...new Set(strings(managed))],
    },
  };
}

/**
 * `MAKER`, `maker` and `Preflight.Maker`-style app role values all mean MAKER: Entra app
 * role values are often namespaced. Unknown values are ignored.
 */
export function roleFromClaim(value: string): Role | undefined {
  const name = (value.split(/[./:]/).pop() ?? "")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  return ROLE_NAMES.has(name) ? (name as Role) : undefined;
}

function valueAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.map(text).filter((item): item is string => item !== undefined);
}
