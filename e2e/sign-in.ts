import { expect, type Page } from "@playwright/test";

/**
 * Signs a demo person in through the bundled identity provider, starting at a protected page
 * and landing back on it. e2e/signin.spec.ts covers this flow itself in detail.
 */
export async function signInAs(page: Page, email: string, startAt: string): Promise<void> {
  await page.goto(startAt);
  await page
    .getByRole("button", { name: /^Sign in with / })
    .first()
    .click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill("demo");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The identity provider skips its consent page for Preflight; should one be shown, continue.
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByRole("banner"))).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await page.waitForURL((url) => url.pathname === startAt);
}
