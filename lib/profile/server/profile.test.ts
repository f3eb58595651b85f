import { beforeEach, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// GET /api/v1/me answers from the one statement that loads the caller: the department's name
// comes with it, as the database has it on this request.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

describe("GET /api/v1/me", () => {
  it("names the caller's department, and none for someone without one", async () => {
    const maker = await callRoute(me, "GET", "/api/v1/me", { token: company.maker.token });
    expect(maker.status).toBe(200);
    expect(maker.body).toEqual({
      id: company.maker.id,
      email: company.maker.email,
      name: company.maker.name,
      roles: ["MAKER"],
      department: { id: company.finance.id, name: company.finance.name },
    });
    const it = await callRoute(me, "GET", "/api/v1/me", { token: company.it.token });
    expect(it.body.department).toBeNull();
  });

  it("shows a department renamed since the last request, and a move to another", async () => {
    await prisma.department.update({ where: { id: company.finance.id }, data: { name: "Group Finance" } });
    const renamed = await callRoute(me, "GET", "/api/v1/me", {
      headers: { cookie: company.maker.sessionCookie },
    });
    expect(renamed.body.department).toEqual({ id: company.finance.id, name: "Group Finance" });

    await prisma.user.update({ where: { id: company.maker.id }, data: { departmentId: company.sales.id } });
    const moved = await callRoute(me, "GET", "/api/v1/me", { token: company.maker.token });
    expect(moved.body.department).toEqual({ id: company.sales.id, name: company.sales.name });
  });
});
