/**
 * The bundled development identity provider: a real OpenID Connect provider (the certified
 * `oidc-provider` library) on 127.0.0.1, standing in for Microsoft Entra ID on a laptop, in
 * demos and in the browser tests. It signs in the demo accounts of lib/auth/demo-accounts.ts
 * with any password and puts their roles in the ID token the way Entra sends app roles.
 *
 * It is not a production identity provider: it refuses to start when NODE_ENV=production
 * unless ALLOW_DEV_IDP_IN_PRODUCTION=true (e.g. the browser tests against a production build).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, {
  type Account,
  type GrantContext,
  type InteractionDetails,
  type OidcContext,
} from "oidc-provider";
import { DEMO_ACCOUNTS, type DemoAccount, findDemoAccount } from "../../lib/auth/demo-accounts";

export interface DevIdpOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Default `http://127.0.0.1:<port>`. Browser and app server must both reach it. */
  issuer?: string;
  /** The app's callback URL(s), e.g. http://localhost:3000/api/auth/callback/dev-idp */
  redirectUris: string[];
  /** Where the provider may send people after its sign-out; default `<app origin>/signin` per redirect URI. */
  postLogoutRedirectUris?: string[];
  clientId: string;
  clientSecret: string;
  /** Defaults to process.env (NODE_ENV, ALLOW_DEV_IDP_IN_PRODUCTION). */
  environment?: Record<string, string | undefined>;
}

export interface DevIdp {
  issuer: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
/** What the portal asks for (lib/auth/server/providers.ts), granted without a consent page. */
const FIRST_PARTY_SCOPES = "openid email profile";
const MAX_FORM_BYTES = 16 * 1024;

export class DevIdpRefused extends Error {}

export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const environment = options.environment ?? process.env;
  if (
    environment.NODE_ENV === "production" &&
    !/^(true|1)$/.test(environment.ALLOW_DEV_IDP_IN_PRODUCTION ?? "")
  ) {
    throw new DevIdpRefused(
      "The development identity provider accepts any password and must not run in production. " +
        "Configure Microsoft Entra ID (AUTH_ENTRA_*) or another OpenID Connect provider (AUTH_OIDC_*), " +
        "or set ALLOW_DEV_IDP_IN_PRODUCTION=true for a demo or test deployment.",
    );
  }
  if (options.redirectUris.length === 0)
    throw new Error("startDevIdp: at least one redirect URI is required");

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = (options.issuer ?? `http://${HOST}:${port}`).replace(/\/+$/, "");
  const appOrigins = [...new Set(options.redirectUris.map((uri) => new URL(uri).origin))];
  const postLogoutRedirectUris =
    options.postLogoutRedirectUris ?? appOrigins.map((origin) => `${origin}/signin`);

  const provider = new Provider(issuer, configuration(options, postLogoutRedirectUris));
  const oidc = provider.callback();
  const pages = interactionPages(provider, appOrigins);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    pages(req, res).then(
      (handled) => {
        if (!handled) oidc(req, res);
      },
      (error: unknown) => {
        console.error("dev identity provider:", error);
        if (!res.headersSent)
          sendHtml(
            res,
            500,
            page("Something went wrong", "<p>The demo sign-in failed. Start again from Preflight.</p>"),
          );
      },
    );
  });

  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function configuration(options: DevIdpOptions, postLogoutRedirectUris: string[]): Record<string, unknown> {
  // A fresh signing key per start: nothing outlives the process, so nothing needs storing.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: "jwk" }),
    kid: `dev-${randomBytes(4).toString("hex")}`,
    use: "sig",
    alg: "RS256",
  };
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: "Preflight",
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    findAccount: (_ctx: unknown, subject: string): Account | undefined => {
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.subject === subject);
      return account ? { accountId: account.subject, claims: () => claimsOf(account) } : undefined;
    },
    // Entra puts roles in the ID token; the portal reads them from there.
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username", "department", "roles", "managed_departments"],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Preflight is this provider's own client: signing in is all it asks, so there is no consent
    // page. A grant of the scopes it requests is made when the person has signed in; the sign-in
    // step and PKCE stay as they are, and a request for anything more still asks for consent.
    loadExistingGrant: async (ctx: GrantContext) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      if (oidc.client.clientId !== options.clientId || !oidc.account) return undefined;
      const grant = new oidc.provider.Grant({
        accountId: oidc.account.accountId,
        clientId: options.clientId,
      });
      grant.addOIDCScope(FIRST_PARTY_SCOPES);
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    jwks: { keys: [jwk] },
    // Its own in-memory store (sessions, interactions, grants, codes): like the signing key,
    // nothing needs to outlive the process.
    adapter: memoryAdapter(),
    cookies: {
      keys: [randomBytes(32).toString("hex")],
      // Lax, not the library's default None: the provider is served over plain http on 127.0.0.1,
      // where browsers refuse SameSite=None cookies; every step that needs them is same-site or a
      // top-level navigation.
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    renderError: (ctx: OidcContext, out: Record<string, string>) => {
      ctx.type = "html";
      const details = Object.entries(out)
        .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(String(value))}</dd>`)
        .join("");
      ctx.body = page(
        "Sign-in error",
        `<p>The demo identity provider could not complete the request.</p><dl>${details}</dl>`,
      );
    },
  };
}

type StoredPayload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string };

/**
 * The storage oidc-provider asks for (one instance per model: Session, Interaction, Grant,
 * AuthorizationCode, AccessToken…), in this process's memory and private to one provider.
 * Entries expire with the lifetime the provider gives them.
 */
function memoryAdapter() {
  const entries = new Map<string, { payload: StoredPayload; expiresAt: number }>();
  const byGrant = new Map<string, Set<string>>();
  const read = (key: string | undefined): StoredPayload | undefined => {
    const entry = key === undefined ? undefined : entries.get(key);
    if (!entry || entry.expiresAt > Date.now()) return entry?.payload;
    entries.delete(key as string);
    return undefined;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: StoredPayload, expiresIn: number): Promise<void> {
      if (entries.size >= 10_000) sweep();
      const expiresAt = Date.now() + expiresIn * 1000;
      const key = this.key(id);
      entries.set(key, { payload, expiresAt });
      // Lookups by a second key: a session by its uid, a device code by its user code.
      if (payload.uid && this.model === "Session")
        entries.set(`Session-uid:${payload.uid}`, { payload: { id }, expiresAt });
      if (payload.userCode)
        entries.set(`${this.model}-userCode:${payload.userCode}`, { payload: { id }, expiresAt });
      if (payload.grantId) byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key));
    }

    async find(id: string): Promise<StoredPayload | undefined> {
      return read(this.key(id));
    }

    async findByUid(uid: string): Promise<StoredPayload | undefined> {
      const id = read(`Session-uid:${uid}`)?.id;
      return typeof id === "string" ? this.find(id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<StoredPayload | undefined> {
      const id = read(`${this.model}-userCode:${userCode}`)?.id;
      return typeof id === "string" ? this.find(id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = read(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
      byGrant.delete(grantId);
    }
  };
}

function claimsOf(account: DemoAccount): Record<string, unknown> {
  return {
    sub: account.subject,
    email: account.email,
    email_verified: true,
    name: account.name,
    preferred_username: account.email,
    department: account.department,
    roles: account.roles,
    managed_departments: account.managedDepartments,
  };
}

// --- The sign-in and consent pages (the library's own are debug screens) -------------------

type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function interactionPages(provider: Provider, appOrigins: string[]): PageHandler {
  // The login form's answer redirects through /auth to the app's callback; Chrome checks
  // form-action along the whole redirect chain, so the app's origins are listed too.
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action 'self' ${appOrigins.join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://idp.invalid");
    const match = /^\/interaction\/([\w-]+)(\/abort)?$/.exec(url.pathname);
    if (!match) return false;
    res.setHeader("content-security-policy", csp);
    res.setHeader("cache-control", "no-store");

    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(
        res,
        400,
        page(
          "Sign-in expired",
          "<p>This sign-in request has expired. Go back to Preflight and sign in again.</p>",
        ),
      );
      return true;
    }
    if (details.uid !== match[1]) {
      sendHtml(
        res,
        400,
        page(
          "Sign-in expired",
          "<p>This sign-in request is no longer current. Start again from Preflight.</p>",
        ),
      );
      return true;
    }

    if (match[2]) {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "Sign-in cancelled" },
        {
          mergeWithLastSubmission: false,
        },
      );
      return true;
    }

    if (req.method === "POST") {
      const form = await readForm(req);
      if (details.prompt.name === "login") {
        const account = findDemoAccount(form.get("login") ?? "");
        if (!account) {
          sendHtml(
            res,
            400,
            loginPage(
              details,
              "There is no demo account with that e-mail. Use one of the accounts listed below.",
            ),
          );
          return true;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.subject } },
          { mergeWithLastSubmission: false },
        );
        return true;
      }
      if (details.prompt.name === "consent") {
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId: await grantConsent(provider, details) } },
          {
            mergeWithLastSubmission: true,
          },
        );
        return true;
      }
    }

    if (details.prompt.name === "login") sendHtml(res, 200, loginPage(details));
    else if (details.prompt.name === "consent") sendHtml(res, 200, consentPage(details));
    else
      sendHtml(
        res,
        501,
        page("Not supported", "<p>The demo identity provider does not support this step.</p>"),
      );
    return true;
  };
}

async function grantConsent(provider: Provider, details: InteractionDetails): Promise<string> {
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing ??
    new provider.Grant({
      accountId: details.session?.accountId ?? "",
      clientId: String(details.params.client_id),
    });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  return grant.save();
}

function loginPage(details: InteractionDetails, error?: string): string {
  const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
  const rows = DEMO_ACCOUNTS.map(
    (account) =>
      `<tr><td>${escapeHtml(account.email)}</td><td>${escapeHtml(account.name)}</td><td>${escapeHtml(account.roles.join(", "))}</td><td>${escapeHtml(account.department)}</td></tr>`,
  ).join("");
  return page(
    "Sign in to Preflight (demo)",
    `<p class="note"><strong>Demo identity provider.</strong> This stands in for Microsoft Entra ID on a development
      machine or in tests. Any password is accepted. A production installation signs people in with the company's
      own identity provider instead.</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
    <form method="post" action="/interaction/${escapeHtml(details.uid)}">
      <label for="login">E-mail</label>
      <input id="login" name="login" type="text" autocomplete="username" required value="${escapeHtml(hint)}" autofocus>
      <label for="password">Password (any)</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign-in</button>
    </form>
    <p><a href="/interaction/${escapeHtml(details.uid)}/abort">Cancel and go back to Preflight</a></p>
    <table><caption>Demo accounts</caption>
      <thead><tr><th scope="col">E-mail</th><th scope="col">Name</th><th scope="col">Roles</th><th scope="col">Department</th></tr></thead>
      <tbody>${rows}</tbody></table>`,
  );
}

function consentPage(details: InteractionDetails): string {
  const scopes = (details.prompt.details.missingOIDCScope ?? []).filter((scope) => scope !== "openid");
  const items = scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join("");
  return page(
    "Allow Preflight to sign you in",
    `<p>Preflight asks to confirm who you are${items ? " and to read:" : "."}</p>
    ${items ? `<ul>${items}</ul>` : ""}
    <form method="post" action="/interaction/${escapeHtml(details.uid)}">
      <button type="submit">Continue</button>
    </form>
    <p><a href="/interaction/${escapeHtml(details.uid)}/abort">Cancel</a></p>`,
  );
}

async function logoutSource(ctx: OidcContext, form: string): Promise<void> {
  // `form` is the library's hidden form (id "op.logoutForm") carrying its own CSRF token.
  ctx.type = "html";
  ctx.body = page(
    "Sign out of the demo identity provider?",
    `${form}<p>You are signed out of Preflight. Also end your session at the demo identity provider?</p>
    <button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
    <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

async function postLogoutSuccessSource(ctx: OidcContext): Promise<void> {
  ctx.type = "html";
  ctx.body = page("Signed out", "<p>You are signed out of the demo identity provider.</p>");
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:2rem 1rem}
main{max-width:36rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.5rem 2rem}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;border:1px solid #94a3b8;border-radius:.25rem;font-size:1rem}
button{margin-top:1rem;margin-right:.5rem;padding:.5rem 1rem;font-size:1rem;border:0;border-radius:.25rem;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.note{background:#fef9c3;border:1px solid #facc15;padding:.75rem;border-radius:.25rem}
.error{background:#fee2e2;border:1px solid #ef4444;padding:.75rem;border-radius:.25rem}
table{border-collapse:collapse;margin-top:1.5rem;width:100%;font-size:.9rem}caption{text-align:left;font-weight:600;margin-bottom:.25rem}
th,td{border-bottom:1px solid #e2e8f0;padding:.35rem;text-align:left}a{color:#1d4ed8}
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
