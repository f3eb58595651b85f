import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { answers, json, jsonBody, signedInRoutes } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";
import { ZCreatedScimToken, ZScimGroupMapping, ZScimToken } from "@/lib/scim/contract";
import {
  ZCreateScimTokenBody,
  ZMapScimGroupBody,
  ZScimGroupParams,
  ZScimTokenParams,
} from "@/lib/scim/schemas";

// The SCIM token routes (lib/scim/server/scim-tokens.ts) in the OpenAPI document. The SCIM
// protocol itself (/scim/v2) describes itself through its own discovery endpoints.

export function registerScimPaths(registry: OpenAPIRegistry): void {
  const route = signedInRoutes(registry, "Administration");
  const fromThePage =
    "ADMIN, from a browser session only: an API token is refused with 403 (a leaked token must not mint provisioning credentials).";
  route({
    method: "get",
    path: "/api/v1/admin/scim-tokens",
    summary: "The identity provider's SCIM tokens (ADMIN)",
    responses: answers(
      200,
      json(
        z.object({
          items: z.array(ZScimToken),
          nextCursor: z.null().openapi({ description: "Always null: every token, newest first." }),
        }),
        "Every SCIM token.",
      ),
      403,
    ),
  });
  route({
    method: "post",
    path: "/api/v1/admin/scim-tokens",
    summary: "Create a SCIM token (ADMIN)",
    description: `The token is in the answer once and stored only as a hash. It belongs to no person and works only on /scim/v2. ${fromThePage}`,
    request: { body: jsonBody(ZCreateScimTokenBody) },
    responses: answers(201, json(ZCreatedScimToken, "The new token, shown once."), 400, 403, 422),
  });
  route({
    method: "post",
    path: "/api/v1/admin/scim-tokens/{id}/revoke",
    summary: "Revoke a SCIM token (ADMIN)",
    description: `Provisioning with it gets SCIM's 401 from the next request on. Revoking twice is harmless. ${fromThePage}`,
    request: { params: ZScimTokenParams },
    responses: answers(200, json(ZScimToken, "The revoked token."), 400, 403, 404),
  });
  route({
    method: "post",
    path: "/api/v1/admin/scim-tokens/{id}/rotate",
    summary: "Rotate a SCIM token (ADMIN)",
    description: `A new token under the same name; the old one is revoked in the same change. ${fromThePage}`,
    request: { params: ZScimTokenParams },
    responses: answers(201, json(ZCreatedScimToken, "The new token, shown once."), 400, 403, 404),
  });
  route({
    method: "get",
    path: "/api/v1/admin/scim-groups",
    summary: "Groups provisioned over SCIM and the role each gives (ADMIN)",
    responses: answers(
      200,
      json(
        z.object({
          items: z.array(ZScimGroupMapping),
          nextCursor: z.null().openapi({ description: "Always null: every live group, by name." }),
        }),
        "Every group.",
      ),
      403,
    ),
  });
  route({
    method: "patch",
    path: "/api/v1/admin/scim-groups/{id}",
    summary: "Map a SCIM group to a role (ADMIN)",
    description:
      "Its members hold the role with source SCIM, which sign-in does not overwrite; once any group is mapped, sign-in stops reading roles from the token. Refused with 422 when it would leave no active ADMIN.",
    request: { params: ZScimGroupParams, body: jsonBody(ZMapScimGroupBody) },
    responses: answers(200, json(ZScimGroupMapping, "The group."), 400, 403, 404, 422),
  });
}
