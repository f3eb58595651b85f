import { tokenIdentity, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZToken = z
  .object({
    ...tokenIdentity,
    status: z.enum(["ACTIVE", "EXPIRED", "REVOKED"]),
    createdAt: ZTimestamp,
    expiresAt: ZTimestamp.nullable(),
    lastUsedAt: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
  })
  .openapi("ApiToken");

export const ZCreatedToken = ZToken.extend({
  token: z.string().openapi({ description: "The token: returned once, at creation, and stored nowhere." }),
}).openapi("CreatedApiToken");

export type TokenView = z.infer<typeof ZToken>;
export type TokenStatus = TokenView["status"];
export type CreatedToken = z.infer<typeof ZCreatedToken>;
