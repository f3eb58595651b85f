import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { DashboardDetails, DashboardSummary, LeaverDashboard } from "@/lib/dashboard/contract";
import { dashboardKeys } from "@/lib/dashboard/keys";

// The dashboard refreshes itself: every 15 s while the tab is visible, and whenever the tab
// regains focus — so a decision IT made a moment ago shows without a reload.

export const DASHBOARD_REFRESH_MS = 15_000;

const live = {
  refetchInterval: DASHBOARD_REFRESH_MS,
  refetchOnWindowFocus: "always",
  // A new department's figures replace the old ones only when they arrive.
  placeholderData: keepPreviousData,
} as const;

export function useDashboardSummary(departmentId: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.summary(departmentId),
    queryFn: ({ signal }) =>
      apiFetch<DashboardSummary>("/api/v1/dashboard/summary", { query: { departmentId }, signal }),
    ...live,
  });
}

export function useDashboardDetails(departmentId: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.details(departmentId),
    queryFn: ({ signal }) =>
      apiFetch<DashboardDetails>("/api/v1/dashboard/details", { query: { departmentId }, signal }),
    ...live,
  });
}

export function useLeaverDashboard(departmentId: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.leavers(departmentId),
    queryFn: ({ signal }) =>
      apiFetch<LeaverDashboard>("/api/v1/dashboard/leavers", { query: { departmentId }, signal }),
    ...live,
  });
}
