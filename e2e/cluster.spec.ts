import { expect, test } from "@playwright/test";
import { sessionOf } from "./sessions";

// Runs only through the proxy with two instances (playwright.cluster.config.ts): one session,
// pages and API answers from both instances, and a change made through one seen through the other.

test.use({ storageState: sessionOf("manager") });

test("one session works on both instances behind the proxy", async ({ page }) => {
  const servedBy = new Set<string>();
  page.on("response", (response) => {
    if (response.url().includes("/api/v1/") || response.request().resourceType() === "document") {
      const backend = response.headers()["x-served-by"];
      if (backend) servedBy.add(backend);
    }
  });
  for (let visit = 0; visit < 4; visit++) {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "After leavers" })).toBeVisible();
  }
  expect([...servedBy].sort(), "the proxy's backends that answered").toHaveLength(2);

  // Written through one instance, read through both: the database is all they share.
  const origin = { origin: new URL(page.url()).origin };
  const name = `Cluster check ${Date.now()}`;
  const created = await page.request.post("/api/v1/tokens", {
    headers: origin,
    data: { name, expiresInDays: 7 },
  });
  expect(created.status()).toBe(201);
  const readers = new Set<string>();
  for (let read = 0; read < 4; read++) {
    const answer = await page.request.get("/api/v1/tokens");
    expect(answer.status()).toBe(200);
    readers.add(answer.headers()["x-served-by"] ?? "");
    const { items } = (await answer.json()) as { items: Array<{ name: string }> };
    expect(items.map((token) => token.name)).toContain(name);
  }
  expect(readers.size, "both instances read the new token").toBe(2);
});
