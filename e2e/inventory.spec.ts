import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { sessionOf } from "./sessions";

// Issue #14's walk, as IT: upload the sample CoE export, read the preview, map its environments,
// apply it with the progress bar, find the new automations with what a CoE export can tell and
// the findings it supports; a second upload of the same files is 0 changes; then a sync from the
// demo tenant (throttling switched on by the browser tests' server) completes with its progress.

const COE = path.join(__dirname, "..", "docs", "inventory", "samples", "coe");
const FILES = [
  "admin_connectionreference.csv",
  "admin_connector.csv",
  "admin_environment.csv",
  "admin_flow.csv",
  "admin_maker.csv",
  "admin_rpa.csv",
].map((file) => path.join(COE, file));

test.use({ storageState: sessionOf("it") });

const count = (page: Page, label: string) => page.locator(`[data-count="${label}"]`);

async function uploadSample(page: Page) {
  await page.goto("/inventory");
  await page.getByLabel("What it is").selectOption("COE");
  await page.getByLabel("Files").setInputFiles(FILES);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /admin_connectionreference\.csv/ })).toBeVisible();
}

async function mapEveryEnvironment(page: Page) {
  const selects = page.getByRole("combobox", { name: /^Department of / });
  for (let index = 0; index < (await selects.count()); index++) {
    const select = selects.nth(index);
    if ((await select.inputValue()) === "") await select.selectOption({ label: "Finance" });
  }
}

test("IT imports a CoE export, applies it with progress, and a second upload changes nothing", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await uploadSample(page);
  await expect(count(page, "New")).toHaveText("4");
  await expect(count(page, "Without a department")).toHaveText("4");
  await expectAccessible(page, "the import preview");

  await expect(page.getByRole("row", { name: /Finance production/ })).toBeVisible();
  await mapEveryEnvironment(page);
  await expect(page.getByText("These new flows have no department yet")).toHaveCount(0);

  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Applied 4 of 4 flows")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("value", "100");

  // The new automations, with what a CoE export can tell.
  await page.goto("/automations?q=Invoice%20approval");
  await page.getByRole("link", { name: "Invoice approval" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Invoice approval" })).toBeVisible();
  await expect(page.getByText("a CoE Starter Kit export")).toBeVisible();
  const systems = page.getByRole("table", { name: "The systems it signs in to" });
  await expect(systems.getByRole("row", { name: /Office 365 Outlook.*Microsoft Entra ID/ })).toBeVisible();
  await expect(systems.getByText("Inferred from the tenant — confirm").first()).toBeVisible();
  await expect(page.locator('[data-finding="SIGN_IN_UNKNOWN"]')).toContainText("Sign-in unknown — confirm");
  await expect(page.locator('[data-finding="OWNER_NOT_FOUND"]')).toBeVisible();
  await expect(page.getByText("No active owner")).toBeVisible();
  await expectAccessible(page, "an imported automation");

  await page.goto("/automations?q=Bank%20statement%20download");
  await page.getByRole("link", { name: "Bank statement download" }).first().click();
  await expect(
    page
      .getByRole("table", { name: "The systems it signs in to" })
      .getByRole("row", { name: /Desktop flows.*Windows/ }),
  ).toBeVisible();

  await page.goto("/automations?q=Nightly%20ledger%20export");
  await page.getByRole("link", { name: "Nightly ledger export" }).first().click();
  await expect(page.locator('[data-finding="PLAIN_TEXT_PASSWORD"]')).toContainText(
    "Plain-text password in the flow",
  );

  // The same files again: nothing to change.
  await uploadSample(page);
  await expect(count(page, "New")).toHaveText("0");
  await expect(count(page, "Changed")).toHaveText("0");
  await expect(count(page, "Unchanged")).toHaveText("4");
  await expect(
    page.getByText("0 changes: everything in this upload is already here as it is."),
  ).toBeVisible();
});

test("IT syncs from the demo tenant with throttling on, maps its environments and applies it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/inventory");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Live sync/ })).toBeVisible();
  // Its flows' owners have no account here and its environments no department yet: a preview.
  await expect(page.getByText(/new flow\(s\) have no department/)).toBeVisible({ timeout: 60_000 });
  await expect(count(page, "New")).not.toHaveText("0");
  await mapEveryEnvironment(page);
  await expect(count(page, "Without a department")).toHaveText("0");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(/Applied (\d+) of \1 flows/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("value", "100");
  await expectAccessible(page, "a finished sync");
});
