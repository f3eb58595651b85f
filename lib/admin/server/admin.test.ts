import { beforeEach, describe, expect, it } from "vitest";
import {
  addDepartmentManager,
  createDepartment,
  removeDepartmentManager,
  updateDepartment,
} from "@/lib/admin/server/departments";
import { listPeople, updatePerson } from "@/lib/admin/server/people";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { insertDepartment, insertUser } from "@/lib/testing/factories";
import { prisma, resetDatabase } from "@/test/support/db";

let admin: Caller;
let makerId: string;
let finance: string;

const actions = async () =>
  (await prisma.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true } })).map(
    (event) => event.action,
  );

beforeEach(async () => {
  await resetDatabase();
  finance = (await insertDepartment("Finance")).id;
  const adminUser = await insertUser({ email: "admin@test", name: "Ada", roles: ["ADMIN"] });
  admin = (await loadCaller(adminUser.id, "session"))!;
  makerId = (await insertUser({ email: "mia@test", name: "Mia", roles: ["MAKER"] })).id;
  await prisma.roleAssignment.create({ data: { userId: makerId, role: "MANAGER", source: "CLAIM" } });
});

describe("people", () => {
  it("changes app roles, department and managed departments in one audited change; claim roles stay", async () => {
    const person = await updatePerson({
      caller: admin,
      id: makerId,
      changes: { appRoles: ["IT_APPROVER"], departmentId: finance, managedDepartmentIds: [finance] },
    });
    expect(person.roles).toEqual([
      { role: "IT_APPROVER", source: "APP" },
      { role: "MANAGER", source: "CLAIM" },
    ]);
    expect(person.department?.id).toBe(finance);
    expect(person.managedDepartments.map((department) => department.id)).toEqual([finance]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.updated" } });
    expect(event).toMatchObject({
      actorId: admin.id,
      entityId: makerId,
      before: { appRoles: ["MAKER"], departmentId: null, managedDepartmentIds: [] },
      after: { appRoles: ["IT_APPROVER"], departmentId: finance, managedDepartmentIds: [finance] },
    });
  });

  it("deactivates and reactivates, audited as such", async () => {
    await updatePerson({ caller: admin, id: makerId, changes: { active: false } });
    await updatePerson({ caller: admin, id: makerId, changes: { active: true } });
    expect(await actions()).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("refuses to deactivate yourself or remove the last ADMIN", async () => {
    await expect(
      updatePerson({ caller: admin, id: admin.id, changes: { active: false } }),
    ).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      updatePerson({ caller: admin, id: admin.id, changes: { appRoles: [] } }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("At least one active ADMIN"),
    });
    expect(await prisma.roleAssignment.count({ where: { userId: admin.id, role: "ADMIN" } })).toBe(1);
    expect(await actions()).toEqual([]);
  });

  it("unknown departments and people are refused", async () => {
    await expect(
      updatePerson({
        caller: admin,
        id: makerId,
        changes: { departmentId: "00000000-0000-4000-8000-000000000000" },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      updatePerson({ caller: admin, id: "00000000-0000-4000-8000-000000000000", changes: { active: true } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("searches by name or e-mail and pages by cursor", async () => {
    const maker = (await loadCaller(makerId, "session"))!;
    for (const name of ["Bo", "Cy", "Di"]) await insertUser({ email: `${name.toLowerCase()}@test`, name });
    expect(
      (await listPeople({ caller: admin, query: { q: "MIA", status: "ALL", limit: 50 } })).items.map(
        (p) => p.name,
      ),
    ).toEqual(["Mia"]);
    const first = await listPeople({ caller: admin, query: { status: "ALL", limit: 2 } });
    expect(first.items.map((p) => p.name)).toEqual(["Ada", "Bo"]);
    const second = await listPeople({
      caller: admin,
      query: { status: "ALL", limit: 2, cursor: first.nextCursor! },
    });
    expect(second.items.map((p) => p.name)).toEqual(["Cy", "Di"]);
    await updatePerson({ caller: admin, id: makerId, changes: { active: false } });
    expect(
      (await listPeople({ caller: admin, query: { status: "INACTIVE", limit: 50 } })).items.map(
        (p) => p.name,
      ),
    ).toEqual(["Mia"]);
    // Scope in the query: a caller who is not an administrator sees nobody, whatever the filter.
    expect((await listPeople({ caller: maker, query: { status: "ALL", limit: 50 } })).items).toEqual([]);
  });
});

describe("departments", () => {
  it("creates and renames, refusing a name in use (any case)", async () => {
    const sales = await createDepartment({ caller: admin, name: "Sales" });
    await expect(createDepartment({ caller: admin, name: "finance" })).rejects.toMatchObject({ status: 409 });
    await expect(
      updateDepartment({ caller: admin, id: sales.id, changes: { name: "FINANCE" } }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const renamed = await updateDepartment({
      caller: admin,
      id: sales.id,
      changes: { name: "Sales & Marketing" },
    });
    expect(renamed.name).toBe("Sales & Marketing");
    expect(await actions()).toEqual(["department.created", "department.renamed"]);
  });

  it("adds and removes managers by e-mail, audited", async () => {
    const withManager = await addDepartmentManager({
      caller: admin,
      departmentId: finance,
      email: "MIA@test",
    });
    expect(withManager.managers.map((manager) => manager.email)).toEqual(["mia@test"]);
    await expect(
      addDepartmentManager({ caller: admin, departmentId: finance, email: "nobody@test" }),
    ).rejects.toMatchObject({ status: 422, fields: { email: expect.any(String) } });
    const without = await removeDepartmentManager({ caller: admin, departmentId: finance, userId: makerId });
    expect(without.managers).toEqual([]);
    expect(await actions()).toEqual(["department.managers_changed", "department.managers_changed"]);
  });
});
