import "server-only";
import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { ZEnvironment, ZImport } from "@/lib/inventory/contract";
import {
  ZEnvironmentParams,
  ZImportListQuery,
  ZMapEnvironmentBody,
  ZSyncBody,
  ZUploadBody,
} from "@/lib/inventory/schemas";
import { MAX_UPLOAD_BYTES } from "@/lib/inventory/server/imports";
import { json, pageOf, type RouteSpec, signedInRoutes, text, ZIdParams } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/imports and /api/v1/inventory answer, for the OpenAPI document. docs/inventory/
// describes the formats and the mapping for the people who export them.

/** Uploads and sync runs are both imports, listed the same way. */
const importList = (summary: string, page: ResponseConfig): RouteSpec => ({
  summary,
  query: ZImportListQuery,
  200: page,
  errors: [400, 403],
});

export function registerInventoryPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Inventory", {
    "get /api/v1/imports": importList(
      "Inventory imports, newest first (ADMIN, IT_APPROVER)",
      json(pageOf(ZImport, "InventoryImportPage"), "A page of imports."),
    ),
    "post /api/v1/imports": {
      summary: "Upload an inventory and preview it (ADMIN, IT_APPROVER)",
      description: `multipart/form-data: one or more parts named \`file\` (at most 10, ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together), \`source\` and an optional \`defaultDepartmentId\`. Nothing but the import itself is written: 201 with the preview (new, changed, unchanged, missing, errors with file, row, column and message), or 202 with status ANALYSING when the upload is too large to preview at once — then read GET /api/v1/imports/{id}. A file that cannot be read at all is a 400 whose message names the file and what is wrong.`,
      body: { required: true, content: { "multipart/form-data": { schema: ZUploadBody } } },
      201: json(ZImport, "Previewed."),
      202: json(ZImport, "Kept; the preview is being made (status ANALYSING)."),
      errors: [400, 403, 413, 415, 422],
    },
    "get /api/v1/imports/{id}": {
      summary: "An import: its preview, status and progress (ADMIN, IT_APPROVER)",
      params: ZIdParams,
      200: json(ZImport, "The import."),
      errors: [403, 404],
    },
    "post /api/v1/imports/{id}/apply": {
      summary: "Apply a previewed import (ADMIN, IT_APPROVER)",
      description:
        "A job applies it in batches; follow `progress` on GET /api/v1/imports/{id}. Refused (422) while new flows would have no department (`withoutDepartment`); 409 when it is not a preview.",
      params: ZIdParams,
      202: json(ZImport, "Started (status RUNNING)."),
      errors: [403, 404, 409, 422],
    },
    "post /api/v1/imports/{id}/cancel": {
      summary: "Cancel a preview or a running import (ADMIN, IT_APPROVER)",
      description: "Batches already applied stay applied; 409 when it has finished.",
      params: ZIdParams,
      200: json(ZImport, "Cancelled."),
      errors: [403, 404, 409],
    },
    "post /api/v1/sync": {
      summary: "Sync from the Power Platform tenant now (ADMIN, IT_APPROVER)",
      description:
        "Signs in as the configured service principal and reads environments, flows, connections, custom connectors and desktop flows; then applies them like an upload (a dry run stops at the preview). Follow it on GET /api/v1/imports/{id}. 409 while another sync runs; 422 when the sync is not set up (INVENTORY_SYNC_* variables).",
      body: ZSyncBody,
      202: json(ZImport, "Started (status ANALYSING)."),
      errors: [400, 403, 409, 422],
    },
    "get /api/v1/sync/runs": importList(
      "Live sync runs, newest first (ADMIN, IT_APPROVER)",
      json(pageOf(ZImport, "SyncRunPage"), "A page of runs."),
    ),
    "get /api/v1/inventory/template": {
      summary: "Preflight's CSV template for inventory uploads, with two example rows",
      description:
        "Any signed-in person may download it; docs/inventory/preflight-template.md explains each column.",
      200: text("The template."),
    },
    "get /api/v1/inventory/environments": {
      summary: "The tenant's environments seen by imports, with their departments (ADMIN, IT_APPROVER)",
      200: json(
        z.object({ items: z.array(ZEnvironment), nextCursor: z.string().nullable() }),
        "Every environment.",
      ),
      errors: [403],
    },
    "put /api/v1/inventory/environments/{id}": {
      summary: "Map an environment to a department (ADMIN, IT_APPROVER)",
      description: "New flows whose owner has no department here go to it; null clears it.",
      params: ZEnvironmentParams,
      body: ZMapEnvironmentBody,
      200: json(ZEnvironment, "Mapped."),
      errors: [400, 403, 404, 422],
    },
  });
}
