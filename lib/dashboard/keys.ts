// TanStack Query keys of this feature: one factory, never inline keys. Types only, so any
// module (hooks of other features included) can import it without a cycle.

export const dashboardKeys = {
  all: ["dashboard"] as const,
  summary: (departmentId: string | undefined) =>
    [...dashboardKeys.all, "summary", departmentId ?? "all"] as const,
  details: (departmentId: string | undefined) =>
    [...dashboardKeys.all, "details", departmentId ?? "all"] as const,
  leavers: (departmentId: string | undefined) =>
    [...dashboardKeys.all, "leavers", departmentId ?? "all"] as const,
};
