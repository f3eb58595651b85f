import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { everyOf, json, signedInRoutes } from "@/lib/openapi/common";
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
  const fromThePage =
    "ADMIN, from a browser session only: an API token is refused with 403 (a leaked token must not mint provisioning credentials).";
  signedInRoutes(registry, "Administration", {
    "get /api/v1/admin/scim-tokens": {
      summary: "The identity provider's SCIM tokens (ADMIN)",
      200: json(everyOf(ZScimToken, "Always null: every token, newest first."), "Every SCIM token."),
      errors: [403],
    },
    "post /api/v1/admin/scim-tokens": {
      summary: "Create a SCIM token (ADMIN)",
      description: `The token is in the answer once and stored only as a hash. It belongs to no person and works only on /scim/v2. ${fromThePage}`,
      body: ZCreateScimTokenBody,
      201: json(ZCreatedScimToken, "The new token, shown once."),
      errors: [400, 403, 422],
    },
    "post /api/v1/admin/scim-tokens/{id}/revoke": {
      summary: "Revoke a SCIM token (ADMIN)",
      description: `Provisioning with it gets SCIM's 401 from the next request on. Revoking twice is harmless. ${fromThePage}`,
      params: ZScimTokenParams,
      200: json(ZScimToken, "The revoked token."),
      errors: [400, 403, 404],
    },
    "post /api/v1/admin/scim-tokens/{id}/rotate": {
      summary: "Rotate a SCIM token (ADMIN)",
      description: `A new token under the same name; the old one is revoked in the same change. ${fromThePage}`,
      params: ZScimTokenParams,
      201: json(ZCreatedScimToken, "The new token, shown once."),
      errors: [400, 403, 404],
    },
    "get /api/v1/admin/scim-groups": {
      summary: "Groups provisioned over SCIM and the role each gives (ADMIN)",
      200: json(everyOf(ZScimGroupMapping, "Always null: every live group, by name."), "Every group."),
      errors: [403],
    },
    "patch /api/v1/admin/scim-groups/{id}": {
      summary: "Map a SCIM group to a role (ADMIN)",
      description:
        "Its members hold the role with source SCIM, which sign-in does not overwrite; once any group is mapped, sign-in stops reading roles from the token. Refused with 422 when it would leave no active ADMIN.",
      params: ZScimGroupParams,
      body: ZMapScimGroupBody,
      200: json(ZScimGroupMapping, "The group."),
      errors: [400, 403, 404, 422],
    },
  });
}
