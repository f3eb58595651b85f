import type { PrerequisiteFilters } from "@/lib/prerequisites/schemas";

// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const prerequisiteKeys = {
  all: ["prerequisites"] as const,
  lists: () => [...prerequisiteKeys.all, "list"] as const,
  list: (filters: PrerequisiteFilters & { cursor?: string; limit?: number }) =>
    [...prerequisiteKeys.lists(), filters] as const,
};
