import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { sessionOf, signedInPage } from "./sessions";

// Issue #17's walk: the directory deactivates Fiona Finance over SCIM (she owns four of the demo's
// automations and knows the banking robot's password); the manager sees it on the dashboard,
// gives every automation without an active owner to Mia with the people picker, Mia records
// the rotation of the banking password and names herself its owner, and the leaver figures go
// to zero.

const FIONA = "fiona.finance@preflight.test";
const SCIM = "application/scim+json";

test.use({ storageState: sessionOf("admin") });

/** The link of a leaver stat: its figure, then its label ("4 Automations without an active owner"). */
function stat(page: Page, label: string) {
  return page
    .getByRole("region", { name: "After leavers" })
    .getByRole("link", { name: new RegExp(`^[\\d,]+ ${label}$`) });
}

/** The figure of a leaver stat, as a number. */
async function figure(page: Page, label: string): Promise<number> {
  const text = (await stat(page, label).locator("span").first().textContent()) ?? "";
  return Number(text.replace(/,/g, ""));
}

test("a leaver over SCIM: the manager reassigns, the new owner rotates the password, the counts go to zero", async ({
  page: admin,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const origin = { origin: baseURL ?? "" };

  // ADMIN: a SCIM token for the identity provider, shown once.
  await admin.goto("/admin/people");
  const created = await admin.request.post("/api/v1/admin/scim-tokens", {
    headers: origin,
    data: { name: `Entra ID provisioning ${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const scim = { authorization: `Bearer ${token}`, "content-type": SCIM };

  // The identity provider: Fiona is provisioned (taken over by her e-mail), then deactivated.
  const provisioned = await admin.request.post("/scim/v2/Users", {
    headers: scim,
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: FIONA,
      externalId: "5f0e8a49-3b7c-4c2e-9d61-7a1f2b3c4d5e",
      active: true,
      displayName: "Fiona Finance",
      emails: [{ primary: true, type: "work", value: FIONA }],
      name: { givenName: "Fiona", familyName: "Finance" },
    },
  });
  expect([200, 201]).toContain(provisioned.status());
  const { id: fionaId } = (await provisioned.json()) as { id: string };
  const left = await admin.request.patch(`/scim/v2/Users/${fionaId}`, {
    headers: scim,
    data: {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Replace", path: "active", value: false }],
    },
  });
  expect(left.status()).toBe(200);
  // IT is told about nothing here (Fiona looked after no connector or gateway); the ADMIN's page
  // shows her deactivated.
  await admin.goto(`/admin/people?q=${encodeURIComponent(FIONA)}`);
  await expect(admin.getByRole("table").first()).toContainText(/Fiona Finance/);
  await admin.context().close();

  // The manager's dashboard: what Fiona left behind, aged from today.
  const manager = await signedInPage(browser, "manager", "/dashboard");
  const leavers = manager.getByRole("region", { name: "After leavers" });
  await expect(leavers).toBeVisible();
  await expect.poll(() => figure(manager, "Automations without an active owner")).toBeGreaterThanOrEqual(4);
  expect(await figure(manager, "Credentials to rotate after a leaver")).toBeGreaterThanOrEqual(1);
  await expect(leavers.getByRole("row", { name: /Finance/ })).toBeVisible();
  await expectAccessible(manager, "the dashboard with leaver figures");

  // The manager gives every automation without an active owner to Mia, a page at a time.
  await stat(manager, "Automations without an active owner").click();
  await manager.waitForURL((url) => url.searchParams.get("ownerMissing") === "true");
  const form = manager.getByRole("form", { name: "Give the selected automations a new owner" });
  const none = manager.getByText("No automations match these filters");
  for (let round = 0; round < 10; round++) {
    await expect(none.or(form)).toBeVisible();
    if (await none.isVisible()) break;
    // The first automation of this page (by its link, names may repeat): gone from the list once
    // the page has been given away and the list has loaded again.
    const links = manager.getByRole("table").locator('a[href^="/automations/"]');
    const first = await links.first().getAttribute("href");
    await manager.getByRole("checkbox", { name: "Select every automation on this page" }).check();
    const picker = form.getByRole("combobox", { name: "New owner" });
    await picker.fill("Mia");
    await form.getByRole("option", { name: /Mia Maker/ }).click();
    await expect(form.getByRole("list", { name: "Chosen new owner" })).toContainText("Mia Maker");
    await form.getByRole("button", { name: /^Give \d+ selected automations? to Mia Maker$/ }).click();
    await expect(manager.locator(`a[href="${first}"]`)).toHaveCount(0);
  }
  await expect(none).toBeVisible();
  await expectAccessible(manager, "the automations without an active owner");

  // Mia: the banking robot's password waits for its rotation; she records it and owns it now.
  const mia = await signedInPage(browser, "maker", "/prerequisites?leaver=true");
  const waiting = mia.getByRole("table", { name: "Prerequisites" });
  await expect(waiting).toContainText("Bank statement download");
  await waiting.getByRole("link", { name: "Bank statement download" }).first().click();
  const prerequisites = mia.getByRole("region", { name: "Prerequisites" });
  await prerequisites.getByRole("link", { name: /^Record the rotation and the new owner/ }).click();
  await mia.waitForURL(/\/edit/);
  await mia.getByRole("button", { name: "Next" }).click();
  const banking = mia.getByRole("region", { name: /Online banking/ });
  await banking.getByLabel("Owner's e-mail").fill("maker@preflight.test");
  await banking.getByLabel("Rotated on (optional)").fill(new Date().toISOString().slice(0, 10));
  await mia.getByRole("button", { name: "Next" }).click();
  await mia.getByRole("button", { name: "Next" }).click();
  await mia.getByRole("button", { name: "Save changes" }).click();
  await mia.waitForURL((url) => !url.pathname.endsWith("/edit"));
  await expect(mia.getByRole("region", { name: "Prerequisites" })).not.toContainText(
    "The person who knew this has left",
  );
  await mia.context().close();

  // The counts go to zero.
  await manager.goto("/dashboard");
  await expect.poll(() => figure(manager, "Automations without an active owner")).toBe(0);
  await expect.poll(() => figure(manager, "Credentials to rotate after a leaver")).toBe(0);
  await expect(manager.getByRole("region", { name: "After leavers" })).toContainText(
    "Nothing is waiting after a leaver.",
  );
  await manager.context().close();
});
