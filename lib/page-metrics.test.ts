import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPagePatterns, pagePatternOf } from "@/lib/page-metrics";

// Page requests are labelled by the page's pattern from the build's routes manifest, never by
// their raw path.

function buildWith(manifest: unknown): string {
  const root = mkdtempSync(path.join(tmpdir(), "preflight-manifest-"));
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, ".next/routes-manifest.json"), JSON.stringify(manifest));
  return root;
}

describe("page patterns", () => {
  const root = buildWith({
    staticRoutes: [
      { page: "/automations/new", regex: "^/automations/new(?:/)?$" },
      { page: "/dashboard", regex: "^/dashboard(?:/)?$" },
    ],
    dynamicRoutes: [
      { page: "/api/v1/automations/[id]", regex: "^/api/v1/automations/([^/]+?)(?:/)?$" },
      { page: "/automations/[id]", regex: "^/automations/([^/]+?)(?:/)?$" },
      { page: "/automations/[id]/edit", regex: "^/automations/([^/]+?)/edit(?:/)?$" },
      { page: "/docs/[...slug]", regex: "^/docs/(.+?)(?:/)?$" },
    ],
  });
  const patterns = loadPagePatterns(root);

  it("names a page by its pattern, a static page before a dynamic one", () => {
    expect(pagePatternOf(patterns, "/dashboard")).toBe("/dashboard");
    expect(pagePatternOf(patterns, "/automations/new")).toBe("/automations/new");
    expect(pagePatternOf(patterns, "/automations/4f1c0e2a-9b1d-4c53-8a35-6f0e1b2c3d4e")).toBe(
      "/automations/{id}",
    );
    expect(pagePatternOf(patterns, "/automations/4f1c/edit")).toBe("/automations/{id}/edit");
    expect(pagePatternOf(patterns, "/docs/a/b")).toBe("/docs/{slug*}");
  });

  it("leaves API routes to apiRoute, and calls what matches no page (other)", () => {
    expect(patterns.map((p) => p.pattern)).not.toContain("/api/v1/automations/{id}");
    expect(pagePatternOf(patterns, "/wp-admin/setup.php")).toBe("(other)");
  });

  it("is empty without a build", () => {
    expect(loadPagePatterns(path.join(tmpdir(), "no-such-build"))).toEqual([]);
  });
});
