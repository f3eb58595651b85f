import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// The sign-in settings of lib/env.ts: a half-configured provider or a bad group mapping stops
// the process at start with the variable's name, not at someone's first sign-in.

const BASE = { DATABASE_URL: "postgresql://localhost/preflight" };

describe("sign-in settings", () => {
  it("accepts a complete Entra ID configuration with a group mapping", () => {
    const env = parseEnv({
      ...BASE,
      AUTH_ENTRA_TENANT_ID: "contoso.onmicrosoft.com",
      AUTH_ENTRA_CLIENT_ID: "app-id",
      AUTH_ENTRA_CLIENT_SECRET: "secret",
      AUTH_ENTRA_GROUP_ROLES: '{"0f0e-group":"IT_APPROVER","1a1b-group":"ADMIN"}',
    });
    expect(env.AUTH_ENTRA_GROUP_ROLES).toEqual({ "0f0e-group": "IT_APPROVER", "1a1b-group": "ADMIN" });
    expect(env.DEV_IDP_CLIENT_ID).toBe("preflight-dev");
  });

  it("names the missing half of a provider configuration", () => {
    expect(() =>
      parseEnv({ ...BASE, AUTH_OIDC_ISSUER: "https://idp.example.com", AUTH_OIDC_CLIENT_ID: "x" }),
    ).toThrow(/AUTH_OIDC_CLIENT_SECRET: required with the other OIDC settings/);
  });

  it("refuses a group mapping that is not JSON of known roles", () => {
    expect(() => parseEnv({ ...BASE, AUTH_ENTRA_GROUP_ROLES: '{"g":"SUPERUSER"}' })).toThrow(
      /AUTH_ENTRA_GROUP_ROLES/,
    );
    expect(() => parseEnv({ ...BASE, AUTH_ENTRA_GROUP_ROLES: "not json" })).toThrow(/AUTH_ENTRA_GROUP_ROLES/);
  });

  it("requires a long AUTH_SECRET in production", () => {
    expect(() => parseEnv({ ...BASE, NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ ...BASE, NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }).NODE_ENV).toBe(
      "production",
    );
  });

  it("refuses an issuer that is not a URL", () => {
    expect(() => parseEnv({ ...BASE, DEV_IDP_URL: "127.0.0.1:3901" })).toThrow(/DEV_IDP_URL/);
  });
});
