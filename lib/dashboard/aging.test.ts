import { describe, expect, it } from "vitest";
import { AGING_BUCKETS, agingFilters } from "@/lib/dashboard/aging";

describe("aging buckets", () => {
  it("cover every age once: each starts where the previous ends, the last is open", () => {
    AGING_BUCKETS.forEach((bucket, index) => {
      const previous = AGING_BUCKETS[index - 1];
      expect(bucket.from).toBe(previous ? previous.to : 0);
    });
    expect(AGING_BUCKETS.at(-1)?.to).toBeNull();
  });

  it("drill down with the request list's minAgeDays / maxAgeDays", () => {
    expect(agingFilters({ from: 0, to: 2 })).toEqual({ maxAgeDays: "2" });
    expect(agingFilters({ from: 7, to: 14 })).toEqual({ minAgeDays: "7", maxAgeDays: "14" });
    expect(agingFilters({ from: 60, to: null })).toEqual({ minAgeDays: "60" });
  });
});
