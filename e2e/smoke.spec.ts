import { expect, test } from "@playwright/test";

test("the health check answers with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});

test("static assets carry the security headers the pages do", async ({ page, request }) => {
  await page.goto("/signin");
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
  expect(script, "a script of the build").toBeTruthy();
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  const headers = asset.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");
});
