import { withQuery } from "@/lib/api-client";
import type { AutomationStatus, PrerequisiteType } from "@/lib/domain/types";

// Where each number of the dashboard drills down to: the filtered list behind it, with the
// filters in the URL so the link can be shared and bookmarked. `departmentId` is the
// dashboard's own filter (absent: every department of the caller's scope, which is also
// what the lists show a manager or IT).

export function automationsHref(filters: { status?: AutomationStatus; departmentId?: string }): string {
  return withQuery("/automations", filters);
}

export function prerequisitesHref(filters: {
  type?: PrerequisiteType;
  departmentId?: string;
  service?: string;
  system?: string;
  connectorId?: string;
  outstanding?: boolean;
}): string {
  const { outstanding = true, ...rest } = filters;
  return withQuery("/prerequisites", { outstanding: outstanding ? "true" : undefined, ...rest });
}

/** The prerequisites satisfied on the maker's declaration only (not verified by IT). */
export function declaredOnlyHref(filters: { departmentId?: string }): string {
  return withQuery("/prerequisites", { basis: "DECLARED", ...filters });
}

/** Automations with an open inventory finding, or without an active owner. */
export function inventoryHref(filters: { departmentId?: string; ownerMissing?: boolean }): string {
  const { ownerMissing, ...rest } = filters;
  return withQuery(
    "/automations",
    ownerMissing ? { ownerMissing: "true", ...rest } : { finding: "ANY", ...rest },
  );
}

export function pendingRequestsHref(filters: {
  departmentId?: string;
  minAgeDays?: string;
  maxAgeDays?: string;
}): string {
  return withQuery("/requests", { status: "PENDING", ...filters });
}

/** Credentials and Windows sign-ins waiting for a rotation because the person who knew them left. */
export function awaitingRotationHref(filters: { departmentId?: string }): string {
  return withQuery("/prerequisites", { leaver: "true", ...filters });
}

/** Every item of the leaver dashboard as CSV. */
export function leaversExportHref(filters: { departmentId?: string }): string {
  return withQuery("/api/v1/dashboard/leavers/export", filters);
}
