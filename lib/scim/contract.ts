import { Role } from "@/lib/generated/prisma/enums";
import { tokenIdentity, ZNamedRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of the SCIM token routes under /api/v1/admin/scim-tokens (the SCIM protocol's own
// answers under /scim/v2 are SCIM's, described by its discovery endpoints, not here).

export const ZScimToken = z
  .object({
    ...tokenIdentity,
    status: z.enum(["ACTIVE", "REVOKED"]),
    createdBy: z.string().nullable().openapi({ description: "The e-mail of the ADMIN who created it." }),
    createdAt: ZTimestamp,
    lastUsedAt: ZTimestamp.nullable(),
    revokedAt: ZTimestamp.nullable(),
  })
  .openapi("ScimToken");

export const ZCreatedScimToken = ZScimToken.extend({
  token: z.string().openapi({
    description: "The token for the identity provider's provisioning: returned once, stored nowhere.",
  }),
}).openapi("CreatedScimToken");

export const ZScimGroupMapping = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    externalId: z.string().nullable(),
    role: z
      .enum(Role)
      .nullable()
      .openapi({ description: "The role its members hold (source SCIM); null: none." }),
    managesDepartment: ZNamedRef.nullable().openapi({
      description: "The department its members manage (their dashboards' scope); null: none.",
    }),
    memberCount: z.number().int(),
  })
  .openapi("ScimGroupMapping");

export type ScimGroupMapping = z.infer<typeof ZScimGroupMapping>;
export type ScimTokenView = z.infer<typeof ZScimToken>;
export type CreatedScimToken = z.infer<typeof ZCreatedScimToken>;
