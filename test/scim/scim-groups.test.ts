import { beforeEach, describe, expect, it } from "vitest";
import { loadCaller } from "@/lib/auth/server/caller";
import { recordSignIn } from "@/lib/auth/server/sign-in";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { APP_ORIGIN, callRoute } from "@/test/support/route";

// SCIM Groups as Entra ID sends them (the tutorial's group requests), and the roles they give
// once an ADMIN maps a group: held with source SCIM, kept by sign-in, withdrawn with the group.

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const groups = () => import("@/app/scim/v2/Groups/route");
const group = () => import("@/app/scim/v2/Groups/[id]/route");

let company: Company;
let token: string;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
  token = await scimTokenFor();
  // Provisioned people (SCIM answers only for them).
  for (const person of [company.maker, company.colleague, company.admin])
    await prisma.user.update({ where: { id: person.id }, data: { scimUserName: person.email } });
});

async function createGroup(members: string[] = []) {
  const { POST } = await groups();
  return callRoute(POST, "POST", "/scim/v2/Groups", {
    token,
    body: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Group1DisplayName",
      meta: { resourceType: "Group" },
      members: members.map((value) => ({ value })),
    },
  });
}

async function patchGroup(id: string, operations: unknown[]) {
  const { PATCH } = await group();
  return callRoute(PATCH, "PATCH", `/scim/v2/Groups/${id}`, {
    token,
    params: { id },
    body: { schemas: [PATCH_OP], Operations: operations },
  });
}

async function mapRole(id: string, role: string | null) {
  const { PATCH } = await import("@/app/api/v1/admin/scim-groups/[id]/route");
  return callRoute(PATCH, "PATCH", `/api/v1/admin/scim-groups/${id}`, {
    headers: { cookie: company.admin.sessionCookie, origin: APP_ORIGIN, "sec-fetch-site": "same-origin" },
    params: { id },
    body: { role },
  });
}

const rolesOf = async (userId: string) => (await loadCaller(userId, "token"))?.roles ?? [];
const scimRoles = async (userId: string) =>
  (await prisma.roleAssignment.findMany({ where: { userId, source: "SCIM" } })).map((row) => row.role);

describe("SCIM groups", () => {
  it("members of a mapped group hold its role; Entra's add and remove of members move it", async () => {
    const created = await createGroup([company.maker.id]);
    expect(created.status, created.text).toBe(201);
    expect(created.body.members).toEqual([expect.objectContaining({ value: company.maker.id })]);
    expect(await scimRoles(company.maker.id)).toEqual([]);

    const mapped = await mapRole(created.body.id, "IT_APPROVER");
    expect(mapped.status, mapped.text).toBe(200);
    expect(mapped.body).toMatchObject({ role: "IT_APPROVER", memberCount: 1 });
    expect(await rolesOf(company.maker.id)).toContain("IT_APPROVER");

    const add = [{ op: "Add", path: "members", value: [{ $ref: null, value: company.colleague.id }] }];
    expect((await patchGroup(created.body.id, add)).status).toBe(200);
    expect(await scimRoles(company.colleague.id)).toEqual(["IT_APPROVER"]);
    // The same push again writes nothing.
    const events = await prisma.auditEvent.count();
    expect((await patchGroup(created.body.id, add)).status).toBe(200);
    expect(await prisma.auditEvent.count()).toBe(events);

    const remove = [{ op: "Remove", path: "members", value: [{ $ref: null, value: company.maker.id }] }];
    const removed = await patchGroup(created.body.id, remove);
    expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([
      company.colleague.id,
    ]);
    expect(await scimRoles(company.maker.id)).toEqual([]);

    const renamed = await patchGroup(created.body.id, [
      { op: "Replace", path: "displayName", value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" },
    ]);
    expect(renamed.body.displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");

    const { GET } = await groups();
    const found = await callRoute(
      GET,
      "GET",
      `/scim/v2/Groups?filter=${encodeURIComponent('externalId eq "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"')}&excludedAttributes=members`,
      { token },
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].members).toBeUndefined();
  });

  it("a delete withdraws the group's roles and answers 404 after", async () => {
    const created = await createGroup([company.maker.id]);
    await mapRole(created.body.id, "MANAGER");
    expect(await scimRoles(company.maker.id)).toEqual(["MANAGER"]);
    const { DELETE, GET } = await group();
    const id = created.body.id;
    expect(
      (await callRoute(DELETE, "DELETE", `/scim/v2/Groups/${id}`, { token, params: { id } })).status,
    ).toBe(204);
    expect(await scimRoles(company.maker.id)).toEqual([]);
    expect((await callRoute(GET, "GET", `/scim/v2/Groups/${id}`, { token, params: { id } })).status).toBe(
      404,
    );
  });

  it("sign-in keeps SCIM roles and, once a group is mapped, reads no roles from the token", async () => {
    const created = await createGroup([company.maker.id]);
    await mapRole(created.body.id, "MANAGER");
    const outcome = await recordSignIn({
      provider: "entra",
      identity: {
        subject: "maker-subject",
        email: company.maker.email,
        name: "Mia Maker",
        department: null,
        roles: ["ADMIN"],
        managedDepartments: null,
      },
    });
    expect(outcome.ok).toBe(true);
    expect(await scimRoles(company.maker.id)).toEqual(["MANAGER"]);
    expect(await rolesOf(company.maker.id)).not.toContain("ADMIN");
    expect(await prisma.roleAssignment.count({ where: { userId: company.maker.id, source: "CLAIM" } })).toBe(
      0,
    );
  });

  it("removing the last ADMIN's group membership is refused", async () => {
    // Ada holds ADMIN only through the group.
    await prisma.roleAssignment.deleteMany({ where: { userId: company.admin.id } });
    const created = await createGroup([company.admin.id]);
    await prisma.scimGroup.update({ where: { id: created.body.id }, data: { role: "ADMIN" } });
    await prisma.roleAssignment.create({ data: { userId: company.admin.id, role: "ADMIN", source: "SCIM" } });
    const answer = await patchGroup(created.body.id, [
      { op: "Remove", path: `members[value eq "${company.admin.id}"]` },
    ]);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.scimType).toBe("mutability");
    expect(await scimRoles(company.admin.id)).toEqual(["ADMIN"]);
  });

  it("bad input: no displayName, a member who is not provisioned, a bad externalId", async () => {
    const { POST } = await groups();
    for (const body of [
      { members: [] },
      { displayName: "G", members: [{ value: company.it.id }] },
      { displayName: "G", externalId: "not-an-object-id" },
    ]) {
      const answer = await callRoute(POST, "POST", "/scim/v2/Groups", { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.scimType).toBe("invalidValue");
    }
    expect(await prisma.scimGroup.count()).toBe(0);
  });

  it("movers: a group mapped to a department makes its members manage it; moving groups moves the dashboard at once", async () => {
    // Two groups, "Finance managers" and "Sales managers", each mapped to the MANAGER role and a department.
    const { POST } = await groups();
    const make = async (displayName: string, externalId: string, members: string[]) => {
      const answer = await callRoute(POST, "POST", "/scim/v2/Groups", {
        token,
        body: {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          externalId,
          displayName,
          members: members.map((value) => ({ value })),
        },
      });
      expect(answer.status, answer.text).toBe(201);
      return answer.body.id as string;
    };
    const finance = await make("Finance managers", "0b6b6a1e-0000-4000-8000-000000000001", [
      company.colleague.id,
    ]);
    const sales = await make("Sales managers", "0b6b6a1e-0000-4000-8000-000000000002", []);
    const { PATCH } = await import("@/app/api/v1/admin/scim-groups/[id]/route");
    const map = (id: string, managesDepartmentId: string | null) =>
      callRoute(PATCH, "PATCH", `/api/v1/admin/scim-groups/${id}`, {
        headers: { cookie: company.admin.sessionCookie, origin: APP_ORIGIN, "sec-fetch-site": "same-origin" },
        params: { id },
        body: { role: "MANAGER", managesDepartmentId },
      });
    const mapped = await map(finance, company.finance.id);
    expect(mapped.status, mapped.text).toBe(200);
    expect(mapped.body).toMatchObject({
      role: "MANAGER",
      managesDepartment: { id: company.finance.id, name: "Finance" },
    });
    expect((await map(sales, company.sales.id)).status).toBe(200);

    const scope = async () => {
      const { GET } = await import("@/app/api/v1/dashboard/summary/route");
      const answer = await callRoute(GET, "GET", "/api/v1/dashboard/summary", {
        token: company.colleague.token,
      });
      return answer.status === 200 ? answer.body.scope.departmentIds : answer.status;
    };
    expect(await scope()).toEqual([company.finance.id]);

    // Entra moves the colleague from Finance's group to Sales's: the next request sees Sales only.
    expect(
      (await patchGroup(finance, [{ op: "Remove", path: `members[value eq "${company.colleague.id}"]` }]))
        .status,
    ).toBe(200);
    expect(
      (await patchGroup(sales, [{ op: "Add", path: "members", value: [{ value: company.colleague.id }] }]))
        .status,
    ).toBe(200);
    expect(await scope()).toEqual([company.sales.id]);

    // Who managed what, when: in the audit trail.
    const moves = await prisma.auditEvent.findMany({
      where: { entityId: company.colleague.id, action: "user.updated" },
      orderBy: { id: "asc" },
    });
    const managed = moves
      .map((event) => (event.after as { scimManagedDepartmentIds?: string[] }).scimManagedDepartmentIds)
      .filter(Boolean);
    expect(managed).toEqual([[company.finance.id], [], [company.sales.id]]);

    // A department an ADMIN gave stays, whatever the groups say; an unknown department is refused.
    const before = await prisma.departmentManager.count({
      where: { userId: company.manager.id, source: "APP" },
    });
    expect(before).toBeGreaterThan(0);
    expect((await map(sales, null)).status).toBe(200);
    expect(await scope()).toEqual([]);
    expect(
      await prisma.departmentManager.count({ where: { userId: company.manager.id, source: "APP" } }),
    ).toBe(before);
    const unknown = await map(sales, "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty("managesDepartmentId");
  });
});
