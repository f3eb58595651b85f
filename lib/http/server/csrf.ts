import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { forbidden } from "@/lib/http/errors";

/**
 * Same-origin check for cookie-authenticated writes. Browsers send `Origin` on every
 * cross-origin and on same-origin POST/PATCH/DELETE; `Sec-Fetch-Site` backs it up.
 * A write with neither header cannot be shown to come from our pages and is refused.
 */
export function checkSameOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  if (origin) {
    if (allowedOrigins(request).has(origin)) return;
    throw forbidden("Cross-origin request refused.");
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw forbidden("Cross-origin request refused.");
}

function allowedOrigins(request: NextRequest): Set<string> {
  return new Set([new URL(env().APP_URL).origin, request.nextUrl.origin]);
}
