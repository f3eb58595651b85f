import { describe, expect, it } from "vitest";
import { type ClaimMapping, identityFromClaims, roleFromClaim } from "@/lib/auth/claims";

const ENTRA: ClaimMapping = {
  subjectClaims: ["oid", "sub"],
  rolesClaim: "roles",
  groupRoles: { "9f1c0000-0000-0000-0000-000000000001": "IT_APPROVER" },
};
const KEYCLOAK: ClaimMapping = { subjectClaims: ["sub"], rolesClaim: "realm_access.roles", groupRoles: {} };

describe("identityFromClaims", () => {
  it.each([
    {
      reads: "an Entra ID token: oid, UPN as e-mail, app roles and mapped groups",
      mapping: ENTRA,
      claims: {
        sub: "pairwise-subject",
        oid: "00000000-aaaa-bbbb-cccc-000000000001",
        preferred_username: "Mia.Maker@Contoso.com",
        name: "Mia Maker",
        roles: ["Preflight.Maker", "unknown-role"],
        groups: ["9f1c0000-0000-0000-0000-000000000001", "another-group"],
      },
      identity: {
        subject: "00000000-aaaa-bbbb-cccc-000000000001",
        email: "mia.maker@contoso.com",
        name: "Mia Maker",
        department: null,
        roles: ["IT_APPROVER", "MAKER"],
        managedDepartments: null,
      },
    },
    {
      reads: "nested role claims, a department and managed departments",
      mapping: KEYCLOAK,
      claims: {
        sub: "kc-1",
        email: "maya@example.com",
        given_name: "Maya",
        family_name: "Manager",
        department: " Finance ",
        realm_access: { roles: ["manager", "offline_access"] },
        managed_departments: ["Finance", "Sales", "Finance"],
      },
      identity: {
        subject: "kc-1",
        email: "maya@example.com",
        name: "Maya Manager",
        department: "Finance",
        roles: ["MANAGER"],
        managedDepartments: ["Finance", "Sales"],
      },
    },
  ])("reads $reads", ({ mapping, claims, identity }) => {
    expect(identityFromClaims(claims, mapping)).toEqual({ ok: true, identity });
  });

  it("an empty managed_departments claim means none, an absent one means the provider does not say", () => {
    const base = { sub: "s", email: "a@example.com" };
    const empty = identityFromClaims({ ...base, managed_departments: [] }, KEYCLOAK);
    const absent = identityFromClaims(base, KEYCLOAK);
    expect(empty.ok && empty.identity.managedDepartments).toEqual([]);
    expect(absent.ok && absent.identity.managedDepartments).toBeNull();
    expect(absent.ok && absent.identity.roles).toEqual([]);
  });

  it("refuses a token without subject or e-mail, saying which", () => {
    expect(identityFromClaims({ email: "a@example.com" }, KEYCLOAK)).toEqual({
      ok: false,
      problem: "the ID token has no sub claim",
    });
    const noEmail = identityFromClaims({ sub: "s", preferred_username: "not-an-address" }, KEYCLOAK);
    expect(noEmail.ok).toBe(false);
  });
});

describe("roleFromClaim", () => {
  it.each([
    ["MAKER", "MAKER"],
    ["it_approver", "IT_APPROVER"],
    ["Preflight.IT-Approver", "IT_APPROVER"],
    ["api://preflight/Admin", "ADMIN"],
    ["Approver", undefined],
    ["", undefined],
  ])("%s → %s", (value, role) => {
    expect(roleFromClaim(value)).toBe(role);
  });
});
