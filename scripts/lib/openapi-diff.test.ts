import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { breakingChanges, type Document } from "./openapi-diff";

// The committed document, changed the ways a release could change it.
const current: Document = JSON.parse(readFileSync("docs/api/openapi.json", "utf8"));
const copy = (): Document & { paths: Record<string, Record<string, never>> } =>
  structuredClone(current) as never;
// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary JSON Schema in place.
type Loose = Record<string, any>;
const schemas = (doc: Document) => doc.components!.schemas! as Record<string, Loose>;

describe("breakingChanges", () => {
  it("finds nothing between a document and itself", () => {
    expect(breakingChanges(current, copy())).toEqual([]);
  });

  it("reports a route or an answer's field removed", () => {
    const withoutRoute = copy();
    delete withoutRoute.paths["/api/v1/me"];
    expect(breakingChanges(current, withoutRoute)).toContain("GET /api/v1/me: removed");

    const withoutField = copy();
    delete schemas(withoutField).Automation!.properties.runAs;
    expect(breakingChanges(current, withoutField)).toContain(
      "GET /api/v1/automations/{id} 200.runAs: removed",
    );
  });

  it("reports a narrowed request, a new answer value and a changed type, and not an added answer field", () => {
    const narrowed = copy();
    const body = schemas(narrowed).CreateAutomationBody!;
    body.properties.kind.enum = body.properties.kind.enum.filter((k: string) => k !== "DESKTOP_FLOW");
    expect(breakingChanges(current, narrowed)).toContain(
      "POST /api/v1/automations body.kind: no longer accepts DESKTOP_FLOW",
    );

    const widened = copy();
    schemas(widened).Automation!.properties.status.enum.push("ARCHIVED");
    expect(breakingChanges(current, widened)).toContain(
      "GET /api/v1/automations/{id} 200.status: may now answer ARCHIVED",
    );

    const retyped = copy();
    schemas(retyped).Automation!.properties.version = { type: "string" };
    expect(breakingChanges(current, retyped).some((p) => p.includes("200.version: type"))).toBe(true);

    const added = copy();
    schemas(added).Automation!.properties.extra = { type: "string" };
    expect(breakingChanges(current, added)).toEqual([]);
  });
});
