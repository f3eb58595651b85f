import { beforeEach, describe, expect, it } from "vitest";
import { buildCompany, type Company } from "@/test/support/company";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// GET /api/v1/people: the people picker's type-ahead — active people by name or e-mail, for
// those who name people (IT, managers, ADMINs); never a deactivated person, never to makers.

let company: Company;

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

async function search(token: string, query: string) {
  const { GET } = await import("@/app/api/v1/people/route");
  return callRoute(GET, "GET", `/api/v1/people${query}`, { token });
}

describe("the people picker's search", () => {
  it("finds active people by part of the name or e-mail, ignoring case, by name", async () => {
    const byName = await search(
      company.it.token,
      `?q=${encodeURIComponent(company.maker.name.slice(0, 3).toUpperCase())}`,
    );
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toContain(company.maker.id);
    expect(byName.body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      email: expect.any(String),
      department: expect.anything(),
    });
    const byEmail = await search(company.manager.token, `?q=${encodeURIComponent(company.colleague.email)}`);
    expect(byEmail.body.items).toEqual([
      {
        id: company.colleague.id,
        name: company.colleague.name,
        email: company.colleague.email,
        department: { id: company.finance.id, name: "Finance" },
      },
    ]);
    const names = (await search(company.admin.token, "?limit=20")).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it("leaves out people who left", async () => {
    await prisma.user.update({ where: { id: company.colleague.id }, data: { active: false } });
    const answer = await search(company.it.token, `?q=${encodeURIComponent(company.colleague.email)}`);
    expect(answer.body.items).toEqual([]);
  });

  it("is refused to makers, and bad input names the field", async () => {
    expect((await search(company.maker.token, "?q=a")).status).toBe(403);
    const tooMany = await search(company.it.token, "?limit=500");
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain("limit");
    const long = await search(company.it.token, `?q=${"x".repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.text).toContain("q must be at most 100 characters");
    expect((await search(company.it.token, "?who=me")).status).toBe(400);
  });
});
