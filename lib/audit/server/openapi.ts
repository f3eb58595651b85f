import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZAuditEvent } from "@/lib/audit/contract";
import { ZAuditFilters, ZAuditListQuery } from "@/lib/audit/schemas";
import { json, signedInRoutes, text } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/audit answers (lib/audit/server/list-audit-events.ts, export.ts), for the OpenAPI document.

export function registerAuditPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Audit", {
    "get /api/v1/audit": {
      summary: "The audit trail, newest first (IT_APPROVER, ADMIN)",
      query: ZAuditListQuery,
      200: json(
        z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() }).openapi("AuditPage"),
        "A page of audit events.",
      ),
      errors: [400, 403],
    },
    "get /api/v1/audit/export": {
      summary: "The audit trail as CSV (IT_APPROVER, ADMIN)",
      description:
        "Every event matching the filters, newest first, streamed as an attachment. Columns: id, createdAt, actorId, actorLabel, action, entityType, entityId, before, after (JSON). Only the header row when nothing matches.",
      query: ZAuditFilters,
      200: text("CSV, UTF-8."),
      errors: [400, 403],
    },
  });
}
