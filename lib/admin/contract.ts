import { Role, RoleSource } from "@/lib/generated/prisma/enums";
import { ZNamedRef, ZPersonRef } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of this feature's API routes: the OpenAPI document is generated from these
// schemas, the client reads their inferred types, and the tests hold every answer to them.

export const ZPerson = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    active: z
      .boolean()
      .openapi({ description: "false: deactivated; their sessions and API tokens no longer work." }),
    department: ZNamedRef.nullable(),
    roles: z.array(z.object({ role: z.enum(Role), source: z.enum(RoleSource) })).openapi({
      description: "APP roles are given here; CLAIM roles come from the identity provider and change there.",
    }),
    managedDepartments: z.array(ZNamedRef).openapi({ description: "By name." }),
    lastSignInAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Person");

export const ZDepartmentDetail = z
  .object({
    id: z.uuid(),
    name: z.string(),
    memberCount: z.number().int().min(0),
    managers: z.array(ZPersonRef).openapi({ description: "By name." }),
  })
  .openapi("DepartmentDetail");

export type Person = z.infer<typeof ZPerson>;
export type DepartmentDetail = z.infer<typeof ZDepartmentDetail>;
