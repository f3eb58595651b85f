import "server-only";
import { createHash } from "node:crypto";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { canAny, type Permission } from "@/lib/auth/permissions";
import { type Caller, loadCaller } from "@/lib/auth/server/caller";
import { authSecret, getAuthOptions, type SessionToken } from "@/lib/auth/server/config";
import { secureCookies, sessionCookieName } from "@/lib/auth/server/cookies";
import { env } from "@/lib/env";
import { PATH_HEADER } from "@/lib/http/security";

// The browser session: a next-auth JWT cookie holding the user id; the person behind it is
// loaded from the database on every request (lib/auth/server/caller.ts).

interface SessionState {
  userId: string;
  provider: string | null;
  /** When the person signed in (ms): a session from before their last sign-out is refused. */
  signedInAt: number;
}

// One decode and one user load per request, however many components ask.
const readSession = cache(async (): Promise<SessionState | null> => {
  const session = (await getServerSession(getAuthOptions())) as
    | ({ user?: { id?: string } } & Pick<SessionToken, "provider" | "signedInAt">)
    | null;
  const userId = session?.user?.id;
  return userId ? { userId, provider: session.provider ?? null, signedInAt: session.signedInAt ?? 0 } : null;
});

const loadSessionCaller = cache((session: SessionState) =>
  loadCaller(session.userId, "session", session.signedInAt),
);

/** The signed-in person in a server component, server action or route handler; null when nobody. */
export async function sessionCaller(): Promise<Caller | null> {
  const session = await readSession();
  return session ? loadSessionCaller(session) : null;
}

/** The provider the current session signed in with (to offer its sign-out). */
export async function sessionProvider(): Promise<string | null> {
  return (await readSession())?.provider ?? null;
}

/**
 * The same for a route handler, from the request's own cookies: no request-scoped Next
 * APIs, so handlers can be called directly in tests.
 */
export async function sessionCallerFromRequest(request: NextRequest): Promise<Caller | null> {
  const session = await decodeSessionCookie(request);
  return session ? loadCaller(session.userId, "session", session.signedInAt) : null;
}

// What a cookie decrypts to, kept per cookie (keyed by its hash) until the token's expiry; the
// person is still read on every request (docs/decisions/007-sign-in-oidc-roles-from-the-database.md).
const decodedSessions = new Map<string, { userId: string; signedInAt: number; expiresAt: number }>();
const DECODED_SESSIONS_MAX = 10_000;

async function decodeSessionCookie(
  request: NextRequest,
): Promise<{ userId: string; signedInAt: number } | null> {
  const name = sessionCookieName();
  const cookie = request.cookies
    .getAll()
    .filter((c) => c.name === name || c.name.startsWith(`${name}.`))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `${c.name}=${c.value}`)
    .join(";");
  if (!cookie) return null;
  const key = createHash("sha256").update(cookie).digest("base64url");
  const known = decodedSessions.get(key);
  if (known && known.expiresAt > Date.now()) return known;
  decodedSessions.delete(key);

  const token = (await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: secureCookies(),
    cookieName: name,
  })) as (SessionToken & { exp?: number }) | null;
  if (!token?.uid) return null;
  const session = { userId: token.uid, signedInAt: token.signedInAt ?? 0 };
  if (typeof token.exp === "number") {
    // Oldest first out: a Map iterates in insertion order.
    if (decodedSessions.size >= DECODED_SESSIONS_MAX) {
      decodedSessions.delete(decodedSessions.keys().next().value!);
    }
    decodedSessions.set(key, { ...session, expiresAt: token.exp * 1000 });
  }
  return session;
}

/**
 * For pages: the signed-in person, or a redirect to sign-in (back here afterwards); with a
 * permission, the 403 page ("You don't have access") when the person lacks it.
 */
export async function requirePageCaller(permission?: Permission | readonly Permission[]): Promise<Caller> {
  const session = await readSession();
  const caller = session ? await loadSessionCaller(session) : null;
  if (!caller) {
    const callbackUrl = safeCallbackPath((await headers()).get(PATH_HEADER));
    const query = new URLSearchParams({ callbackUrl });
    // A valid cookie without an active person behind it: deactivated since signing in.
    if (session) query.set("error", "AccountDisabled");
    redirect(`/signin?${query}`);
  }
  if (permission) {
    const permissions = typeof permission === "string" ? [permission as Permission] : permission;
    if (!canAny(caller, permissions)) forbidden();
  }
  return caller;
}

/**
 * Only places on this site: a path, or an absolute URL of our own origin (next-auth sends
 * those) reduced to its path. `//evil.example` and other sites fall back to the home page.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value) return "/";
  if (value.startsWith("/")) return value.startsWith("//") || value.startsWith("/\\") ? "/" : value;
  try {
    const url = new URL(value);
    return url.origin === new URL(env().APP_URL).origin ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}
