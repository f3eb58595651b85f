import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZEnvironment, ZImport } from "@/lib/inventory/contract";
import {
  ZEnvironmentParams,
  ZImportListQuery,
  ZMapEnvironmentBody,
  ZSyncBody,
  ZUploadBody,
} from "@/lib/inventory/schemas";
import { MAX_UPLOAD_BYTES } from "@/lib/inventory/server/imports";
import { answers, errors, json, jsonBody, pageOf, signedInRoutes, ZIdParams } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/imports and /api/v1/inventory answer, for the OpenAPI document. docs/inventory/
// describes the formats and the mapping for the people who export them.

export function registerInventoryPaths(registry: OpenAPIRegistry): void {
  const route = signedInRoutes(registry, "Inventory");
  route({
    method: "get",
    path: "/api/v1/imports",
    summary: "Inventory imports, newest first (ADMIN, IT_APPROVER)",
    request: { query: ZImportListQuery },
    responses: answers(200, json(pageOf(ZImport, "InventoryImportPage"), "A page of imports."), 400, 403),
  });
  route({
    method: "post",
    path: "/api/v1/imports",
    summary: "Upload an inventory and preview it (ADMIN, IT_APPROVER)",
    description: `multipart/form-data: one or more parts named \`file\` (at most 10, ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together), \`source\` and an optional \`defaultDepartmentId\`. Nothing but the import itself is written: 201 with the preview (new, changed, unchanged, missing, errors with file, row, column and message), or 202 with status ANALYSING when the upload is too large to preview at once — then read GET /api/v1/imports/{id}. A file that cannot be read at all is a 400 whose message names the file and what is wrong.`,
    request: {
      body: { required: true, content: { "multipart/form-data": { schema: ZUploadBody } } },
    },
    responses: {
      ...answers(201, json(ZImport, "Previewed."), 400, 403, 413, 415, 422),
      202: json(ZImport, "Kept; the preview is being made (status ANALYSING)."),
    },
  });
  route({
    method: "get",
    path: "/api/v1/imports/{id}",
    summary: "An import: its preview, status and progress (ADMIN, IT_APPROVER)",
    request: { params: ZIdParams },
    responses: answers(200, json(ZImport, "The import."), 403, 404),
  });
  route({
    method: "post",
    path: "/api/v1/imports/{id}/apply",
    summary: "Apply a previewed import (ADMIN, IT_APPROVER)",
    description:
      "A job applies it in batches; follow `progress` on GET /api/v1/imports/{id}. Refused (422) while new flows would have no department (`withoutDepartment`); 409 when it is not a preview.",
    request: { params: ZIdParams },
    responses: {
      202: json(ZImport, "Started (status RUNNING)."),
      ...errors(403, 404, 409, 422),
    },
  });
  route({
    method: "post",
    path: "/api/v1/imports/{id}/cancel",
    summary: "Cancel a preview or a running import (ADMIN, IT_APPROVER)",
    description: "Batches already applied stay applied; 409 when it has finished.",
    request: { params: ZIdParams },
    responses: answers(200, json(ZImport, "Cancelled."), 403, 404, 409),
  });
  route({
    method: "post",
    path: "/api/v1/sync",
    summary: "Sync from the Power Platform tenant now (ADMIN, IT_APPROVER)",
    description:
      "Signs in as the configured service principal and reads environments, flows, connections, custom connectors and desktop flows; then applies them like an upload (a dry run stops at the preview). Follow it on GET /api/v1/imports/{id}. 409 while another sync runs; 422 when the sync is not set up (INVENTORY_SYNC_* variables).",
    request: { body: jsonBody(ZSyncBody) },
    responses: {
      202: json(ZImport, "Started (status ANALYSING)."),
      ...errors(400, 403, 409, 422),
    },
  });
  route({
    method: "get",
    path: "/api/v1/sync/runs",
    summary: "Live sync runs, newest first (ADMIN, IT_APPROVER)",
    request: { query: ZImportListQuery },
    responses: answers(200, json(pageOf(ZImport, "SyncRunPage"), "A page of runs."), 400, 403),
  });
  route({
    method: "get",
    path: "/api/v1/inventory/template",
    summary: "Preflight's CSV template for inventory uploads, with two example rows",
    description:
      "Any signed-in person may download it; docs/inventory/preflight-template.md explains each column.",
    responses: answers(200, {
      description: "The template.",
      content: { "text/csv": { schema: z.string() } },
    }),
  });
  route({
    method: "get",
    path: "/api/v1/inventory/environments",
    summary: "The tenant's environments seen by imports, with their departments (ADMIN, IT_APPROVER)",
    responses: answers(
      200,
      json(
        z.object({ items: z.array(ZEnvironment), nextCursor: z.string().nullable() }),
        "Every environment.",
      ),
      403,
    ),
  });
  route({
    method: "put",
    path: "/api/v1/inventory/environments/{id}",
    summary: "Map an environment to a department (ADMIN, IT_APPROVER)",
    description: "New flows whose owner has no department here go to it; null clears it.",
    request: { params: ZEnvironmentParams, body: jsonBody(ZMapEnvironmentBody) },
    responses: answers(200, json(ZEnvironment, "Mapped."), 400, 403, 404, 422),
  });
}
