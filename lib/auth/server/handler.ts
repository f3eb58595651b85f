import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/server/config";
import { env } from "@/lib/env";
import { clientIp, consumeRateLimit } from "@/lib/http/server/rate-limit";

export { requirePageCaller, sessionCaller } from "@/lib/auth/server/session";

type AuthRouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's route handler behind a per-IP limit on starting a sign-in and on the provider's
 * callback (each a round trip to the identity provider and, on success, database writes).
 * Session reads, CSRF token and sign-out are not counted.
 */
export async function authHandler(request: NextRequest, context: AuthRouteContext): Promise<Response> {
  const action = (await context.params).nextauth[0];
  const counted = (action === "signin" && request.method === "POST") || action === "callback";
  if (counted) {
    const retryAfter = await consumeRateLimit("signin", clientIp(request.headers));
    if (retryAfter !== null) return tooManySignIns(request, retryAfter);
  }
  return NextAuth(request, context, getAuthOptions());
}

function tooManySignIns(request: NextRequest, retryAfter: number): Response {
  const target = "/signin?error=RateLimited";
  const headers = { "retry-after": String(retryAfter), "cache-control": "no-store" };
  // The sign-in buttons POST with fetch and follow `url`; the provider's callback is a page load.
  if (request.method === "POST") {
    return NextResponse.json(
      {
        url: target,
        error: { code: "RATE_LIMITED", message: `Too many sign-in attempts. Try again in ${retryAfter} s.` },
      },
      { status: 429, headers },
    );
  }
  return NextResponse.redirect(new URL(target, env().APP_URL), { status: 303, headers });
}
