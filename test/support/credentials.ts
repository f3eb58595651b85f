import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { hashToken, TOKEN_DISPLAY_LENGTH, TOKEN_PREFIX } from "@/lib/auth/server/caller";
import { authSecret } from "@/lib/auth/server/config";
import { sessionCookieName } from "@/lib/auth/server/cookies";
import { prisma } from "./db";

// How a test person proves who they are: a personal API token, stored as `npm run token`
// stores one (only its hash), or a browser session cookie as next-auth issues it on sign-in.

const DAY = 86_400_000;

/** A personal API token of the user, valid for `days` (30 by default); the token itself. */
export async function tokenFor(userId: string, days = 30): Promise<string> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await prisma.apiToken.create({
    data: {
      userId,
      name: "test",
      prefix: token.slice(0, TOKEN_DISPLAY_LENGTH),
      hash: hashToken(token),
      expiresAt: new Date(Date.now() + days * DAY),
    },
  });
  return token;
}

/** A `Cookie` header value holding a session of the user, signed in now. */
export async function sessionCookieFor(userId: string, options: { maxAgeSeconds?: number } = {}) {
  const value = await encode({
    token: { uid: userId, provider: "dev-idp", signedInAt: Date.now() },
    secret: authSecret(),
    ...(options.maxAgeSeconds ? { maxAge: options.maxAgeSeconds } : {}),
  });
  return `${sessionCookieName()}=${value}`;
}

/** A SCIM token, stored as the admin page stores one (only its hash); the token itself. */
export async function scimTokenFor(options: { revoked?: boolean } = {}): Promise<string> {
  const token = `pfscim_${randomBytes(32).toString("base64url")}`;
  await prisma.scimToken.create({
    data: {
      name: "Entra ID provisioning (test)",
      prefix: token.slice(0, 14),
      hash: hashToken(token),
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return token;
}
