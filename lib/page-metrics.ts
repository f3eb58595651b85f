import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { observeRequest } from "@/lib/metrics";

// Pages in the request histogram, by their route pattern (`/automations/{id}`), never the raw
// path: every HTTP request Node's server reports that is not an API route (those are observed by
// apiRoute, with the status their handler gave) nor a static file. The patterns come from the
// build's routes manifest, which lists every page with the regular expression Next matches it by.

interface ManifestRoute {
  page: string;
  regex: string;
}

interface PagePattern {
  pattern: string;
  regex: RegExp;
}

const holder = globalThis as unknown as { preflightPageMetrics?: boolean };

/** `/automations/[id]` → `/automations/{id}`, the form the API routes' label uses. */
function asPattern(page: string): string {
  return page.replace(/\[\.{3}([^\]]+)\]/g, "{$1*}").replace(/\[([^\]]+)\]/g, "{$1}");
}

/** The build's page patterns, most specific (static) first; empty without a build. */
export function loadPagePatterns(root = process.cwd()): PagePattern[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, ".next/routes-manifest.json"), "utf8")) as {
      staticRoutes?: ManifestRoute[];
      dynamicRoutes?: ManifestRoute[];
    };
    return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])]
      .filter((route) => !route.page.startsWith("/api/"))
      .map((route) => ({ pattern: asPattern(route.page), regex: new RegExp(route.regex) }));
  } catch {
    return [];
  }
}

/** The label of a page request's path: its pattern, or `(other)` for what matches no page. */
export function pagePatternOf(patterns: readonly PagePattern[], pathname: string): string {
  return patterns.find((candidate) => candidate.regex.test(pathname))?.pattern ?? "(other)";
}

/** Observes every page request of this process once it has answered. Installed once. */
export function installPageMetrics(root = process.cwd()): void {
  if (holder.preflightPageMetrics) return;
  holder.preflightPageMetrics = true;
  const patterns = loadPagePatterns(root);
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: http.IncomingMessage; response: http.ServerResponse };
    const pathname = (request.url ?? "/").split("?")[0]!;
    if (pathname.startsWith("/api/") || pathname.startsWith("/_next/") || pathname.startsWith("/scim/"))
      return;
    const started = performance.now();
    response.once("finish", () => {
      observeRequest(
        request.method ?? "GET",
        pagePatternOf(patterns, pathname),
        response.statusCode,
        (performance.now() - started) / 1000,
      );
    });
  });
}
