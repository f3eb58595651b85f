import { expect, test } from "@playwright/test";
import { sessionOf } from "./sessions";

// The admin pages through the browser: departments (create, rename, managers) and people
// (roles, departments managed, deactivation). Each test works on a department of its own.

test.use({ storageState: sessionOf("admin") });

test("an admin creates, renames and staffs a department", async ({ page }) => {
  const name = `Audit ${Date.now()}`;
  await page.goto("/admin/departments");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create department" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${name}.`);

  const card = page.getByRole("article", { name });
  await card.getByLabel(`Name of ${name}`).fill(`${name} & Risk`);
  await card.getByRole("button", { name: "Rename" }).click();
  const renamed = page.getByRole("article", { name: `${name} & Risk` });
  await expect(renamed).toBeVisible();

  await renamed.getByLabel(/^Add a manager to/).fill("nobody@preflight.test");
  await renamed.getByRole("button", { name: "Add manager" }).click();
  await expect(renamed.getByRole("alert")).toContainText("Nobody with that e-mail");
  await renamed.getByLabel(/^Add a manager to/).fill("fiona.finance@preflight.test");
  await renamed.getByRole("button", { name: "Add manager" }).click();
  await expect(renamed).toContainText("Fiona Finance");
  await renamed.getByRole("button", { name: /^Remove Fiona Finance/ }).click();
  await expect(renamed).toContainText("No managers yet.");

  // A duplicate name is refused with a clear message.
  await page.getByLabel("Name", { exact: true }).fill(`${name} & risk`);
  await page.getByRole("button", { name: "Create department" }).click();
  await expect(page.getByRole("alert").first()).toContainText("already exists");
});

test("an admin changes a person's roles and deactivates them", async ({ page }) => {
  await page.goto("/admin/people");
  await page.getByLabel("Name or e-mail").fill("hana");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Hana HR" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hana HR" })).toBeVisible();

  await page.getByRole("checkbox", { name: /^Manager/ }).check();
  await page.getByRole("checkbox", { name: "HR" }).check();
  await page.getByRole("button", { name: "Save roles and departments" }).click();
  await expect(page.getByRole("status").first()).toContainText("Saved Hana HR");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /^Manager/ })).toBeChecked();

  await page.getByRole("checkbox", { name: /^Manager/ }).uncheck();
  await page.getByRole("checkbox", { name: "HR" }).uncheck();
  await page.getByRole("button", { name: "Save roles and departments" }).click();
  await expect(page.getByRole("region", { name: "Roles and departments" }).getByRole("status")).toContainText(
    "Saved Hana HR",
  );

  const access = page.getByRole("region", { name: "Access to Preflight" });
  await expect(access.getByRole("button", { name: "Deactivate Hana HR" })).toBeVisible();
  await access.getByRole("button", { name: "Deactivate Hana HR" }).click();
  await expect(access.getByRole("status")).toContainText("deactivated");
  await access.getByRole("button", { name: "Reactivate Hana HR" }).click();
  await expect(access.getByRole("status")).toContainText("active again");
});

test("an admin reads the request queue and a request, with nothing to take or decide", async ({ page }) => {
  await page.goto("/queue");
  await expect(page.getByRole("heading", { level: 1, name: "Request queue" })).toBeVisible();
  const queue = page.getByRole("table", { name: "Request queue" });
  await expect(queue.getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Assign to me/ })).toHaveCount(0);

  await queue.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Decision" })).toBeVisible();
  await expect(page.getByText("IT decides this request.", { exact: true })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "Decision" })).toHaveCount(0);
  await expect(page.getByRole("radio")).toHaveCount(0);
});
