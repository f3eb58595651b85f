import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { noSecret } from "@/lib/secrets/schemas";

// Input of the SCIM token routes (ADMIN). The SCIM protocol's bodies are read in
// lib/scim/server/user-resource.ts, by SCIM's rules (unknown attributes ignored).

export const SCIM_LIMITS = { tokenName: 100 } as const;

export const ZCreateScimTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the token after what uses it, e.g. Entra ID provisioning.")
      .max(SCIM_LIMITS.tokenName, `At most ${SCIM_LIMITS.tokenName} characters.`)
      .regex(/^[^\p{Cc}]+$/u, "No control characters.")
      .superRefine(noSecret),
  })
  .strict();
export type TCreateScimTokenBody = z.infer<typeof ZCreateScimTokenBody>;

export const ZScimTokenParams = z.object({ id: z.uuid("Not a SCIM token id.") }).strict();

export const ZScimGroupParams = z.object({ id: z.uuid("Not a group id.") }).strict();

/** The role a SCIM group's members hold; null removes the mapping. */
export const ZMapScimGroupBody = z
  .object({
    role: z.enum(Role, { error: `role must be one of ${Object.keys(Role).join(", ")}, or null.` }).nullable(),
    managesDepartmentId: z
      .uuid("managesDepartmentId must be a department id.")
      .nullable()
      .optional()
      .openapi({
        description:
          "Its members manage this department (their dashboards' scope) while they are members; null: none. Left out: unchanged.",
      }),
  })
  .strict();
export type TMapScimGroupBody = z.infer<typeof ZMapScimGroupBody>;
