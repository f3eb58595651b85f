/**
 * Screenshots of the manager's dashboard for the README (docs/dashboard-desktop.png at 1440 px,
 * docs/dashboard-phone.png at 390 px). Not part of `npm test`: run it by hand against a
 * running portal with the demo data, e.g. `npm start` in one terminal, then
 *
 *   npx tsx scripts/screenshots.ts [http://localhost:3000] [--path /dashboard] [--out docs]
 *
 * It signs in as manager@preflight.test through the demo identity provider, as a person would.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
};
const baseURL = args.find((arg) => arg.startsWith("http")) ?? "http://localhost:3000";
const pagePath = option("--path", "/dashboard");
const outDir = option("--out", "docs");
const prefix = option("--prefix", "dashboard");
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(new URL(pagePath, baseURL).toString());
  await page
    .getByRole("button", { name: /^Sign in with / })
    .first()
    .click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill("demo");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === pagePath);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    ...(existsSync(executablePath) ? { executablePath } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    for (const [name, viewport] of [
      ["desktop", { width: 1440, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await signIn(page, "manager@preflight.test");
      await page.getByRole("figure", { name: /by type and department/ }).waitFor();
      await page.waitForTimeout(500);
      const file = path.join(outDir, `${prefix}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
