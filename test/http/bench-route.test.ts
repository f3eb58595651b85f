import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/bench/constant/route";
import { parseEnv } from "@/lib/env";
import { callRoute } from "@/test/support/route";

// The benchmark's constant route is not part of a default start: only `npm run bench` switches
// it on (BENCH_CONSTANT_ROUTE), and its small run in CI proves the switched-on answer.

describe("GET /api/bench/constant", () => {
  it("is a 404 when the benchmark has not switched it on", async () => {
    const answer = await callRoute(GET, "GET", "/api/bench/constant");
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: "NOT_FOUND", message: "Route not found." } });
  });

  it("is off unless the variable says true", () => {
    const base = { DATABASE_URL: "postgresql://localhost/preflight" };
    expect(parseEnv(base).BENCH_CONSTANT_ROUTE).toBe(false);
    expect(parseEnv({ ...base, BENCH_CONSTANT_ROUTE: "false" }).BENCH_CONSTANT_ROUTE).toBe(false);
    expect(parseEnv({ ...base, BENCH_CONSTANT_ROUTE: "true" }).BENCH_CONSTANT_ROUTE).toBe(true);
  });
});
