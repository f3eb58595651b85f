import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, type Page, withQuery } from "@/lib/api-client";
import type { AuditEvent } from "@/lib/audit/contract";
import { auditKeys } from "@/lib/audit/keys";
import type { AuditFilters } from "@/lib/audit/schemas";

// The audit trail (GET /api/v1/audit) for IT and admins, and the CSV export link that
// carries the same filters.

const BASE = "/api/v1/audit";

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Page<AuditEvent>>(BASE, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download of every event matching the filters (no paging). */
export function auditExportHref(filters: AuditFilters): string {
  const { cursor: _cursor, limit: _limit, ...rest } = filters;
  return withQuery(`${BASE}/export`, { ...rest });
}
