import type { AuditFilters } from "@/lib/audit/schemas";

// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};
