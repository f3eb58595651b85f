import { withQuery } from "@/lib/api-client";
import type { PrerequisiteItem } from "@/lib/dashboard/contract";
import { prerequisiteKeys } from "@/lib/prerequisites/keys";
import type { PrerequisiteFilters } from "@/lib/prerequisites/schemas";
import { useApiList } from "@/lib/use-api";

// The prerequisites drill-down (GET /api/v1/prerequisites) and its CSV export link.

const BASE = "/api/v1/prerequisites";

export function usePrerequisites(filters: PrerequisiteFilters & { cursor?: string; limit?: number }) {
  return useApiList<PrerequisiteItem>(prerequisiteKeys.list(filters), BASE, filters);
}

/** The CSV of every prerequisite matching the filters (not just the page on screen). */
export function prerequisiteExportHref(filters: PrerequisiteFilters): string {
  return withQuery(`${BASE}/export`, { ...filters });
}
