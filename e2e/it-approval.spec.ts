import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { sessionOf, signedInPage } from "./sessions";

// Issue #5's done-when: the maker's pending ERP connector request is approved by
// it@preflight.test in the browser, and the maker's automation page — open in another browser
// the whole time, never reloaded — shows the prerequisite Satisfied and the automation Ready.
// Along the way every IT page passes an axe scan (WCAG 2.1 A/AA, serious and critical).

/** A date `days` from today as <input type="date"> takes it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.use({ storageState: sessionOf("it") });

test("IT approves the maker's ERP connector request and the maker's page turns Ready without a reload", async ({
  page: it,
  browser,
  baseURL,
}) => {
  // Two browsers and eleven accessibility scans: the longest flow of the suite.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const service = `erp-${stamp}`;
  const name = `ERP postings ${stamp}`;

  // The maker registers an automation whose only system signs in with a shared key of a
  // service no connector exists for, then asks IT for it from the automation's page.
  const maker = await signedInPage(browser, "maker", "/automations");
  const created = await maker.request.post("/api/v1/automations", {
    headers: { origin: baseURL ?? "" },
    data: {
      name,
      description: "Posts approved expense reports to the ERP",
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "svc-erp-postings@preflight.test",
      systems: [{ name: "ERP", location: "CLOUD", signInMethod: "SHARED_KEY", service }],
    },
  });
  expect(created.status()).toBe(201);
  const automation = (await created.json()) as { id: string };

  await maker.goto(`/automations/${automation.id}`);
  await expect(maker.getByRole("heading", { level: 1, name })).toBeVisible();
  const prerequisites = maker.getByRole("region", { name: "Prerequisites" });
  await prerequisites.getByRole("button", { name: `Request a connector for ${service}` }).click();
  await maker.getByLabel("Vendor", { exact: true }).fill("Contoso ERP");
  await maker.getByLabel("API address (base URL)").fill("https://erp.contoso.example.com/api/v1");
  await maker.getByLabel("How the API checks who is calling").selectOption("API_KEY_HEADER");
  await maker.getByLabel("Scopes or permissions needed").fill("postings:write");
  await maker.getByLabel("Confidential", { exact: true }).check();
  await maker.getByLabel("Justification").fill("Expense postings go to the ERP through its API.");
  await maker.getByRole("button", { name: "Send request" }).click();
  await expect(prerequisites.locator('[data-status="REQUESTED"]')).toHaveCount(1);

  // IT, in a browser of its own: the bell shows the new request, the queue lists it.
  await it.goto("/queue");
  await expect(it.getByRole("heading", { level: 1, name: "Request queue" })).toBeVisible();
  const bell = it.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).not.toHaveAccessibleName("Notifications, none unread");
  await bell.click();
  const panel = it.getByRole("region", { name: "Notifications" });
  await expect(panel.getByRole("link", { name: new RegExp(service) }).first()).toBeVisible();
  await it.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();

  await expectAccessible(it, "/queue");
  const queue = it.getByRole("table", { name: "Request queue" });
  await queue.getByRole("link", { name: `Shared-key connector · ${service}` }).click();
  await expect(
    it.getByRole("heading", { level: 1, name: `Shared-key connector for ${service}` }),
  ).toBeVisible();
  await expectAccessible(it, "the request page");

  // Approve, creating the connector shared with every department.
  const form = it.getByRole("form", { name: "Decide this request" });
  await form.getByLabel("Approve", { exact: true }).check();
  await form
    .getByLabel("Reason", { exact: true })
    .fill("Integration user set up in the ERP; key stored in Key Vault.");
  await expect(form.getByLabel("Create a new connector")).toBeChecked();
  await form.getByLabel("Connector name").fill(`ERP ${stamp}`);
  await form.getByLabel("Owning team").fill("IT Integration");
  await form.getByLabel("Key reference").fill(`https://kv-it.vault.azure.net/secrets/${service}`);
  await form.getByLabel("Key expiry date").fill(inDays(90));
  await expect(form.getByLabel("All departments")).toBeChecked();
  await expectAccessible(it, "the decision form");
  await form.getByRole("button", { name: "Approve request" }).click();
  await expect(it.getByRole("status").filter({ hasText: "Request approved" })).toBeVisible();
  await expect(it.locator('main header [data-status="APPROVED"]')).toBeVisible();
  await expect(form).toBeHidden();

  // The maker's page, untouched since: it polls while a request is with IT.
  await expect(prerequisites.locator('[data-status="SATISFIED"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(maker.getByRole("main").locator('[data-status="READY"]')).toBeVisible();

  // The catalog and the audit trail as IT sees them, scanned for accessibility.
  await it.goto("/catalog/connectors");
  await expect(it.getByRole("heading", { level: 1, name: "Connectors" })).toBeVisible();
  await expectAccessible(it, "/catalog/connectors");
  await it.getByLabel("Search").fill(service);
  // The search applies after a pause: a click before it would be undone by it.
  await expect(it).toHaveURL(new RegExp(`[?&]q=${service}`));
  await it.getByRole("link", { name: `ERP ${stamp}` }).click();
  await expect(it.getByRole("heading", { level: 1, name: `ERP ${stamp}` })).toBeVisible();
  await expect(it.getByRole("table", { name: "Automations that rely on this connector" })).toContainText(
    name,
  );
  await expectAccessible(it, "a connector's page");

  // Revoking shows its blast radius before anything is written; cancelling writes nothing.
  await it.getByRole("button", { name: "Revoke connector" }).click();
  const dialog = it.getByRole("dialog", { name: `Revoke “ERP ${stamp}”?` });
  await expect(dialog).toContainText("Revoking this connector blocks 1 automation in 1 department:");
  await expectAccessible(it, "the revoke confirmation");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await it.goto("/catalog/connectors/new");
  await expect(it.getByRole("heading", { level: 1, name: "Add a connector" })).toBeVisible();
  await expectAccessible(it, "/catalog/connectors/new");

  await it.goto("/catalog/gateways");
  await expect(it.getByRole("heading", { level: 1, name: "Gateways" })).toBeVisible();
  await expectAccessible(it, "/catalog/gateways");
  await it.getByRole("link", { name: "gw-eu-west-1" }).click();
  await expect(it.getByRole("heading", { level: 1, name: "gw-eu-west-1" })).toBeVisible();
  await expectAccessible(it, "a gateway's page");

  await it.goto("/catalog/gateways/new");
  await expect(it.getByRole("heading", { level: 1, name: "Register a gateway" })).toBeVisible();
  await expectAccessible(it, "/catalog/gateways/new");

  await it.goto(`/audit?entityType=Request`);
  await expect(it.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(it.getByRole("table", { name: "Audit events, newest first" })).toContainText(
    "request.approved",
  );
  await expectAccessible(it, "/audit");
});

test("a decision made meanwhile shows who decided; the requester sees the request without the decision form", async ({
  page: it,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const service = `crm-${stamp}`;
  const origin = { origin: baseURL ?? "" };

  const maker = await signedInPage(browser, "maker", "/requests");
  const created = await maker.request.post("/api/v1/automations", {
    headers: origin,
    data: {
      name: `CRM sync ${stamp}`,
      kind: "API_INTEGRATION",
      runMode: "UNATTENDED",
      runAs: "svc-crm-sync@preflight.test",
      systems: [{ name: "CRM", location: "CLOUD", signInMethod: "SHARED_KEY", service }],
    },
  });
  expect(created.status()).toBe(201);
  const automation = (await created.json()) as {
    id: string;
    prerequisites: Array<{ id: string; type: string }>;
  };
  const prerequisite = automation.prerequisites.find((p) => p.type === "SHARED_KEY_CONNECTOR");
  const filed = await maker.request.post("/api/v1/requests", {
    headers: origin,
    data: {
      type: "SHARED_KEY_CONNECTOR",
      automationId: automation.id,
      prerequisiteId: prerequisite?.id,
      justification: "CRM contacts sync nightly.",
      details: {
        vendor: "Contoso CRM",
        baseUrl: "https://crm.contoso.example.com/api",
        authScheme: "BEARER_TOKEN",
        scopes: ["contacts:read"],
        dataClassification: "CONFIDENTIAL",
      },
    },
  });
  expect(filed.status()).toBe(201);
  const request = (await filed.json()) as { id: string };

  await it.goto(`/queue/${request.id}`);
  await expect(
    it.getByRole("heading", { level: 1, name: `Shared-key connector for ${service}` }),
  ).toBeVisible();
  await it.getByRole("button", { name: /^Assign to me/ }).click();
  await expect(it.getByText("Assigned to: Ivan IT")).toBeVisible();

  // The form is filled from the version on screen; the request is decided elsewhere first.
  const form = it.getByRole("form", { name: "Decide this request" });
  await form.getByLabel("Reject", { exact: true }).check();
  await form.getByLabel("Reason", { exact: true }).fill("Use the CRM's Entra ID connector instead.");
  const current = (await (await it.request.get(`/api/v1/requests/${request.id}`)).json()) as {
    version: number;
  };
  const elsewhere = await it.request.post(`/api/v1/requests/${request.id}/decision`, {
    headers: origin,
    data: { decision: "REJECT", reason: "Decided in another tab.", version: current.version },
  });
  expect(elsewhere.status()).toBe(200);
  await form.getByRole("button", { name: "Reject request" }).click();
  const conflict = it.getByRole("alert").filter({ hasText: "Already decided by Ivan IT" });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Decided in another tab.");
  await expect(it.locator('main header [data-status="REJECTED"]')).toBeVisible();
  await expect(form).toBeHidden();

  // The requester reads the same page: the decision and its reason, no decision form.
  await maker.goto(`/queue/${request.id}`);
  await expect(
    maker.getByRole("heading", { level: 1, name: `Shared-key connector for ${service}` }),
  ).toBeVisible();
  await expect(maker.getByRole("region", { name: "Decision" })).toContainText("Decided in another tab.");
  await expect(maker.getByRole("form", { name: "Decide this request" })).toHaveCount(0);
  await expectAccessible(maker, "the requester's view of a request");
});
