import { beforeEach, describe, expect, it } from "vitest";
import { postgresRateLimit } from "@/lib/http/server/rate-limit";
import { prisma, resetDatabase } from "@/test/support/db";

// Decision 008: high limits are counted locally and written to Postgres every `batch` requests,
// so a request does not write a row; Postgres's count stays the one every instance shares.
// Two limiter objects on one database are two instances.

const POINTS = 50;
const BATCH = 5;

async function storedPoints(key: string): Promise<number | null> {
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  return row?.points ?? null;
}

async function consumeMany(limit: ReturnType<typeof postgresRateLimit>, key: string, n: number) {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await limit.consume(key)) === null) allowed++;
  return allowed;
}

beforeEach(resetDatabase);

describe("a batched Postgres rate limit", () => {
  it("writes its count every batch, not on every request", async () => {
    const limit = postgresRateLimit("test", POINTS, BATCH);
    for (let i = 0; i < BATCH - 1; i++) expect(await limit.consume("a")).toBeNull();
    expect(await storedPoints("test:a")).toBeNull();
    expect(await limit.consume("a")).toBeNull();
    expect(await storedPoints("test:a")).toBe(BATCH);
    expect(await consumeMany(limit, "a", 2 * BATCH + 2)).toBe(2 * BATCH + 2);
    expect(await storedPoints("test:a")).toBe(3 * BATCH);
  });

  it("lets exactly the limit through on one instance, then says how long to wait", async () => {
    const limit = postgresRateLimit("test", POINTS, BATCH);
    expect(await consumeMany(limit, "a", POINTS)).toBe(POINTS);
    const wait = await limit.consume("a");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await storedPoints("test:a")).toBe(POINTS);
    // Another key has its own count.
    expect(await limit.consume("b")).toBeNull();
  });

  it("lets concurrent requests on one instance through no more than the limit", async () => {
    const limit = postgresRateLimit("test", POINTS, BATCH);
    const answers = await Promise.all(Array.from({ length: 3 * POINTS }, () => limit.consume("a")));
    expect(answers.filter((answer) => answer === null)).toHaveLength(POINTS);
  });

  it("counts instances together: at most limit + instances × (batch − 1) get through", async () => {
    const instances = [1, 2, 3].map(() => postgresRateLimit("test", POINTS, BATCH));
    let allowed = 0;
    for (let round = 0; round < POINTS; round++) {
      for (const instance of instances) if ((await instance.consume("a")) === null) allowed++;
    }
    expect(allowed).toBeGreaterThanOrEqual(POINTS);
    expect(allowed).toBeLessThanOrEqual(POINTS + instances.length * (BATCH - 1));
    // Once the shared count is over, each instance refuses as soon as it writes.
    for (const instance of instances) expect(await consumeMany(instance, "a", BATCH)).toBe(0);
  });

  it("with a batch of 1 (sign-in) writes every request", async () => {
    const limit = postgresRateLimit("signin-test", 3, 1);
    for (let i = 1; i <= 3; i++) {
      expect(await limit.consume("ip")).toBeNull();
      expect(await storedPoints("signin-test:ip")).toBe(i);
    }
    expect(await limit.consume("ip")).toBeGreaterThan(0);
  });
});
