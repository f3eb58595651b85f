import { describe, expect, it } from "vitest";
import { summarizeChange } from "@/lib/audit/summary";

describe("summarizeChange", () => {
  it("lists the top-level fields that differ", () => {
    expect(summarizeChange({ status: "PENDING", version: 1 }, { status: "APPROVED", version: 2 })).toBe(
      "status: PENDING → APPROVED, version: 1 → 2",
    );
  });

  it("shows added and removed fields, and counts the rest", () => {
    expect(summarizeChange(null, { a: 1, b: "x", c: true, d: [1, 2] })).toBe(
      "a: 1, b: x, c: true and 1 more",
    );
    expect(summarizeChange({ reason: "gone" }, {})).toBe("reason: gone → —");
  });

  it("says so when nothing changed", () => {
    expect(summarizeChange({ a: { b: 1 } }, { a: { b: 1 } })).toBe("No field changed");
  });
});
