import { Role } from "@/lib/generated/prisma/enums";
import { z } from "@/lib/openapi/zod";
import { noSecret } from "@/lib/secrets/schemas";

// Input of the admin API (JSON) and of the admin pages' forms (strings from FormData).

const ZId = z.uuid("Not a valid id.");
/** The limits the admin forms show before typing (lib/text-limits.test.ts holds them to the schema). */
export const ADMIN_LIMITS = { departmentName: 100 } as const;

const ZDepartmentName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(ADMIN_LIMITS.departmentName, `At most ${ADMIN_LIMITS.departmentName} characters.`)
  .regex(/^[^\p{Cc}]+$/u, "No control characters.")
  .superRefine(noSecret)
  // The generator would print the regex's flag into the pattern; this is the pattern as written.
  .openapi({ pattern: "^[^\\p{Cc}]+$" });

export const ZPeopleQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z.enum(["ACTIVE", "INACTIVE", "ALL"]).default("ALL"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: ZId.optional(),
  })
  .strict();
export type TPeopleQuery = z.infer<typeof ZPeopleQuery>;

export const ZIdParams = z.object({ id: ZId }).strict();

export const ZUpdatePersonBody = z
  .object({
    /** Roles given in the app; roles from the identity provider are changed there. */
    appRoles: z.array(z.enum(Role)).max(Object.keys(Role).length).optional(),
    departmentId: ZId.nullable().optional(),
    managedDepartmentIds: z.array(ZId).max(1000).optional(),
    active: z.boolean().optional(),
    /** With active: false, who takes over the automations the leaver owned. */
    successorId: ZId.optional(),
  })
  .strict()
  .refine(
    (body) => Object.values(body).some((value) => value !== undefined),
    "Send at least one field to change.",
  )
  .refine((body) => body.successorId === undefined || body.active === false, {
    message: "successorId goes with active: false (the leave it takes over from).",
    path: ["successorId"],
  });
export type TUpdatePersonBody = z.infer<typeof ZUpdatePersonBody>;

export const ZCreateDepartmentBody = z.object({ name: ZDepartmentName }).strict();

export const ZUpdateDepartmentBody = z
  .object({
    name: ZDepartmentName.optional(),
    /** The complete list of managers (user ids). */
    managerIds: z.array(ZId).max(1000).optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.managerIds !== undefined, "Send name or managerIds.");
export type TUpdateDepartmentBody = z.infer<typeof ZUpdateDepartmentBody>;

// --- Forms: every field arrives as a string; an unticked checkbox list arrives not at all.

const ZOptionalId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(ZId.nullable());

export const ZPersonAccessForm = z
  .object({
    id: ZId,
    appRoles: z.array(z.enum(Role)).default([]),
    departmentId: ZOptionalId,
    managedDepartmentIds: z.array(ZId).default([]),
  })
  .strict();

export const ZPersonActiveForm = z
  .object({
    id: ZId,
    active: z.enum(["true", "false"]).transform((value) => value === "true"),
    successorId: ZOptionalId.optional(),
  })
  .strict();

export const ZRenameDepartmentForm = z.object({ id: ZId, name: ZDepartmentName }).strict();

export const ZAddManagerForm = z
  .object({
    departmentId: ZId,
    email: z.string().trim().toLowerCase().pipe(z.email("Enter the person's e-mail address.")),
  })
  .strict();

export const ZRemoveManagerForm = z.object({ departmentId: ZId, userId: ZId }).strict();
