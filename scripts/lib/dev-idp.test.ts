import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevIdp, DevIdpRefused, startDevIdp } from "./dev-idp";

// The bundled identity provider, driven over HTTP the way a browser and next-auth drive it:
// authorization code + PKCE, its sign-in page (and no consent page), the token endpoint, the ID token.

const REDIRECT_URI = "http://localhost:3999/api/auth/callback/dev-idp";
const CLIENT = { clientId: "test-client", clientSecret: "test-secret" };

let idp: DevIdp;

beforeAll(async () => {
  idp = await startDevIdp({ port: 0, redirectUris: [REDIRECT_URI], ...CLIENT, environment: {} });
});

afterAll(async () => {
  await idp?.stop();
});

/** A minimal browser: follows redirects on the provider, keeps its cookies, stops at our callback. */
class Browser {
  private cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<{ url: string; response: Response }> {
    let target = url;
    let options = init;
    for (let hop = 0; hop < 10; hop++) {
      if (target.startsWith(REDIRECT_URI)) return { url: target, response: new Response(null) };
      const response = await fetch(target, {
        ...options,
        redirect: "manual",
        headers: { ...(options.headers as Record<string, string>), cookie: this.cookieHeader() },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const [name, ...value] = (pair ?? "").split("=");
        if (name) this.cookies.set(name.trim(), value.join("="));
      }
      const location = response.headers.get("location");
      if (!location) return { url: target, response };
      target = new URL(location, target).toString();
      options = {};
    }
    throw new Error("too many redirects");
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

async function signIn(login: string) {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const browser = new Browser();
  const authorize = new URL(`${idp.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid email profile",
    state: "state-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  const loginPage = await browser.go(authorize.toString());
  const loginHtml = await loginPage.response.text();
  expect(loginHtml).toContain("Any password is accepted");
  const afterLogin = await browser.go(loginPage.url, form({ login, password: "anything" }));
  if (afterLogin.url === loginPage.url)
    return { html: await afterLogin.response.text(), status: afterLogin.response.status };
  // Straight back to the app: no consent page for Preflight, its own client.
  const callback = afterLogin;
  expect(callback.url.startsWith(REDIRECT_URI), `stopped at ${callback.url}`).toBe(true);
  const code = new URL(callback.url).searchParams.get("code");
  expect(new URL(callback.url).searchParams.get("state")).toBe("state-1");
  const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64");
  const tokenResponse = await fetch(`${idp.issuer}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }),
  });
  const tokens = (await tokenResponse.json()) as { id_token: string };
  const payload = JSON.parse(Buffer.from(tokens.id_token.split(".")[1] ?? "", "base64url").toString("utf8"));
  return { claims: payload as Record<string, unknown> };
}

describe("the dev identity provider", () => {
  it("signs a demo account in with PKCE and puts roles and departments in the ID token", async () => {
    const { claims } = await signIn("Manager@Preflight.test");
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: CLIENT.clientId,
      sub: "demo-manager",
      email: "manager@preflight.test",
      name: "Maya Manager",
      department: "Finance",
      roles: ["MANAGER"],
      managed_departments: ["Finance", "Sales"],
    });
  });

  it("refuses an unknown account on its sign-in page", async () => {
    const result = await signIn("stranger@example.com");
    expect(result.status).toBe(400);
    expect(result.html).toContain("There is no demo account with that e-mail");
  });

  it("requires PKCE", async () => {
    const response = await fetch(
      `${idp.issuer}/auth?${new URLSearchParams({
        client_id: CLIENT.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid",
      })}`,
      { redirect: "manual" },
    );
    const location = new URL(response.headers.get("location") ?? "", idp.issuer);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("offers RP-initiated sign-out", async () => {
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
      end_session_endpoint: string;
    };
    expect(discovery.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });

  it("refuses to start in production unless explicitly allowed", async () => {
    await expect(
      startDevIdp({
        port: 0,
        redirectUris: [REDIRECT_URI],
        ...CLIENT,
        environment: { NODE_ENV: "production" },
      }),
    ).rejects.toBeInstanceOf(DevIdpRefused);
    const allowed = await startDevIdp({
      port: 0,
      redirectUris: [REDIRECT_URI],
      ...CLIENT,
      environment: { NODE_ENV: "production", ALLOW_DEV_IDP_IN_PRODUCTION: "true" },
    });
    await allowed.stop();
  });
});
