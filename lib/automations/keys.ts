import type { AutomationFilters } from "@/lib/automations/schemas";

// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const automationKeys = {
  all: ["automations"] as const,
  lists: () => [...automationKeys.all, "list"] as const,
  list: (filters: AutomationFilters) => [...automationKeys.lists(), filters] as const,
  details: () => [...automationKeys.all, "detail"] as const,
  detail: (id: string) => [...automationKeys.details(), id] as const,
};
