import { type APIRequestContext, expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { type Role, sessionOf } from "./sessions";

// Issue #6's done-when (c): every page of the app passes axe-core (WCAG 2.1 A and AA rules)
// with no serious or critical violation, each opened by a role that may open it, once its
// data has loaded. A page added to the app belongs in PAGES below.

interface PageCase {
  /** A path, or a function finding one (e.g. the first record of a list) with the role's session. */
  path: string | ((api: APIRequestContext) => Promise<string>);
  role: Role;
}

async function first(api: APIRequestContext, list: string): Promise<string> {
  const response = await api.get(list);
  expect(response.status(), list).toBe(200);
  const { items } = (await response.json()) as { items: Array<{ id: string }> };
  expect(items.length, `${list} has at least one item`).toBeGreaterThan(0);
  return items[0]!.id;
}

const PAGES: PageCase[] = [
  { role: "maker", path: "/" },
  { role: "maker", path: "/automations" },
  { role: "maker", path: "/automations/new" },
  { role: "maker", path: async (api) => `/automations/${await first(api, "/api/v1/automations")}` },
  { role: "maker", path: async (api) => `/automations/${await first(api, "/api/v1/automations")}/edit` },
  { role: "maker", path: "/requests" },
  { role: "maker", path: "/prerequisites" },
  { role: "maker", path: "/settings/tokens" },
  { role: "manager", path: "/dashboard" },
  { role: "manager", path: "/prerequisites?outstanding=true" },
  { role: "manager", path: "/automations?status=BLOCKED" },
  { role: "manager", path: "/requests?status=PENDING" },
  { role: "it", path: "/queue" },
  { role: "it", path: async (api) => `/queue/${await first(api, "/api/v1/requests?status=PENDING")}` },
  { role: "it", path: "/catalog/connectors" },
  { role: "it", path: "/catalog/connectors/new" },
  { role: "it", path: async (api) => `/catalog/connectors/${await first(api, "/api/v1/connectors")}` },
  { role: "it", path: "/catalog/gateways" },
  { role: "it", path: "/catalog/gateways/new" },
  { role: "it", path: async (api) => `/catalog/gateways/${await first(api, "/api/v1/gateways")}` },
  { role: "it", path: "/dashboard" },
  { role: "admin", path: "/admin/people" },
  {
    role: "admin",
    path: async (api) => `/admin/people/${await first(api, "/api/v1/admin/people?q=preflight")}`,
  },
  { role: "admin", path: "/admin/departments" },
  { role: "admin", path: "/audit" },
  // ADMIN reads the queue and a request, without the controls to take or decide them.
  { role: "admin", path: "/queue" },
  { role: "admin", path: async (api) => `/queue/${await first(api, "/api/v1/requests?status=PENDING")}` },
];

test("the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await expectAccessible(page, "/signin");
});

for (const role of ["maker", "manager", "it", "admin"] as const) {
  test.describe(role, () => {
    test.use({ storageState: sessionOf(role) });

    test(`every page a ${role} opens`, async ({ page }) => {
      test.setTimeout(180_000);
      for (const entry of PAGES.filter((candidate) => candidate.role === role)) {
        const path = typeof entry.path === "string" ? entry.path : await entry.path(page.request);
        await test.step(path, async () => {
          const response = await page.goto(path);
          expect(response?.status(), path).toBeLessThan(400);
          await expectAccessible(page, path);
        });
      }
      if (role === "manager") {
        // The dashboard turns its tables round and lets them scroll on a phone: check that too.
        await test.step("/dashboard at 390 px", async () => {
          await page.setViewportSize({ width: 390, height: 844 });
          await page.goto("/dashboard");
          await expectAccessible(page, "/dashboard on a phone");
        });
      }
    });
  });
}
