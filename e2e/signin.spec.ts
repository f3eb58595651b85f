import { type APIRequestContext, expect, type Page, request, test } from "@playwright/test";

// Sign-in end to end through the real identity provider pages: the bundled development
// provider (an OpenID Connect server) with its login and consent screens, authorization code
// + PKCE, back to Preflight, the pages each role may open, sign-out, and what happens after.
// The web server must run the dev identity provider and offer it (DEV_IDP_URL).

interface DemoAccount {
  email: string;
  name: string;
  /** Pages that must answer 200 for this role, and those that must answer 403. */
  allowed: string[];
  forbidden: string[];
}

const ADMIN_PAGES = ["/admin/people", "/admin/departments"];
const EVERYONE = ["/", "/settings/tokens"];

const ACCOUNTS: Record<string, DemoAccount> = {
  maker: { email: "maker@preflight.test", name: "Mia Maker", allowed: EVERYONE, forbidden: ADMIN_PAGES },
  it: { email: "it@preflight.test", name: "Ivan IT", allowed: EVERYONE, forbidden: ADMIN_PAGES },
  manager: {
    email: "manager@preflight.test",
    name: "Maya Manager",
    allowed: EVERYONE,
    forbidden: ADMIN_PAGES,
  },
  admin: {
    email: "admin@preflight.test",
    name: "Ada Admin",
    allowed: [...EVERYONE, ...ADMIN_PAGES],
    forbidden: [],
  },
};

/**
 * Signing out ends every session of the person (copies of the cookie included), so the one
 * who signs out here is a maker of their own: the other specs' saved sessions (e2e/sessions.ts)
 * belong to the four accounts above and must outlive this spec.
 */
const SIGNS_OUT: DemoAccount = {
  email: "sam.sales@preflight.test",
  name: "Sam Sales",
  allowed: EVERYONE,
  forbidden: ADMIN_PAGES,
};

// Every page keeps working under the Content-Security-Policy: nothing it needs is refused.
let cspViolations: string[] = [];
test.beforeEach(({ page }) => {
  cspViolations = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
});
test.afterEach(() => {
  expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
});

/** From a protected page to signed in, through the identity provider's own pages. */
async function signInThroughIdentityProvider(
  page: Page,
  account: DemoAccount,
  startAt: string,
): Promise<void> {
  await page.goto(startAt);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page
    .getByRole("button", { name: /^Sign in with / })
    .first()
    .click();

  // The identity provider's sign-in page (another origin); no consent page for its own client.
  await expect(page.getByText("Any password is accepted")).toBeVisible();
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel(/^Password/).fill("any password will do");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await page.waitForURL((url) => url.pathname === startAt);
  await expect(page.getByRole("banner")).toContainText(account.name);
}

async function statusOf(page: Page, path: string): Promise<number | undefined> {
  const response = await page.goto(path);
  return response?.status();
}

test("a maker signs in through the identity provider, works, signs out and stays out", async ({ page }) => {
  await signInThroughIdentityProvider(page, SIGNS_OUT, "/settings/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  const navigation = page.getByRole("navigation", { name: "Main" });
  await expect(navigation.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "People" })).toHaveCount(0);

  // Not for makers: the 403 page, inside the portal.
  expect(await statusOf(page, "/admin/people")).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access" })).toBeVisible();

  await page.goto("/settings/tokens");
  // A copy of the session cookie, as someone who got hold of it would keep it.
  const copied = (await page.context().cookies())
    .filter((cookie) => cookie.name.includes("session-token"))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");
  const meWithCopy = async () =>
    (await page.request.get("/api/v1/me", { headers: { cookie: copied } })).status();
  expect(await meWithCopy()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1/);
  // Signing out ends the session for every copy of its cookie, not only this browser's.
  expect(await meWithCopy()).toBe(401);
  await expect(page.getByText("You are signed out of Preflight.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^sign out of / })).toBeVisible();

  // Back to where we were: the session is gone, so sign-in is asked for again.
  await page.goBack();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Ftokens/);
  await page.goto("/admin/people");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fpeople/);

  // The identity provider's own sign-out, offered after ours, returns to the sign-in page.
  await page.goto("/signin?signedOut=1&provider=dev-idp");
  await page.getByRole("link", { name: /^sign out of / }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("button", { name: /^Sign in with / }).first()).toBeVisible();
});

for (const [key, account] of Object.entries(ACCOUNTS)) {
  test(`${key} sees the pages of their role`, async ({ page }) => {
    await signInThroughIdentityProvider(page, account, "/");
    for (const path of account.allowed) expect(await statusOf(page, path), path).toBe(200);
    for (const path of account.forbidden) {
      expect(await statusOf(page, path), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access" })).toBeVisible();
    }
  });
}

test("a token created on the page works once shown, and stops when revoked", async ({ page, baseURL }) => {
  const it = ACCOUNTS.it!;
  await signInThroughIdentityProvider(page, it, "/settings/tokens");
  const name = `e2e ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Copy your new token now" })).toBeFocused();
  const token = await page.getByRole("textbox", { name: "New token" }).inputValue();
  expect(token).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText("Active");

  const api: APIRequestContext = await request.newContext({ baseURL });
  const me = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: it.email, roles: ["IT_APPROVER"] });

  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  const after = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.message).toContain("was revoked");
  await api.dispose();
});
