import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, type Page, withQuery } from "@/lib/api-client";
import type { AutomationStatus, PrerequisiteStatus, PrerequisiteType } from "@/lib/domain/types";

// The prerequisites drill-down (GET /api/v1/prerequisites) and its CSV export link.

export interface PrerequisiteFilters {
  type?: PrerequisiteType;
  status?: PrerequisiteStatus;
  outstanding?: boolean;
  departmentId?: string;
  automationId?: string;
  connectorId?: string;
  service?: string;
  system?: string;
}

export interface PrerequisiteListItem {
  id: string;
  type: PrerequisiteType;
  status: PrerequisiteStatus;
  reason: string;
  satisfiedBy: string | null;
  connectorId: string | null;
  updatedAt: string;
  automation: { id: string; name: string; status: AutomationStatus };
  department: { id: string; name: string };
  system: { id: string; name: string; service: string | null } | null;
}

export const prerequisiteKeys = {
  all: ["prerequisites"] as const,
  lists: () => [...prerequisiteKeys.all, "list"] as const,
  list: (filters: PrerequisiteFilters & { cursor?: string; limit?: number }) =>
    [...prerequisiteKeys.lists(), filters] as const,
};

const BASE = "/api/v1/prerequisites";

export function usePrerequisites(filters: PrerequisiteFilters & { cursor?: string; limit?: number }) {
  return useQuery({
    queryKey: prerequisiteKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Page<PrerequisiteListItem>>(BASE, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of every prerequisite matching the filters (not just the page on screen). */
export function prerequisiteExportHref(filters: PrerequisiteFilters): string {
  return withQuery(`${BASE}/export`, { ...filters });
}
