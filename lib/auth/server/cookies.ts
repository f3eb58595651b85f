import "server-only";
import { env } from "@/lib/env";

// Cookie settings shared by next-auth (lib/auth/server/config.ts), the API wrapper and proxy.ts.

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * `Secure` cookies whenever the portal is served over HTTPS, and always in production — except
 * a production build on plain http://localhost (the browser tests), where a browser would not
 * send them back to a test client. A production deployment on plain HTTP elsewhere therefore
 * cannot sign anyone in, which is the point.
 */
export function secureCookies(): boolean {
  const { APP_URL, NODE_ENV } = env();
  const url = new URL(APP_URL);
  if (url.protocol === "https:") return true;
  return NODE_ENV === "production" && !LOOPBACK_HOSTS.has(url.hostname);
}

/** next-auth's session cookie (split into `.0`, `.1`… when large). */
export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** Whether a request carries a session cookie at all (not whether it is valid). */
export function hasSessionCookie(cookieNames: Iterable<string>): boolean {
  const name = sessionCookieName();
  for (const cookie of cookieNames) {
    if (cookie === name || cookie.startsWith(`${name}.`)) return true;
  }
  return false;
}
