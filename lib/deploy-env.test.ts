import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_GRACE_MS, parseEnv } from "@/lib/env";

// The deployment settings of lib/env.ts: the shutdown's grace period and the server actions'
// key (docs/decisions/019-standalone-and-clean-shutdown.md). A wrong value stops the start.

const BASE = { DATABASE_URL: "postgresql://localhost/preflight" };

describe("deployment settings", () => {
  it("gives requests 10 s to finish on SIGTERM unless told otherwise", () => {
    expect(parseEnv(BASE).SHUTDOWN_GRACE_MS).toBe(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(DEFAULT_SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(parseEnv({ ...BASE, SHUTDOWN_GRACE_MS: "0" }).SHUTDOWN_GRACE_MS).toBe(0);
    expect(parseEnv({ ...BASE, SHUTDOWN_GRACE_MS: "25000" }).SHUTDOWN_GRACE_MS).toBe(25_000);
  });

  it("refuses a grace period that is negative, fractional or longer than 10 minutes", () => {
    for (const value of ["-1", "1.5", "600001", "soon"]) {
      expect(() => parseEnv({ ...BASE, SHUTDOWN_GRACE_MS: value }), value).toThrow(/SHUTDOWN_GRACE_MS/);
    }
  });

  it("takes a server actions key of 16, 24 or 32 bytes in base64, and nothing else", () => {
    for (const bytes of [16, 24, 32]) {
      const key = randomBytes(bytes).toString("base64");
      expect(
        parseEnv({ ...BASE, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
      ).toBe(key);
    }
    expect(
      parseEnv({ ...BASE, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "" }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    ).toBeUndefined();
    for (const key of [randomBytes(20).toString("base64"), "not base64!", "secret"]) {
      expect(() => parseEnv({ ...BASE, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }), key).toThrow(
        /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be base64 of 16, 24 or 32 bytes/,
      );
    }
  });
});
