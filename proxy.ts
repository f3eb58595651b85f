import { type NextRequest, NextResponse } from "next/server";
import { hasSessionCookie } from "@/lib/auth/server/cookies";
import { env } from "@/lib/env";
import {
  API_CONTENT_SECURITY_POLICY,
  PATH_HEADER,
  pageContentSecurityPolicy,
  type SecurityOptions,
  securityHeaders,
} from "@/lib/http/security";

// Runs before every request: security headers, and a redirect to sign-in for page loads
// without a session cookie. It decides nothing else: whether the cookie is valid and what
// the person may do is checked by every page (requirePageCaller) and route (apiRoute).

const PUBLIC_PAGES = new Set(["/signin"]);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const config = env();
  const options: SecurityOptions = {
    production: config.NODE_ENV === "production",
    development: config.NODE_ENV === "development",
    https: new URL(config.APP_URL).protocol === "https:",
  };
  // SCIM is an API too: the identity provider must get SCIM's 401, never the sign-in page.
  const isPage = !pathname.startsWith("/api/") && !pathname.startsWith("/scim/");

  if (
    isPage &&
    !PUBLIC_PAGES.has(pathname) &&
    (request.method === "GET" || request.method === "HEAD") &&
    !hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name))
  ) {
    const target = request.nextUrl.clone();
    target.pathname = "/signin";
    target.search = new URLSearchParams({ callbackUrl: `${pathname}${withoutRscMarker(search)}` }).toString();
    return withHeaders(NextResponse.redirect(target), options, API_CONTENT_SECURITY_POLICY);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${withoutRscMarker(search)}`);
  let policy = API_CONTENT_SECURITY_POLICY;
  if (isPage) {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
    policy = pageContentSecurityPolicy(nonce, options);
    // Next reads the nonce from the request's policy and puts it on the scripts it renders.
    requestHeaders.set("content-security-policy", policy);
    requestHeaders.set("x-nonce", nonce);
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), options, policy);
}

function withHeaders(response: NextResponse, options: SecurityOptions, policy: string): NextResponse {
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(securityHeaders(options))) response.headers.set(name, value);
  return response;
}

/** Client navigations carry `_rsc=…`; the address to come back to is the page itself. */
function withoutRscMarker(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("_rsc");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
