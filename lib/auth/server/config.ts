import "server-only";
import type { AuthOptions, LoggerInstance } from "next-auth";
import { recordAudit } from "@/lib/audit/server/record-audit";
import { identityFromClaims } from "@/lib/auth/claims";
import { secureCookies } from "@/lib/auth/server/cookies";
import { identityProviders, nextAuthProvider } from "@/lib/auth/server/providers";
import { recordSignIn } from "@/lib/auth/server/sign-in";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

// next-auth 4 with JWT sessions. The cookie carries only the user id and the provider signed
// in with; everything that decides access (roles, active, departments) is read from the
// database on each request (lib/auth/server/caller.ts), so a revocation never waits for the cookie.

/** A working day and then some; a new sign-in at the identity provider is usually one click. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** Development and tests only: parseEnv requires AUTH_SECRET in production. */
const DEVELOPMENT_SECRET = "preflight-development-secret-not-for-production-use";

export interface SessionToken {
  uid?: string;
  provider?: string;
  /** When the person signed in (ms): kept as the cookie is renewed, compared with their last sign-out. */
  signedInAt?: number;
}

let cached: AuthOptions | undefined;

/** Built on first use: importing this module must not need the environment (next build). */
export function getAuthOptions(): AuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

export function authSecret(): string {
  return env().AUTH_SECRET ?? DEVELOPMENT_SECRET;
}

function buildAuthOptions(): AuthOptions {
  const providers = identityProviders();
  return {
    secret: authSecret(),
    providers: providers.map(nextAuthProvider),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/signin", error: "/signin" },
    logger,
    callbacks: {
      async signIn({ user, account, profile }) {
        const provider = providers.find((candidate) => candidate.id === account?.provider);
        if (!provider || !account || !profile) return "/signin?error=OAuthCallback";
        const parsed = identityFromClaims(profile as Record<string, unknown>, provider.claims);
        if (!parsed.ok) {
          console.warn(`sign-in refused (${provider.id}): ${parsed.problem}`);
          return "/signin?error=ClaimsMissing";
        }
        const outcome = await recordSignIn({ provider: provider.id, identity: parsed.identity });
        if (!outcome.ok) return `/signin?error=${outcome.reason}`;
        // next-auth hands this same object to the jwt callback: it carries our user id there.
        user.id = outcome.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          return { uid: user.id, provider: account.provider, signedInAt: Date.now() } satisfies SessionToken;
        }
        return token;
      },
      async session({ session, token }) {
        const { uid, provider, signedInAt } = token as SessionToken;
        return { expires: session.expires, user: { id: uid }, provider, signedInAt } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const uid = (token as SessionToken | null)?.uid;
        if (!uid) return;
        await prisma.$transaction(async (tx) => {
          const user = await tx.user.findUnique({ where: { id: uid }, select: { email: true } });
          if (!user) return;
          // Every cookie issued so far stops working, copies of this one included.
          await tx.user.update({ where: { id: uid }, data: { sessionsRevokedAt: new Date() } });
          await recordAudit(tx, {
            actor: { id: uid, label: user.email },
            action: "user.signed_out",
            entityType: "User",
            entityId: uid,
          });
        });
      },
    },
  };
}

// next-auth's default logger prints whole objects (tokens, profiles, provider responses);
// these print the code and the message only.
const logger: Partial<LoggerInstance> = {
  error(code, metadata) {
    console.error(`next-auth ${code}: ${describeLogDetails(metadata)}`);
  },
  warn(code) {
    // NEXTAUTH_URL / NO_SECRET warnings do not apply: both are set from lib/env.ts.
    if (code !== "NEXTAUTH_URL" && code !== "NO_SECRET") console.warn(`next-auth warning ${code}`);
  },
  debug() {},
};

function describeLogDetails(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  if (metadata && typeof metadata === "object") {
    const inner = (metadata as { error?: unknown; message?: unknown }).error ?? metadata;
    if (inner instanceof Error) return inner.message;
    const message = (inner as { message?: unknown }).message;
    if (typeof message === "string") return message;
  }
  return "(no details)";
}
