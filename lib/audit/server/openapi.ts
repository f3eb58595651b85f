import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZAuditEvent } from "@/lib/audit/contract";
import { ZAuditFilters, ZAuditListQuery } from "@/lib/audit/schemas";
import { errors, json, SIGNED_IN } from "@/lib/openapi/common";
import { z } from "@/lib/openapi/zod";

// How /api/v1/audit answers (lib/audit/server/list-audit-events.ts, export.ts), for the OpenAPI document.

export function registerAuditPaths(registry: OpenAPIRegistry): void {
  const tags = ["Audit"];
  registry.registerPath({
    method: "get",
    path: "/api/v1/audit",
    tags,
    summary: "The audit trail, newest first (IT_APPROVER, ADMIN)",
    security: SIGNED_IN,
    request: { query: ZAuditListQuery },
    responses: {
      200: json(
        z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() }).openapi("AuditPage"),
        "A page of audit events.",
      ),
      ...errors(400, 403),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/audit/export",
    tags,
    summary: "The audit trail as CSV (IT_APPROVER, ADMIN)",
    description:
      "Every event matching the filters, newest first, streamed as an attachment. Columns: id, createdAt, actorId, actorLabel, action, entityType, entityId, before, after (JSON). Only the header row when nothing matches.",
    security: SIGNED_IN,
    request: { query: ZAuditFilters },
    responses: {
      200: { description: "CSV, UTF-8.", content: { "text/csv": { schema: z.string() } } },
      ...errors(400, 403),
    },
  });
}
