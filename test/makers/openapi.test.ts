import { readdir } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/v1/openapi.json/route";
import { expenseReporting } from "@/test/support/bodies";
import { callRoute } from "@/test/support/route";

// No OpenAPI validator is installed (@apidevtools/swagger-parser is not a dependency), so
// this checks the structural essentials itself: version, info, exactly the methods the route
// files under app/api export, path parameters declared, every $ref resolving. When Ajv
// happens to be installed (it is a transitive dependency today), it also compiles the
// document's schemas as JSON Schema 2020-12, the dialect of OpenAPI 3.1, and validates
// API.md's example body against them.

const API_DIR = fileURLToPath(new URL("../../app/api", import.meta.url));

/** Route files that are not part of the contract, with the reason. */
const UNDOCUMENTED: Record<string, string> = {
  "/api/auth/{...nextauth}": "next-auth's own sign-in endpoints, for the browser, not for other systems",
};

/** The handlers a Next route file may export. */
const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];

/** `app/api/…/[id]/route.ts` → `/api/…/{id}`, as the document writes its paths. */
function openApiPath(file: string): string {
  const folders = dirname(relative(API_DIR, file)).split(sep);
  return ["/api", ...folders].map((folder) => folder.replace(/^\[(.+)\]$/, "{$1}")).join("/");
}

/** Every `METHOD path` the route files under app/api answer, read from their exports. */
async function routeOperations(): Promise<string[]> {
  const files = (await readdir(API_DIR, { recursive: true }))
    .filter((file) => basename(file) === "route.ts")
    .map((file) => join(API_DIR, file));
  const operations: string[] = [];
  for (const file of files) {
    const path = openApiPath(file);
    if (path in UNDOCUMENTED) continue;
    const handlers: Record<string, unknown> = await import(/* @vite-ignore */ file);
    for (const method of ROUTE_METHODS) if (method in handlers) operations.push(`${method} ${path}`);
  }
  return operations.sort();
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
type Json = any;

async function fetchDocument(): Promise<Json> {
  const response = await callRoute(openapi.GET, "GET", "/api/v1/openapi.json");
  expect(response.status).toBe(200);
  return response.body;
}

function refs(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<Json>((node, part) => (node && typeof node === "object" ? node[part] : undefined), document);
}

describe("GET /api/v1/openapi.json", () => {
  it("is public and an OpenAPI 3.1 document with info", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(typeof document.paths).toBe("object");
  });

  it("documents every method of every route file, and nothing without one", async () => {
    const document = await fetchDocument();
    const documented = Object.entries<Json>(document.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => METHODS.has(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const routes = await routeOperations();
    expect(routes.length).toBeGreaterThan(40);
    expect(documented).toEqual(routes);
  });

  it("declares each path parameter, answers for each operation, and known security schemes", async () => {
    const document = await fetchDocument();
    const schemes = Object.keys(document.components?.securitySchemes ?? {});
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries<Json>(item)) {
        if (!METHODS.has(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(operation.responses ?? {}).length, where).toBeGreaterThan(0);
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          expect(status, where).toMatch(/^[1-5]\d\d$|^default$/);
          expect(typeof response.description, `${where} ${status}`).toBe("string");
        }
        const pathParams = (operation.parameters ?? []).filter((p: Json) => p.in === "path");
        expect(pathParams.map((p: Json) => p.name).sort(), where).toEqual([...templated].sort());
        for (const p of pathParams) expect(p.required, `${where} ${p.name}`).toBe(true);
        for (const requirement of operation.security ?? []) {
          for (const name of Object.keys(requirement)) expect(schemes, where).toContain(name);
        }
      }
    }
  });

  it("resolves every $ref", async () => {
    const document = await fetchDocument();
    const all = refs(document);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of new Set(all)) expect(resolve(document, ref), ref).toBeDefined();
  });

  it("describes the request bodies with the schemas that validate them", async () => {
    const document = await fetchDocument();
    const create = document.components.schemas.CreateAutomationBody;
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(expect.arrayContaining(["name", "kind", "runMode", "systems"]));
    expect(create.properties.systems.maxItems).toBe(30);
    const body = document.paths["/api/v1/automations"].post.requestBody.content["application/json"].schema;
    expect(body.$ref).toBe("#/components/schemas/CreateAutomationBody");
    const list = document.paths["/api/v1/automations"].get.parameters.map((p: Json) => p.name);
    expect(list).toEqual(expect.arrayContaining(["status", "departmentId", "kind", "q", "limit", "cursor"]));
  });

  it("validates as JSON Schema 2020-12 with Ajv", async () => {
    // A devDependency: a missing Ajv fails the test instead of skipping it.
    const Ajv2020: Json = (await import("ajv/dist/2020.js")).default;
    const document = await fetchDocument();
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: "preflight", components: document.components });
    const validate = ajv.compile({ $ref: "preflight#/components/schemas/CreateAutomationBody" });
    // The document gives the canonical form; the API also accepts it untrimmed or upper-case.
    const body = expenseReporting();
    body.systems[2]!.service = "sap-erp";
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...expenseReporting(), kind: "ROBOT" })).toBe(false);
  });
});
