import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// The accessibility scan of every spec: axe-core's WCAG 2.1 A and AA rules, failing on a
// serious or critical violation, run on the page as people see it (its data loaded).

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function expectAccessible(page: Page, what: string): Promise<void> {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0, { timeout: 15_000 });
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(" | ")}`,
    );
  expect(blocking, `accessibility problems on ${what}`).toEqual([]);
}
