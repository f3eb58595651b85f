import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { errors, json, jsonBody, SIGNED_IN, ZErrorBody, ZNamedRef } from "@/lib/openapi/common";
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

export function registerCorePaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["Operations"],
    summary: "Liveness and database reachability",
    responses: {
      200: json(ZHealth, "The app and its database answer."),
      503: json(ZHealth, "The database is unavailable."),
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
  registry.registerPath({
    method: "get",
    path: "/api/v1/me",
    tags: ["People"],
    summary: "The signed-in caller",
    security: SIGNED_IN,
    responses: { 200: json(ZMe, "Who is calling, with their current roles."), ...errors() },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/departments",
    tags: ["People"],
    summary: "Every department",
    security: SIGNED_IN,
    responses: { 200: json(z.object({ items: z.array(ZNamedRef) }), "By name."), ...errors() },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/tokens",
    tags: ["API tokens"],
    summary: "The caller's personal API tokens",
    security: SIGNED_IN,
    responses: {
      200: json(z.object({ items: z.array(ZToken), nextCursor: z.string().nullable() }), "Their tokens."),
      ...errors(),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/tokens",
    tags: ["API tokens"],
    summary: "Create a personal API token",
    security: SIGNED_IN,
    request: { body: jsonBody(ZCreateTokenBody) },
    responses: {
      201: json(ZCreatedToken, "Created; the token is in the answer once."),
      ...errors(400, 403, 422),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/tokens/{id}/revoke",
    tags: ["API tokens"],
    summary: "Revoke one of the caller's API tokens",
    security: SIGNED_IN,
    request: { params: ZTokenParams },
    responses: { 200: json(ZToken, "Revoked."), ...errors(400, 404) },
  });
}
