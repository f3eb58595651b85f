import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerAdminPaths } from "@/lib/admin/server/openapi";
import { registerAuditPaths } from "@/lib/audit/server/openapi";
import { registerAutomationPaths } from "@/lib/automations/server/openapi";
import { registerCatalogPaths } from "@/lib/catalog/server/openapi";
import { registerDashboardPaths } from "@/lib/dashboard/server/openapi";
import { IDEMPOTENCY_HEADER, IDEMPOTENT_OPERATIONS, ZIdempotencyHeaders } from "@/lib/http/idempotency";
import { registerInventoryPaths } from "@/lib/inventory/server/openapi";
import { registerNotificationPaths } from "@/lib/notifications/server/openapi";
import { errors, ZErrorBody, ZNamedRef, ZPersonRef } from "@/lib/openapi/common";
import { registerCorePaths } from "@/lib/openapi/server/core-paths";
import { registerRequestPaths } from "@/lib/requests/server/openapi";
import { registerScimPaths } from "@/lib/scim/server/openapi";

// The OpenAPI registry of /api/v1: every route registers its path here with the same zod
// schemas that validate its input (`register…Paths` next to each feature's schemas). A new
// feature adds one call below. Built fresh on each call so that a development reload never
// registers a path twice.

export function buildRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token (pf_…), created with `npm run token -- create` or on the tokens page.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The browser session (the __Secure- prefixed name over HTTPS). Writes must come from the portal's own origin.",
  });
  // Shared components are generated before any path uses them: the generator writes a
  // component the way it first meets it, so a first `ZNamedRef.nullable()` would make every
  // NamedRef nullable (and drop the null where it belongs).
  registry.register("Error", ZErrorBody);
  registry.register("NamedRef", ZNamedRef);
  registry.register("PersonRef", ZPersonRef);
  registerCorePaths(registry);
  registerAutomationPaths(registry);
  registerRequestPaths(registry);
  registerCatalogPaths(registry);
  registerDashboardPaths(registry);
  registerNotificationPaths(registry);
  registerAuditPaths(registry);
  registerAdminPaths(registry);
  registerInventoryPaths(registry);
  registerScimPaths(registry);
  describeCommonRefusals(registry);
  describeIdempotentOperations(registry);
  return registry;
}

/** Routes that never touch the database: they have no "database unavailable" answer. */
const WITHOUT_DATABASE = new Set(["/api/health/live", "/api/bench/constant", "/api/metrics"]);

/**
 * Refusals every route of a kind may answer: a write sent with a session cookie from another
 * site (403), a body refused before it is read: too large (413), not JSON (415); and 503 while
 * the database is unavailable.
 */
function describeCommonRefusals(registry: OpenAPIRegistry): void {
  const refusals = errors(403, 413, 415, 503);
  for (const definition of registry.definitions) {
    if (definition.type !== "route") continue;
    const { route } = definition;
    if (!WITHOUT_DATABASE.has(route.path) && !route.responses[503])
      route.responses = { ...route.responses, 503: refusals[503]! };
    if (route.method !== "get") route.responses = { 403: refusals[403]!, ...route.responses };
    if (route.request?.body)
      route.responses = { ...route.responses, 413: refusals[413]!, 415: refusals[415]! };
  }
}

/** The Idempotency-Key header on the operations that honour it, and its 409 and 422 (decision 020). */
function describeIdempotentOperations(registry: OpenAPIRegistry): void {
  const operations = new Set<string>(IDEMPOTENT_OPERATIONS);
  const refusals = errors(409, 422);
  for (const definition of registry.definitions) {
    if (definition.type !== "route") continue;
    const { route } = definition;
    if (!operations.has(`${route.method.toUpperCase()} ${route.path}`)) continue;
    route.request = { ...route.request, headers: ZIdempotencyHeaders };
    route.description = [
      route.description,
      `Send an \`${IDEMPOTENCY_HEADER}\` to retry safely: the same request again gets the first answer, not a second record.`,
    ]
      .filter(Boolean)
      .join(" ");
    route.responses = { 409: refusals[409]!, 422: refusals[422]!, ...route.responses };
  }
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document of the API, generated once per process. */
export function openApiDocument() {
  cached ??= new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Preflight API",
      version: "1",
      description:
        "Governance of business-process automations and their authentication prerequisites. JSON in and out; errors are `{ error: { code, message, fields? } }`. Lists take `limit` (default 50, max 200) and `cursor` and answer `{ items, nextCursor }`. The POSTs that create something (automations, requests, decisions, connectors, gateways) take an optional `Idempotency-Key` header: a retry with the same key and body within 24 hours gets the first answer again (`Idempotent-Replayed: true`) instead of a second record; the same key with another body is 422, and a copy sent while the first still runs is 409.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Automations" },
      { name: "Requests" },
      { name: "Inventory" },
      { name: "Catalog" },
      { name: "Dashboards" },
      { name: "Notifications" },
      { name: "Audit" },
      { name: "Administration" },
      { name: "People" },
      { name: "API tokens" },
      { name: "Operations" },
    ],
  });
  return cached;
}
