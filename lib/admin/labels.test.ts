import { describe, expect, it } from "vitest";
import { rolesOnce } from "@/lib/admin/labels";

describe("rolesOnce", () => {
  it("shows a role held from the identity provider and given here once, saying both", () => {
    expect(
      rolesOnce([
        { role: "MAKER", source: "CLAIM" },
        { role: "MAKER", source: "APP" },
        { role: "ADMIN", source: "APP" },
      ]),
    ).toEqual([
      { role: "MAKER", fromIdentityProvider: true, givenHere: true },
      { role: "ADMIN", fromIdentityProvider: false, givenHere: true },
    ]);
  });

  it("keeps a role only from the identity provider apart from one given here", () => {
    expect(rolesOnce([{ role: "MANAGER", source: "CLAIM" }])).toEqual([
      { role: "MANAGER", fromIdentityProvider: true, givenHere: false },
    ]);
    expect(rolesOnce([])).toEqual([]);
  });
});
