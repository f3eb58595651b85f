import { withQuery } from "@/lib/api-client";
import type { AuditEvent } from "@/lib/audit/contract";
import { auditKeys } from "@/lib/audit/keys";
import type { AuditFilters } from "@/lib/audit/schemas";
import { useApiList } from "@/lib/use-api";

// The audit trail (GET /api/v1/audit) for IT and admins, and the CSV export link that
// carries the same filters.

const BASE = "/api/v1/audit";

export function useAuditEvents(filters: AuditFilters) {
  return useApiList<AuditEvent>(auditKeys.list(filters), BASE, filters);
}

/** The CSV download of every event matching the filters (no paging). */
export function auditExportHref(filters: AuditFilters): string {
  const { cursor: _cursor, limit: _limit, ...rest } = filters;
  return withQuery(`${BASE}/export`, { ...rest });
}
