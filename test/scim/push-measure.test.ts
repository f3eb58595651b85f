import { describe, expect, it } from "vitest";
import { scimTokenFor } from "@/test/support/credentials";
import { prisma, resetDatabase } from "@/test/support/db";
import { callRoute } from "@/test/support/route";

// The provisioning figure of BENCHMARKS.md: N users pushed through SCIM one by one, as Entra's
// initial cycle does, each with a department (50 in all) and a manager, then 1,000 department
// moves. A measurement, not a check: it runs only when asked,
//   SCIM_PUSH_USERS=10000 TEST_DATABASE_URL=… npx vitest run test/scim/push-measure.test.ts

const users = Number(process.env.SCIM_PUSH_USERS ?? 0);
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe.runIf(users > 0)("SCIM push", () => {
  it(`pushes ${users} users one by one`, { timeout: 1_800_000 }, async () => {
    await resetDatabase();
    const token = await scimTokenFor();
    const { POST } = await import("@/app/scim/v2/Users/route");
    const { PATCH } = await import("@/app/scim/v2/Users/[id]/route");
    const ids: string[] = [];
    const started = performance.now();
    for (let i = 0; i < users; i++) {
      const answer = await callRoute(POST, "POST", "/scim/v2/Users", {
        token,
        body: {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
          externalId: crypto.randomUUID(),
          userName: `user${i}@corp.example`,
          active: true,
          displayName: `User ${i}`,
          emails: [{ primary: true, type: "work", value: `user${i}@corp.example` }],
          [ENTERPRISE]: {
            department: `Department ${i % 50}`,
            ...(i > 0 ? { manager: { value: ids[Math.floor(i / 10)] } } : {}),
          },
        },
      });
      if (answer.status !== 201) throw new Error(answer.text);
      ids.push(answer.body.id);
    }
    const created = performance.now() - started;
    const moves = Math.min(1000, users);
    const moveStarted = performance.now();
    for (const id of ids.slice(0, moves)) {
      const answer = await callRoute(PATCH, "PATCH", `/scim/v2/Users/${id}`, {
        token,
        params: { id },
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "Replace", path: `${ENTERPRISE}:department`, value: "Moved" }],
        },
      });
      if (answer.status !== 200) throw new Error(answer.text);
    }
    const moved = performance.now() - moveStarted;
    console.info(
      `${users} creates: ${(created / 1000).toFixed(1)} s (${(created / users).toFixed(1)} ms each); ` +
        `${moves} department moves: ${(moved / 1000).toFixed(1)} s`,
    );
    expect(await prisma.user.count()).toBe(users);
  });
});
