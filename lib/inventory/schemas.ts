import { ZCursor, ZLimit } from "@/lib/http/cursor";
import { UPLOAD_SOURCES } from "@/lib/inventory/contract";
import { enumOf } from "@/lib/openapi/fields";
import { z } from "@/lib/openapi/zod";

// What /api/v1/imports accepts. The upload is multipart/form-data: its text fields are checked
// with ZUploadFields, its files (parts named `file`) by the importer.

export const ZUploadFields = z.object({
  source: enumOf(UPLOAD_SOURCES, "source"),
  defaultDepartmentId: z
    .string()
    .trim()
    .transform((value) => value || null)
    .nullish()
    .transform((value) => value ?? null)
    .openapi({
      description:
        "Where new flows go that have neither an owner with a department nor a mapped environment.",
    }),
});

export const ZUploadBody = ZUploadFields.extend({
  file: z
    .array(z.string().openapi({ format: "binary" }))
    .openapi({ description: "One or more files (at most 10, 200 MiB together)." }),
});

export const ZImportListQuery = z.object({ limit: ZLimit, cursor: ZCursor });

export const ZEnvironmentParams = z.object({
  id: z.string().trim().min(1).max(200).openapi({ description: "The environment's id as listed." }),
});

export const ZMapEnvironmentBody = z
  .object({
    departmentId: z
      .uuid({ error: "departmentId must be a department's id, or null to clear it." })
      .nullable(),
  })
  .strict();

export const ZSyncBody = z
  .object({
    dryRun: z
      .boolean({ error: "dryRun must be true or false." })
      .default(false)
      .openapi({ description: "true: read the tenant and leave the result as a preview to apply later." }),
  })
  .strict()
  .openapi("SyncBody");
