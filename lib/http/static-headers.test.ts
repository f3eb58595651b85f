import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/security";

// next.config.js sets the static files' security headers itself (they bypass proxy.ts): they
// must be the production server's, plus the resource policy that only static files need.

const require = createRequire(import.meta.url);

describe("the static files' security headers", () => {
  it("are the production answers' headers, and keep scripts to our own pages", async () => {
    const config = require("../../next.config.js") as {
      headers: () => Promise<Array<{ source: string; headers: Array<{ key: string; value: string }> }>>;
    };
    const rules = await config.headers();
    const statics = rules.find((rule) => rule.source === "/_next/static/:path*");
    expect(statics).toBeDefined();
    const headers = Object.fromEntries(statics!.headers.map(({ key, value }) => [key, value]));
    expect(headers).toEqual({
      ...securityHeaders({ production: true, development: false, https: true }),
      "cross-origin-resource-policy": "same-origin",
    });
  });
});
