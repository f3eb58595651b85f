import { expect, type Page, test } from "@playwright/test";
import { sessionOf } from "./sessions";

// The seed's expense-reporting example, registered through the wizard by the demo maker:
// a cloud flow that reads statements from online banking (its own username and password),
// writes to SharePoint (Entra ID) and posts to the ERP with a shared key for which no
// connector exists yet. The rules give exactly three prerequisites; the maker then asks IT
// for the ERP connector with one click.

async function describeSystem(
  page: Page,
  index: number,
  system: { name: string; method: RegExp; service?: string },
): Promise<void> {
  if (index > 1) await page.getByRole("button", { name: "Add a system" }).click();
  const region = page.getByRole("region", { name: new RegExp(`^System ${index}`) });
  await region.getByLabel("Name of the system").fill(system.name);
  await region
    .getByRole("group", { name: /^Where does/ })
    .getByLabel("In the cloud")
    .check();
  await region
    .getByRole("group", { name: /^How do you sign in/ })
    .getByLabel(system.method)
    .check();
  if (system.service) await region.getByLabel("Service", { exact: true }).fill(system.service);
}

test.use({ storageState: sessionOf("maker") });

test("a maker registers the expense-reporting automation and requests the ERP connector", async ({
  page,
}) => {
  const name = `Expense reporting ${Date.now()}`;
  const service = `erp-${Date.now()}`;
  await page.goto("/automations/new");

  await expect(page.getByRole("heading", { name: "What the automation does" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page
    .getByLabel("What it does")
    .fill("Reconciles card statements from online banking into the expense system");
  await page.getByRole("group", { name: "What kind of automation is it?" }).getByLabel("Cloud flow").check();
  await page.getByRole("group", { name: "How does it run?" }).getByLabel("Attended", { exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { name: "The systems it signs in to" })).toBeVisible();
  await describeSystem(page, 1, { name: "Online banking", method: /^Its own username and password/ });
  await describeSystem(page, 2, { name: "SharePoint", method: /^Microsoft 365/ });
  await describeSystem(page, 3, { name: "ERP", method: /^A shared key/, service });
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { name: "Prerequisites" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  await page.getByRole("button", { name: "Register automation" }).click();

  // The automation's page: exactly the prerequisites the rules give, each with its reason.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const prerequisites = page.getByRole("region", { name: "Prerequisites" });
  const items = prerequisites.getByRole("heading", { level: 3 });
  await expect(items).toHaveCount(3);
  await expect(prerequisites).toContainText(/Online banking/);
  await expect(prerequisites).toContainText(/its own username and password|own sign-in/i);
  await expect(prerequisites).toContainText(/on behalf of/i);
  await expect(prerequisites).toContainText(service);
  await expect(prerequisites).not.toContainText("On-premises data gateway");

  await prerequisites.getByRole("button", { name: `Request a connector for ${service}` }).click();
  await page.getByLabel("Vendor", { exact: true }).fill("Contoso ERP");
  await page.getByLabel("API address (base URL)").fill("https://erp.contoso.example.com/api/v1");
  await page.getByLabel("How the API checks who is calling").selectOption("API_KEY_HEADER");
  await page.getByLabel("Scopes or permissions needed").fill("postings:write");
  await page.getByLabel("Confidential", { exact: true }).check();
  await page.getByLabel("Justification").fill("Expense reporting posts approved reports to the ERP.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
  await expect(prerequisites.locator('[data-status="REQUESTED"]')).toHaveCount(1);
  await expect(page.getByRole("table", { name: `Requests for ${name}` })).toContainText(/Pending/i);
});
