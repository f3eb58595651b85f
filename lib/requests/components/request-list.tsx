"use client";

import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  ExportBar,
  FilterChip,
  FilterForm,
  ListDepartmentFilter,
  optionsOf,
  SelectFilter,
} from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters } from "@/components/ui/use-url-filters";
import { withQuery } from "@/lib/api-client";
import { REQUEST_STATUS_BADGES, REQUEST_TYPE_LABELS } from "@/lib/automations/labels";
import { useMe } from "@/lib/directory/hooks";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/types";
import { RequestTable } from "@/lib/requests/components/request-table";
import { useRequests } from "@/lib/requests/hooks";
import type { RequestType } from "@/lib/requests/schemas";

const PAGE_SIZE = 25;
const REQUEST_TYPES: readonly RequestType[] = ["SHARED_KEY_CONNECTOR", "GATEWAY"];

const wholeDays = (value: string | null): number | undefined =>
  value && /^\d{1,4}$/.test(value) ? Number(value) : undefined;

interface RequestListProps {
  /** "My requests" for makers; "Requests" for managers and IT. */
  title?: string;
  /** The departments a manager or IT may filter by; none for makers (no department filter). */
  departments?: ReadonlyArray<{ id: string; name: string }>;
}

/** The request list: filters and cursor pages in the URL; the caller's pending ones can be withdrawn. */
export function RequestList({ title = "My requests", departments = [] }: RequestListProps) {
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const me = useMe();
  const status = oneOf<RequestStatus>(REQUEST_STATUSES, params.get("status"));
  const type = oneOf<RequestType>(REQUEST_TYPES, params.get("type"));
  const departmentId = params.get("departmentId") || undefined;
  // The dashboard's aging buckets link here with how long the requests have waited.
  const minAgeDays = wholeDays(params.get("minAgeDays"));
  const maxAgeDays = wholeDays(params.get("maxAgeDays"));
  const filters = { status, type, departmentId, minAgeDays, maxAgeDays };
  const requests = useRequests({ ...filters, cursor, limit: PAGE_SIZE });
  const aged = minAgeDays !== undefined || maxAgeDays !== undefined;

  return (
    <div className="space-y-4">
      <FilterForm
        label="Filter requests"
        columns={`sm:grid-cols-2 ${departments.length > 0 ? "lg:grid-cols-3" : ""}`}
      >
        <SelectFilter
          label="Status"
          value={status ?? ""}
          onChange={(value) => change({ status: value || null })}
          any="All statuses"
          options={optionsOf(REQUEST_STATUSES, (value) => REQUEST_STATUS_BADGES[value].label)}
        />
        <SelectFilter
          label="Type"
          value={type ?? ""}
          onChange={(value) => change({ type: value || null })}
          any="All types"
          options={optionsOf(REQUEST_TYPES, (value) => REQUEST_TYPE_LABELS[value])}
        />
        <ListDepartmentFilter departments={departments} value={departmentId} change={change} />
      </FilterForm>

      <ExportBar href={withQuery("/api/v1/requests/export", filters)} what="request">
        {aged ? (
          <FilterChip
            as="p"
            removeLabel="Remove the waiting-time filter"
            onRemove={() => clear(["minAgeDays", "maxAgeDays"])}
          >
            Waiting{" "}
            <span className="font-medium">
              {maxAgeDays === undefined
                ? `${minAgeDays} days or more`
                : `${minAgeDays ?? 0}–${maxAgeDays} days`}
            </span>
          </FilterChip>
        ) : undefined}
      </ExportBar>

      <ListFrame
        query={requests}
        labels={{
          one: "request",
          many: "requests",
          loading: "Loading your requests…",
          announceLoading: "Loading requests…",
          error: "Your requests could not be loaded",
          pages: "Request pages",
        }}
        pages={pages}
        filtered={Object.values(filters).some((value) => value !== undefined)}
        onClear={() => clear(["status", "type", "departmentId", "minAgeDays", "maxAgeDays"])}
        empty={
          departments.length > 0 ? (
            <EmptyState title="No requests yet">
              When makers in these departments ask IT for a connector or a gateway, their requests show here.
            </EmptyState>
          ) : (
            <EmptyState
              title="No requests yet"
              action={
                <ButtonLink href="/automations" variant="secondary">
                  Go to my automations
                </ButtonLink>
              }
            >
              When a prerequisite needs IT — a shared-key connector or access to a gateway — request it from
              the automation's page. Your requests and IT's decisions show here.
            </EmptyState>
          )
        }
      >
        {(items) => (
          <RequestTable requests={items} caption={title} showAutomation viewerId={me.data?.id ?? null} />
        )}
      </ListFrame>
    </div>
  );
}
