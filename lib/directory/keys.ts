// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const directoryKeys = {
  all: ["directory"] as const,
  me: () => [...directoryKeys.all, "me"] as const,
  departments: () => [...directoryKeys.all, "departments"] as const,
  people: (q: string) => [...directoryKeys.all, "people", q] as const,
};
