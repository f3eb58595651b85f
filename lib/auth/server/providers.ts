import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { ClaimMapping } from "@/lib/auth/claims";
import { DEV_IDP_PROVIDER_ID } from "@/lib/auth/demo-accounts";
import { env } from "@/lib/env";

// The identity providers this installation offers, from the environment: Microsoft Entra ID,
// any other OpenID Connect provider, and (development, tests, demos) the bundled one.
// Every one is authorization code + PKCE, with the profile read from the ID token.

export interface IdentityProvider {
  id: string;
  name: string;
  /** The issuer, for discovery (sign-in and the provider's own sign-out). */
  issuer: string;
  wellKnown: string;
  clientId: string;
  clientSecret: string;
  claims: ClaimMapping;
}

export function identityProviders(): IdentityProvider[] {
  const config = env();
  const providers: IdentityProvider[] = [];
  if (config.AUTH_ENTRA_TENANT_ID && config.AUTH_ENTRA_CLIENT_ID && config.AUTH_ENTRA_CLIENT_SECRET) {
    const issuer = `https://login.microsoftonline.com/${encodeURIComponent(config.AUTH_ENTRA_TENANT_ID)}/v2.0`;
    providers.push({
      id: "entra",
      name: "Microsoft Entra ID",
      issuer,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: config.AUTH_ENTRA_CLIENT_ID,
      clientSecret: config.AUTH_ENTRA_CLIENT_SECRET,
      // `sub` differs per app registration; `oid` is the person's id in the tenant.
      claims: {
        subjectClaims: ["oid", "sub"],
        rolesClaim: "roles",
        groupRoles: config.AUTH_ENTRA_GROUP_ROLES,
      },
    });
  }
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_CLIENT_ID && config.AUTH_OIDC_CLIENT_SECRET) {
    const issuer = config.AUTH_OIDC_ISSUER.replace(/\/+$/, "");
    providers.push({
      id: "oidc",
      name: config.AUTH_OIDC_NAME,
      issuer,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: config.AUTH_OIDC_CLIENT_ID,
      clientSecret: config.AUTH_OIDC_CLIENT_SECRET,
      claims: { subjectClaims: ["sub"], rolesClaim: config.AUTH_OIDC_ROLES_CLAIM, groupRoles: {} },
    });
  }
  if (devIdpAllowed() && config.DEV_IDP_URL) {
    const issuer = config.DEV_IDP_URL.replace(/\/+$/, "");
    providers.push({
      id: DEV_IDP_PROVIDER_ID,
      name: "Demo identity provider",
      issuer,
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: config.DEV_IDP_CLIENT_ID,
      clientSecret: config.DEV_IDP_CLIENT_SECRET,
      claims: { subjectClaims: ["sub"], rolesClaim: "roles", groupRoles: {} },
    });
  }
  return providers;
}

/** The dev identity provider accepts any password: never offered in production unless explicitly allowed. */
export function devIdpAllowed(): boolean {
  const config = env();
  return config.NODE_ENV !== "production" || config.ALLOW_DEV_IDP_IN_PRODUCTION;
}

export function findIdentityProvider(id: string | undefined): IdentityProvider | undefined {
  return id ? identityProviders().find((provider) => provider.id === id) : undefined;
}

/** next-auth's provider entry. The profile maps claims only (next-auth's Entra provider would call Microsoft Graph). */
export function nextAuthProvider(provider: IdentityProvider): OAuthConfig<Record<string, unknown>> {
  return {
    id: provider.id,
    name: provider.name,
    type: "oauth",
    wellKnown: provider.wellKnown,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"],
    client: { token_endpoint_auth_method: "client_secret_basic" },
    // The real mapping happens in the signIn callback, which can refuse with a reason.
    profile: (claims) => ({
      id: String(claims.oid ?? claims.sub ?? ""),
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  };
}

interface Discovery {
  end_session_endpoint?: string;
}

const discoveryCache = new Map<string, { at: number; value: Discovery }>();
const DISCOVERY_TTL_MS = 10 * 60_000;

/**
 * The provider's own sign-out page (RP-initiated logout), returning to our sign-in page;
 * null when the provider has none or cannot be reached.
 */
export async function providerSignOutUrl(providerId: string | undefined): Promise<string | null> {
  const provider = findIdentityProvider(providerId);
  if (!provider) return null;
  const cached = discoveryCache.get(provider.wellKnown);
  let discovery = cached && Date.now() - cached.at < DISCOVERY_TTL_MS ? cached.value : undefined;
  if (!discovery) {
    try {
      const response = await fetch(provider.wellKnown, { signal: AbortSignal.timeout(3_000) });
      if (!response.ok) return null;
      discovery = (await response.json()) as Discovery;
      discoveryCache.set(provider.wellKnown, { at: Date.now(), value: discovery });
    } catch {
      return null;
    }
  }
  if (!discovery.end_session_endpoint) return null;
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${new URL(env().APP_URL).origin}/signin`);
  return url.toString();
}
