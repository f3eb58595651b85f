import { describe, expect, it } from "vitest";
import { can, canAny, PERMISSIONS } from "@/lib/auth/permissions";

const maker = { id: "u-maker", roles: ["MAKER"] as const, managedDepartmentIds: [] };
const manager = { id: "u-manager", roles: ["MANAGER"] as const, managedDepartmentIds: ["d-finance"] };
const admin = { id: "u-admin", roles: ["ADMIN"] as const };

describe("can", () => {
  it("checks the role for a permission", () => {
    expect(can(maker, "automation:create")).toBe(true);
    expect(can(manager, "automation:create")).toBe(false);
    expect(can(null, "automation:create")).toBe(false);
    expect(can({ roles: [] }, "dashboard:read")).toBe(false);
  });

  it("applies :own to the record's owner", () => {
    expect(can(maker, "automation:read:own", { ownerId: "u-maker" })).toBe(true);
    expect(can(maker, "automation:read:own", { ownerId: "someone-else" })).toBe(false);
  });

  it("applies :department to the managed departments", () => {
    expect(can(manager, "automation:read:department", { departmentId: "d-finance" })).toBe(true);
    expect(can(manager, "automation:read:department", { departmentId: "d-hr" })).toBe(false);
    expect(can(manager, "automation:read:department", { departmentId: null })).toBe(false);
  });

  it(":all covers any record", () => {
    expect(can(admin, "automation:read:all", { ownerId: "x", departmentId: "y" })).toBe(true);
    expect(canAny(admin, ["automation:read:own", "automation:read:all"], { ownerId: "x" })).toBe(true);
  });

  it("every permission names at least one role", () => {
    for (const roles of Object.values(PERMISSIONS)) expect(roles.length).toBeGreaterThan(0);
  });
});
