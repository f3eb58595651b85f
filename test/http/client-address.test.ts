import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authHandler } from "@/lib/auth/server/handler";
import { parseEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, installClientAddressHeader } from "@/lib/http/server/client-address";
import { clientIp } from "@/lib/http/server/rate-limit";
import { resetDatabase } from "@/test/support/db";
import { APP_ORIGIN } from "@/test/support/route";

// Client addresses for per-address limits (the sign-in limit) come from the socket, and from
// X-Forwarded-For only behind TRUSTED_PROXY_HOPS trusted proxies (default 0): a client that
// writes the header can neither escape the limit nor spend someone else's.

const LIMIT = 3;
process.env.AUTH_SIGNIN_RATE_LIMIT = String(LIMIT);

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("clientIp", () => {
  it("TRUSTED_PROXY_HOPS defaults to 0", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/preflight" }).TRUSTED_PROXY_HOPS).toBe(0);
  });

  it("with no trusted proxy: the socket's peer, whatever X-Forwarded-For says", () => {
    const sent = headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" });
    expect(clientIp(sent, 0)).toBe("203.0.113.7");
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }), 0)).toBe(
      "unknown",
    );
  });

  it("behind N trusted proxies: the entry N from the right, never one the client wrote", () => {
    const through = (xff: string) => headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": xff });
    // The client wrote 198.51.100.1; the load balancer appended the address it saw.
    expect(clientIp(through("198.51.100.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(through("198.51.100.1, 203.0.113.7, 10.0.0.9"), 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: it did not come through them; not the leftmost, the peer.
    expect(clientIp(through("198.51.100.1"), 2)).toBe("10.0.0.5");
    expect(clientIp(headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.5" }), 1)).toBe("10.0.0.5");
  });
});

describe("the header from the socket", () => {
  let server: http.Server;
  let seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    installClientAddressHeader();
    server = http.createServer((request, response) => {
      seen.push(request.headers);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is the peer's address, and a copy the client sent is thrown away", async () => {
    seen = [];
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [CLIENT_ADDRESS_HEADER]: "198.51.100.1", "x-forwarded-for": "198.51.100.1" },
    });
    expect(seen[0]?.[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(seen[0]?.["x-forwarded-for"]).toBe("198.51.100.1");
  });
});

describe("the sign-in limit with TRUSTED_PROXY_HOPS=0", () => {
  beforeEach(resetDatabase);

  /** The handler's status; past the limit check next-auth itself runs, which needs Next's request scope. */
  const signIn = (peer: string, xff: string) =>
    authHandler(
      new NextRequest(new URL("/api/auth/signin/oidc", APP_ORIGIN), {
        method: "POST",
        headers: { [CLIENT_ADDRESS_HEADER]: peer, "x-forwarded-for": xff },
      }),
      { params: Promise.resolve({ nextauth: ["signin", "oidc"] }) },
    ).then(
      (response) => response.status,
      () => "let through",
    );

  it("a new spoofed X-Forwarded-For per request does not escape the limit", async () => {
    const statuses: Array<number | string> = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await signIn("203.0.113.7", `198.51.100.${i}`));
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });

  it("a spoofed X-Forwarded-For naming someone else does not spend their budget", async () => {
    for (let i = 0; i < LIMIT + 2; i++) await signIn("203.0.113.66", "203.0.113.7");
    expect(await signIn("203.0.113.7", "203.0.113.7")).not.toBe(429);
  });
});
