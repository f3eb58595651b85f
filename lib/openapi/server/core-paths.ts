import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZPersonChoices } from "@/lib/directory/contract";
import { ZPeopleSearchQuery } from "@/lib/directory/schemas";
import { errors, json, signedInRoutes, text, ZErrorBody, ZNamedRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZMe } from "@/lib/profile/contract";
import { ZCreatedToken, ZToken } from "@/lib/tokens/contract";
import { ZCreateTokenBody, ZTokenParams } from "@/lib/tokens/schemas";

// Routes outside the makers' features: health, this document, the caller, departments,
// personal API tokens. Answer schemas mirror lib/profile, lib/departments and lib/tokens.

const _timestamp = z.string().openapi({ format: "date-time" });

const ZHealth = z
  .object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["ok", "unavailable"]) })
  .openapi("Health");
const ZLive = z.object({ status: z.literal("ok") }).openapi("Live");

export function registerCorePaths(registry: OpenAPIRegistry): void {
  const readiness = {
    200: json(ZHealth, "The app and its database answer."),
    503: json(ZHealth, "The database did not answer within a second; `Retry-After` says when to ask again."),
  };
  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["Operations"],
    summary: "Readiness (kept for existing probes): the same answer as /api/health/ready",
    responses: readiness,
  });
  registry.registerPath({
    method: "get",
    path: "/api/health/ready",
    tags: ["Operations"],
    summary: "Readiness: the app can serve, its database answers",
    description: "Public. A load balancer takes an instance out of rotation while this is 503.",
    responses: readiness,
  });
  registry.registerPath({
    method: "get",
    path: "/api/health/live",
    tags: ["Operations"],
    summary: "Liveness: the process answers; never touches the database",
    description: "Public. Stays 200 while the database is away: restarting would not help.",
    responses: { 200: json(ZLive, "The process is up.") },
  });
  registry.registerPath({
    method: "get",
    path: "/api/metrics",
    tags: ["Operations"],
    summary: "Prometheus metrics of the instance that answers",
    description:
      "Exists only when `METRICS_TOKEN` is set, and answers only `Authorization: Bearer <METRICS_TOKEN>`. Request durations by route pattern and status, the database pool, job runs, and the process (docs/operations.md).",
    responses: {
      200: text("The metrics in Prometheus' text exposition format.", "text/plain"),
      401: json(ZErrorBody, "No or wrong metrics token."),
      404: json(ZErrorBody, "`METRICS_TOKEN` is not set: the route does not exist."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/bench/constant",
    tags: ["Operations"],
    summary: "A constant answer without database or sign-in: the web tier's ceiling in the benchmark",
    description:
      "Served only when the benchmark starts the server with `BENCH_CONSTANT_ROUTE=true`; otherwise 404.",
    responses: {
      200: json(z.object({ ok: z.literal(true) }), 'Always `{ "ok": true }`.'),
      404: json(ZErrorBody, "The benchmark has not switched the route on (every default start)."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/openapi.json",
    tags: ["Operations"],
    summary: "This description of the API (OpenAPI 3.1)",
    description:
      "Public: it describes the API, not its data; cacheable for five minutes. An Authorization header, when sent, is still checked.",
    responses: {
      200: json(z.record(z.string(), z.unknown()), "The OpenAPI 3.1 document."),
      ...errors(),
    },
  });
  signedInRoutes(registry, "People", {
    "get /api/v1/me": {
      summary: "The signed-in caller",
      200: json(ZMe, "Who is calling, with their current roles."),
    },
    "get /api/v1/departments": {
      summary: "Every department",
      200: json(z.object({ items: z.array(ZNamedRef) }), "By name."),
    },
    "get /api/v1/people": {
      summary: "Find active people by name or e-mail (the people picker)",
      description:
        "MANAGER, IT_APPROVER and ADMIN: to name a connector's owner or a gateway's admin, or whom to give automations. Active people only, by name.",
      query: ZPeopleSearchQuery,
      200: json(ZPersonChoices, "Up to `limit` people."),
      errors: [400, 403],
    },
  });
  signedInRoutes(registry, "API tokens", {
    "get /api/v1/tokens": {
      summary: "The caller's personal API tokens",
      200: json(z.object({ items: z.array(ZToken), nextCursor: z.string().nullable() }), "Their tokens."),
    },
    "post /api/v1/tokens": {
      summary: "Create a personal API token",
      body: ZCreateTokenBody,
      201: json(ZCreatedToken, "Created; the token is in the answer once."),
      errors: [400, 403, 422],
    },
    "post /api/v1/tokens/{id}/revoke": {
      summary: "Revoke one of the caller's API tokens",
      params: ZTokenParams,
      200: json(ZToken, "Revoked."),
      errors: [400, 404],
    },
  });
}
