import path from "node:path";
import type { Browser, Page } from "@playwright/test";

// The signed-in sessions of the specs: auth.setup.ts signs each demo role in once through
// the identity provider and saves the browser state here (git-ignored); a spec then starts
// signed in with test.use({ storageState: sessionOf(role) }), or opens a second role's
// browser with signedInPage(). signin.spec.ts signs in through the pages itself, and signs
// out only a person of its own (sam.sales@…), so these sessions stay valid for the run.

export const ROLES = ["maker", "it", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const EMAIL: Record<Role, string> = {
  maker: "maker@preflight.test",
  it: "it@preflight.test",
  manager: "manager@preflight.test",
  admin: "admin@preflight.test",
};

const SESSIONS = path.join(__dirname, ".auth");

/** The saved browser state of a role's session. */
export function sessionOf(role: Role): string {
  return path.join(SESSIONS, `${role}.json`);
}

/** A browser of its own for `role`, already signed in, open at `startAt`. */
export async function signedInPage(browser: Browser, role: Role, startAt: string): Promise<Page> {
  const context = await browser.newContext({ storageState: sessionOf(role) });
  const page = await context.newPage();
  await page.goto(startAt);
  return page;
}
