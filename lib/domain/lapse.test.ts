import { describe, expect, it } from "vitest";
import { type LapseInput, lapseOf } from "@/lib/domain/lapse";

const expired = (overrides: Partial<LapseInput>): LapseInput => ({
  type: "GATEWAY",
  status: "EXPIRED",
  gatewayStatus: null,
  connectorStatus: null,
  ...overrides,
});

describe("lapseOf: why an EXPIRED prerequisite lapsed, from the catalog", () => {
  it.each([
    [expired({ gatewayStatus: "OFFLINE" }), "GATEWAY_OFFLINE"],
    [expired({ gatewayStatus: "DECOMMISSIONED" }), "DECOMMISSIONED"],
    [expired({ type: "SHARED_KEY_CONNECTOR", connectorStatus: "REVOKED" }), "REVOKED"],
    [expired({ type: "SHARED_KEY_CONNECTOR", connectorStatus: "EXPIRED" }), "EXPIRED"],
    // The key's date passed before the nightly sweep marked the connector EXPIRED.
    [expired({ type: "SHARED_KEY_CONNECTOR", connectorStatus: "APPROVED" }), "EXPIRED"],
    [expired({ type: "CREDENTIAL" }), "EXPIRED"],
  ] as const)("%o → %s", (input, lapse) => {
    expect(lapseOf(input)).toBe(lapse);
  });

  it("is null for every other status, whatever the catalog says", () => {
    for (const status of ["SATISFIED", "OUTSTANDING", "REQUESTED", "REJECTED"] as const) {
      expect(lapseOf(expired({ status, gatewayStatus: "OFFLINE" }))).toBeNull();
      expect(
        lapseOf(expired({ status, type: "SHARED_KEY_CONNECTOR", connectorStatus: "REVOKED" })),
      ).toBeNull();
    }
  });
});
