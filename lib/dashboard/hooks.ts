import { keepPreviousData, type QueryKey } from "@tanstack/react-query";
import type { DashboardDetails, DashboardSummary, LeaverDashboard } from "@/lib/dashboard/contract";
import { dashboardKeys } from "@/lib/dashboard/keys";
import { useApiGet } from "@/lib/use-api";

// The dashboard refreshes itself: every 15 s while the tab is visible, and whenever the tab
// regains focus — so a decision IT made a moment ago shows without a reload.

export const DASHBOARD_REFRESH_MS = 15_000;

function useLive<T>(queryKey: QueryKey, path: string, departmentId: string | undefined) {
  return useApiGet<T>(queryKey, path, {
    query: { departmentId },
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchOnWindowFocus: "always",
    // A new department's figures replace the old ones only when they arrive.
    placeholderData: keepPreviousData,
  });
}

export function useDashboardSummary(departmentId: string | undefined) {
  return useLive<DashboardSummary>(
    dashboardKeys.summary(departmentId),
    "/api/v1/dashboard/summary",
    departmentId,
  );
}

export function useDashboardDetails(departmentId: string | undefined) {
  return useLive<DashboardDetails>(
    dashboardKeys.details(departmentId),
    "/api/v1/dashboard/details",
    departmentId,
  );
}

export function useLeaverDashboard(departmentId: string | undefined) {
  return useLive<LeaverDashboard>(
    dashboardKeys.leavers(departmentId),
    "/api/v1/dashboard/leavers",
    departmentId,
  );
}
