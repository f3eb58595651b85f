import { beforeEach, describe, expect, it } from "vitest";
import { PATCH as updateDepartment } from "@/app/api/v1/admin/departments/[id]/route";
import { POST as createDepartment } from "@/app/api/v1/admin/departments/route";
import { buildCompany, type Company } from "@/test/support/company";
import { resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// A department's name is unique whatever its case. The check compares the names as text: a
// backslash, % or _ in a name is a character like any other, never a pattern (a name ending
// with a backslash was a 500; found by test/http/fuzz.test.ts).

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

const create = (name: string) =>
  callRoute(createDepartment, "POST", "/api/v1/admin/departments", {
    headers: { cookie: company.admin.sessionCookie, origin: "http://localhost:3000" },
    body: { name },
  });

describe("department names with pattern characters", () => {
  it.each([
    ["Ops\\", "ops\\"],
    ["R\\D", "r\\d"],
    ["100%", "100%"],
    ["a_b", "A_B"],
  ])("creates %s and refuses its other case (%s) with a 409", async (name, otherCase) => {
    expect((await create(name)).status).toBe(201);
    expect((await create(otherCase)).status).toBe(409);
  });

  it.each([
    ["RD", "R\\D"],
    ["1000", "100%"],
    ["axb", "a_b"],
  ])("does not read %s as the pattern %s", async (existing, name) => {
    expect((await create(existing)).status).toBe(201);
    expect((await create(name)).status).toBe(201);
  });

  it("renames a department to a name ending with a backslash", async () => {
    const answer = await callRoute(updateDepartment, "PATCH", `/api/v1/admin/departments/${company.hr.id}`, {
      headers: { cookie: company.admin.sessionCookie, origin: "http://localhost:3000" },
      params: { id: company.hr.id },
      body: { name: "People\\" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.name).toBe("People\\");
  });
});
