import { ZNamedRef, ZPersonRef, ZTimestamp } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// The answers of /api/v1/imports: the OpenAPI document is generated from these schemas, the
// client reads their inferred types, and the tests hold every answer to them.

export const IMPORT_STATUSES = ["ANALYSING", "PREVIEW", "RUNNING", "DONE", "FAILED", "CANCELLED"] as const;
export const UPLOAD_SOURCES = ["PREFLIGHT_CSV", "COE", "POWERSHELL"] as const;

export const ZImportError = z
  .object({
    file: z.string(),
    row: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Spreadsheet row (the header is row 1) or JSON item; null: the whole file." }),
    column: z.string().nullable(),
    message: z.string(),
  })
  .openapi("ImportError");

const ZFlowRef = z.object({ environmentId: z.string(), flowId: z.string(), name: z.string() });

export const ZImport = z
  .object({
    id: z.uuid(),
    source: z.enum([...UPLOAD_SOURCES, "LIVE_SYNC"]),
    status: z.enum(IMPORT_STATUSES),
    counts: z.object({
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      missing: z.number().int().openapi({
        description:
          "Automations of the upload's environments that it no longer lists: marked not seen, never deleted.",
      }),
      errors: z.number().int(),
      withoutDepartment: z.number().int(),
    }),
    errors: z
      .array(ZImportError)
      .openapi({ description: "The first 200 errors; counts.errors has them all." }),
    withoutDepartment: z.array(ZFlowRef).openapi({
      description:
        "PREVIEW: up to 50 new flows with no department to go to; applying is refused while any remain.",
    }),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    failure: z.string().nullable(),
    files: z.array(z.string()),
    defaultDepartmentId: z.uuid().nullable(),
    createdBy: ZPersonRef,
    createdAt: ZTimestamp,
    finishedAt: ZTimestamp.nullable(),
  })
  .openapi("InventoryImport");

export type ImportView = z.infer<typeof ZImport>;
export type ImportStatus = ImportView["status"];

export const ZEnvironment = z
  .object({
    id: z
      .string()
      .openapi({ description: "The environment's name, without a Default- prefix, lower-cased." }),
    displayName: z.string().nullable(),
    department: ZNamedRef.nullable(),
  })
  .openapi("InventoryEnvironment");
export type EnvironmentView = z.infer<typeof ZEnvironment>;
