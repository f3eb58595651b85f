import { expect, test as setup } from "@playwright/test";
import { EMAIL, ROLES, sessionOf } from "./sessions";

// Signs each demo role in once, through the identity provider's own pages, and saves the
// session for the specs (e2e/sessions.ts). e2e/signin.spec.ts covers this flow in detail.

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/");
    await page
      .getByRole("button", { name: /^Sign in with / })
      .first()
      .click();
    await page.getByLabel("E-mail").fill(EMAIL[role]);
    await page.getByLabel(/^Password/).fill("demo");
    await page.getByRole("button", { name: "Sign-in" }).click();
    // The identity provider skips its consent page for Preflight; should one be shown, continue.
    const consent = page.getByRole("button", { name: "Continue" });
    await expect(consent.or(page.getByRole("banner"))).toBeVisible();
    if (await consent.isVisible()) await consent.click();
    await page.waitForURL((url) => url.pathname === "/");
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(EMAIL[role]);
    await page.context().storageState({ path: sessionOf(role) });
  });
}
