import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { sessionOf, signedInPage } from "./sessions";

// Issue #13's walk, maker → IT → manager → admin, each in a browser of their own: what a
// gateway request asks reaches IT's decision page and ADMIN's view of it, every "Satisfied"
// says how it is known, IT verifies what the maker declared, the manager finds what rests on
// declaration only, and axe finds nothing serious on any page of the way.

/** A date `days` from today as the API takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.use({ storageState: sessionOf("maker") });

test("maker, IT, manager and admin: what a request asks, and how each Satisfied is known", async ({
  page: maker,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `Invoice capture ${stamp}`;
  const machine = `PC-FIN-${stamp % 100_000}`;
  const server = `sql-fin-${stamp % 100_000}.corp.example.com`;
  const headers = { origin: baseURL ?? "" };

  // The maker: an unattended desktop flow on a recorded machine under a service account,
  // signing in to a supplier portal with a username and password kept in Key Vault.
  const created = await maker.request.post("/api/v1/automations", {
    headers,
    data: {
      name,
      description: "Enters supplier invoices into the ERP",
      kind: "DESKTOP_FLOW",
      runMode: "UNATTENDED",
      runAs: "svc-invoices@corp.example",
      machine,
      windowsAccount: "CORP\\svc-invoices",
      windowsAccountType: "SERVICE",
      systems: [
        {
          name: "Supplier portal",
          location: "CLOUD",
          signInMethod: "USERNAME_PASSWORD",
          sso: false,
          credentialReference: {
            store: "AZURE_KEY_VAULT",
            name: "kv-finance/supplier-portal",
            owner: "maker@preflight.test",
            rotatesAt: inDays(120),
          },
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await maker.goto(`/automations/${id}`);
  await expect(maker.getByRole("heading", { level: 1, name })).toBeVisible();
  const prerequisites = maker.getByRole("region", { name: "Prerequisites" });
  // The Windows sign-in on the machine and the stored credential: satisfied on the maker's word.
  await expect(prerequisites.locator("[data-basis]").filter({ hasText: /Declared by/ })).toHaveCount(2);
  await expectAccessible(maker, "the maker's automation page");

  // The maker asks for a gateway and says which data source it must reach.
  await prerequisites.getByRole("button", { name: "Request access to a gateway" }).click();
  await maker.getByLabel("Kind of system").selectOption({ label: "Microsoft SQL Server" });
  await maker.getByLabel("Server name (and instance)").fill(server);
  await maker.getByLabel("Database name").fill("Invoices");
  await maker.getByRole("group", { name: "Environment" }).getByLabel("Production").check();
  await maker.getByLabel("Justification").fill("The flow reads open invoices from the finance database.");
  await maker.getByRole("button", { name: "Send request" }).click();
  await expect(maker.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
  await expect(prerequisites.locator('[data-status="REQUESTED"]')).toHaveCount(1);

  const mine = (await (
    await maker.request.get("/api/v1/requests?status=PENDING&type=GATEWAY&limit=200")
  ).json()) as { items: Array<{ id: string; automationId: string }> };
  const requestId = mine.items.find((request) => request.automationId === id)?.id;
  expect(requestId, "the maker's gateway request").toBeTruthy();

  // IT: the decision page shows what was asked, in the form's own words.
  const it = await signedInPage(browser, "it", `/queue/${requestId}`);
  const asked = it.getByRole("region", { name: "What is asked" });
  await expect(asked).toContainText("Microsoft SQL Server");
  await expect(asked).toContainText(server);
  await expect(asked).toContainText("Invoices");
  await expect(asked).toContainText("Production");
  await expect(it.getByRole("form", { name: "Decide this request" })).toBeVisible();
  await expectAccessible(it, "IT's decision page");

  // IT verifies the Windows sign-in the maker declared; the page says who verified it.
  await it.goto(`/automations/${id}`);
  const itPrerequisites = it.getByRole("region", { name: "Prerequisites" });
  await expect(itPrerequisites.locator("[data-basis]").filter({ hasText: /Declared by/ })).toHaveCount(2);
  await expectAccessible(it, "the automation page as IT sees it");
  await itPrerequisites.getByRole("button", { name: /^Verify — .*Windows/ }).click();
  await expect(itPrerequisites.locator("[data-basis]").filter({ hasText: /Verified by Ivan/ })).toHaveCount(
    1,
  );
  await expect(itPrerequisites.locator("[data-basis]").filter({ hasText: /Declared by/ })).toHaveCount(1);
  // The history in sentences, people by name, re-derivation only as the changes it caused.
  const history = it.getByRole("region", { name: "History" });
  await expect(history).toContainText("Mia Maker registered the automation.");
  await expect(history).toContainText("IT verified what was declared for the");
  await expect(history).not.toContainText(/rederived|re-derived|\[\d+\]|→/i);
  await it.context().close();

  // The maker's page, never reloaded, follows.
  await expect(prerequisites.locator("[data-basis]").filter({ hasText: /Verified by Ivan/ })).toHaveCount(1, {
    timeout: 20_000,
  });

  // The manager: the dashboard counts what rests on declaration only, and the number leads to them.
  const manager = await signedInPage(browser, "manager", "/dashboard");
  const assurance = manager.getByRole("region", { name: "How sure we are" });
  await expect(assurance).toBeVisible();
  await expectAccessible(manager, "the dashboard");
  await assurance.getByRole("link", { name: /Satisfied on declaration only/ }).click();
  await manager.waitForURL((url) => url.pathname === "/prerequisites");
  expect(new URL(manager.url()).searchParams.get("basis")).toBe("DECLARED");
  await expect(manager.getByRole("table").first()).toContainText(/Declared by/);
  await expectAccessible(manager, "the prerequisites that rest on declaration only");
  await manager.context().close();

  // ADMIN reads the request and what it asks, and has nothing to decide.
  const admin = await signedInPage(browser, "admin", `/queue/${requestId}`);
  await expect(admin.getByRole("region", { name: "What is asked" })).toContainText(server);
  await expect(admin.getByText("IT decides this request.", { exact: true })).toBeVisible();
  await expect(admin.getByRole("form", { name: "Decide this request" })).toHaveCount(0);
  await expectAccessible(admin, "a request as ADMIN sees it");
  await admin.context().close();
});
