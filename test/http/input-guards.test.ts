import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { PATCH as updateAutomation } from "@/app/api/v1/automations/[id]/route";
import { POST as createAutomation } from "@/app/api/v1/automations/route";
import { buildCompany, type Company } from "@/test/support/company";
import { checkContract } from "@/test/support/contract";
import { prisma, resetDatabase } from "@/test/support/db";
import { APP_ORIGIN, callRoute } from "@/test/support/route";

// What every JSON route refuses before its own validation runs: text no field can hold
// (NUL, unpaired surrogates, bidirectional overrides), integers its column cannot hold, a body
// that is not JSON or is too large. Each refusal is a 4xx naming the field, and writes nothing.

let company: Company;

const automation = (overrides: Record<string, unknown> = {}) => ({
  name: "Expense reporting",
  description: "Reconciles card statements",
  kind: "CLOUD_FLOW",
  runMode: "ATTENDED",
  runAs: "Finance team",
  systems: [{ name: "SharePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }],
  ...overrides,
});

beforeEach(async () => {
  await resetDatabase();
  company = await buildCompany();
});

async function rawPost(body: string, contentType: string) {
  const request = new NextRequest(new URL("/api/v1/automations", APP_ORIGIN), {
    method: "POST",
    headers: { authorization: `Bearer ${company.maker.token}`, "content-type": contentType },
    body,
  });
  const response = await createAutomation(request, { params: Promise.resolve({}) });
  const answer = await response.json();
  checkContract({ method: "POST", path: "/api/v1/automations", status: response.status, body: answer });
  return { status: response.status, body: answer };
}

describe("text no field accepts", () => {
  it.each([
    ["a NUL character", { name: "Expense\u0000reporting" }, "name"],
    ["an unpaired surrogate", { description: "Card \ud800 statements" }, "description"],
    [
      "a right-to-left override",
      { systems: [{ name: "Share\u202ePoint", location: "CLOUD", signInMethod: "ENTRA_ID" }] },
      "systems.0.name",
    ],
    ["an isolate", { runAs: "Finance \u2066team\u2069" }, "runAs"],
  ])("refuses %s with a 400 naming the field, and writes nothing", async (_what, overrides, field) => {
    const answer = await callRoute(createAutomation, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: automation(overrides),
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields)).toEqual([field]);
    expect(answer.body.error.message).toContain(field);
    expect(await prisma.automation.count()).toBe(0);
  });

  it("accepts ordinary text in other scripts, emoji included", async () => {
    const answer = await callRoute(createAutomation, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: automation({ name: "Relevé bancaire — 銀行 🏦", description: "שלום and مرحبا" }),
    });
    expect(answer.status).toBe(201);
  });
});

describe("integers a column cannot hold", () => {
  it("refuses version 2147483648 with a 400 naming version", async () => {
    const created = await callRoute(createAutomation, "POST", "/api/v1/automations", {
      token: company.maker.token,
      body: automation(),
    });
    const id = created.body.id as string;
    const answer = await callRoute(updateAutomation, "PATCH", `/api/v1/automations/${id}`, {
      token: company.maker.token,
      params: { id },
      body: { version: 2147483648, name: "Renamed" },
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields)).toEqual(["version"]);
    expect((await prisma.automation.findUniqueOrThrow({ where: { id } })).name).toBe("Expense reporting");
  });
});

describe("bodies that are not JSON, or too large", () => {
  it("refuses a JSON text sent as text/plain with 415", async () => {
    const answer = await rawPost(JSON.stringify(automation()), "text/plain;charset=UTF-8");
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await prisma.automation.count()).toBe(0);
  });

  it("accepts application/json with a charset", async () => {
    expect((await rawPost(JSON.stringify(automation()), "application/json; charset=utf-8")).status).toBe(201);
  });

  it("refuses a body over 1 MiB with 413, without echoing it", async () => {
    const answer = await rawPost(
      JSON.stringify(automation({ description: "x".repeat(1024 * 1024) })),
      "application/json",
    );
    expect(answer.status).toBe(413);
    expect(JSON.stringify(answer.body).length).toBeLessThan(500);
  });

  it("refuses JSON nested too deep to parse with a 400, not a 500", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const answer = await rawPost(deep, "application/json");
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });
});
