import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCompany, type Company } from "@/test/support/company";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// Replays what Entra ID's provisioning service sends (./entra-provisioning.json, the tutorial's
// requests) against the real route handlers, step by step, then checks what was stored.

interface Step {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  save?: string;
  /** The step must write nothing, audit trail included. */
  unchanged?: boolean;
  expect: { status: number; body?: unknown };
}

const fixture = JSON.parse(readFileSync(new URL("./entra-provisioning.json", import.meta.url), "utf8")) as {
  steps: Step[];
};

const routes = {
  users: () => import("@/app/scim/v2/Users/route"),
  user: () => import("@/app/scim/v2/Users/[id]/route"),
};

function fill<T>(value: T, saved: Record<string, Record<string, unknown>>): T {
  const text = JSON.stringify(value).replace(/\{\{(\w+)\.(\w+)\}\}/g, (_all, name: string, field: string) =>
    String(saved[name]?.[field]),
  );
  return JSON.parse(text) as T;
}

async function send(step: Step, token: string, saved: Record<string, Record<string, unknown>>) {
  const path = fill(step.path, saved);
  const url = new URL(path, "http://localhost");
  const id = /^\/scim\/v2\/Users\/([^/?]+)$/.exec(url.pathname)?.[1];
  const module = await (id ? routes.user() : routes.users());
  const handler = (module as unknown as Record<string, unknown>)[step.method];
  return callRoute(handler, step.method, path, {
    token,
    ...(id ? { params: { id } } : {}),
    ...(step.body !== undefined ? { body: fill(step.body, saved) } : {}),
  });
}

const audit = () => prisma.auditEvent.count();

describe("Entra ID's provisioning requests, replayed", () => {
  let company: Company;
  let token: string;

  beforeAll(async () => {
    await resetDatabase();
    company = await buildCompany();
    token = await scimTokenFor();
  });

  it("answers each request as SCIM says and stores the joiner, the mover and the leaver", async () => {
    const saved: Record<string, Record<string, unknown>> = {};
    for (const step of fixture.steps) {
      const before = step.unchanged
        ? {
            events: await audit(),
            user: await prisma.user.findUnique({ where: { id: String(saved.user?.id) } }),
          }
        : null;
      const answer = await send(step, token, saved);
      expect(answer.status, `${step.name}: ${answer.text}`).toBe(step.expect.status);
      if (answer.status !== 204)
        expect(answer.response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      if (step.expect.body)
        expect(answer.body, step.name).toMatchObject(fill(step.expect.body, saved) as object);
      if (step.save) saved[step.save] = answer.body;
      if (before) {
        expect(await audit(), `${step.name}: audit events`).toBe(before.events);
        expect(await prisma.user.findUnique({ where: { id: String(saved.user?.id) } }), step.name).toEqual(
          before.user,
        );
      }
    }

    const user = await prisma.user.findUniqueOrThrow({
      where: { id: String(saved.user!.id) },
      include: { department: true },
    });
    expect(user).toMatchObject({
      email: "updatedemail@microsoft.com",
      // The tutorial's PATCH sends familyName alone: one part cannot rebuild the name.
      name: "givenName familyName",
      scimUserName: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
      entraObjectId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      knownFrom: "SCIM",
      lineManagerId: saved.manager!.id,
      active: false,
    });
    expect(user.department?.name).toBe("Treasury");
    expect(user.scimDeletedAt).not.toBeNull();
    expect(user.sessionsRevokedAt).not.toBeNull();
    // Finance existed and was matched by name; Treasury was new.
    expect(
      await prisma.department.count({ where: { name: { equals: "finance", mode: "insensitive" } } }),
    ).toBe(1);
    const actions = (
      await prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } })
    ).map((event) => event.action);
    expect(actions).toEqual([
      "user.provisioned",
      "user.updated",
      "user.updated",
      "user.updated",
      "user.updated",
      "user.updated",
      "user.deactivated",
      "user.deprovisioned",
    ]);
    expect(company.finance.name).toBe("Finance");
  });
});
