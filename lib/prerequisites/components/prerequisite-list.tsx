"use client";

import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
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
import { PrerequisiteStatusBadge } from "@/lib/automations/components/status-badges";
import {
  BASIS_LABELS,
  basisText,
  PREREQUISITE_STATUS_BADGES,
  PREREQUISITE_TYPE_LABELS,
} from "@/lib/automations/labels";
import type { PrerequisiteItem } from "@/lib/dashboard/contract";
import {
  ASSURANCE_BASES,
  type AssuranceBasis,
  PREREQUISITE_STATUSES,
  PREREQUISITE_TYPES,
  type PrerequisiteStatus,
  type PrerequisiteType,
} from "@/lib/domain/types";
import { prerequisiteExportHref, usePrerequisites } from "@/lib/prerequisites/hooks";
import type { PrerequisiteFilters } from "@/lib/prerequisites/schemas";

const PAGE_SIZE = 25;
const OUTSTANDING = "outstanding";
const STATUS_OPTIONS = [
  { value: OUTSTANDING, label: "Not in place (anything but satisfied)" },
  ...optionsOf(PREREQUISITE_STATUSES, (value) => PREREQUISITE_STATUS_BADGES[value].label),
];

/** Filters that arrive only through drill-down links; shown so they can be seen and removed. */
const EXTRA_FILTERS = [
  { key: "service", label: "Service" },
  { key: "system", label: "System" },
  { key: "connectorId", label: "Satisfied by connector" },
  { key: "automationId", label: "Automation" },
] as const;

const COLUMNS: ReadonlyArray<Column<PrerequisiteItem>> = [
  {
    key: "automation",
    header: "Automation",
    rowHeader: true,
    cell: (prerequisite) => (
      <Link
        href={`/automations/${encodeURIComponent(prerequisite.automation.id)}`}
        className="text-brand-700 underline-offset-2 hover:underline"
      >
        {prerequisite.automation.name}
      </Link>
    ),
  },
  {
    key: "department",
    header: "Department",
    className: "hidden md:table-cell",
    cellClassName: "text-slate-700",
    cell: (prerequisite) => prerequisite.department.name,
  },
  {
    key: "prerequisite",
    header: "Prerequisite",
    cellClassName: "text-slate-800",
    cell: (prerequisite) => (
      <>
        {PREREQUISITE_TYPE_LABELS[prerequisite.type]}
        {prerequisite.system ? (
          <span className="block text-xs text-slate-600">
            {prerequisite.system.name}
            {prerequisite.system.service ? ` (${prerequisite.system.service})` : ""}
          </span>
        ) : null}
      </>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (prerequisite) => (
      <>
        <PrerequisiteStatusBadge status={prerequisite.status} lapse={prerequisite.lapse} />
        {prerequisite.basis ? (
          <span className="mt-1 block text-xs text-slate-600">{basisText(prerequisite)}</span>
        ) : null}
      </>
    ),
  },
  {
    key: "reason",
    header: "Why, and what to do",
    className: "hidden lg:table-cell",
    cellClassName: "max-w-md text-slate-700",
    cell: (prerequisite) => prerequisite.reason,
  },
];

/** The prerequisites drill-down: filters and cursor pages in the URL, and a CSV of every match. */
export function PrerequisiteList({
  departments,
}: {
  departments: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const type = oneOf<PrerequisiteType>(PREREQUISITE_TYPES, params.get("type"));
  const status = oneOf<PrerequisiteStatus>(PREREQUISITE_STATUSES, params.get("status"));
  const outstanding = params.get("outstanding") === "true" ? true : undefined;
  const departmentId = params.get("departmentId") || undefined;
  const basis = oneOf<AssuranceBasis>(ASSURANCE_BASES, params.get("basis"));
  const leaver = params.get("leaver") === "true" ? true : undefined;
  const extra = Object.fromEntries(
    EXTRA_FILTERS.map(({ key }) => [key, params.get(key) || undefined]),
  ) as Pick<PrerequisiteFilters, (typeof EXTRA_FILTERS)[number]["key"]>;

  const filters: PrerequisiteFilters = { type, status, outstanding, basis, leaver, departmentId, ...extra };
  const prerequisites = usePrerequisites({ ...filters, cursor, limit: PAGE_SIZE });
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const shownExtras = EXTRA_FILTERS.filter(({ key }) => extra[key]);

  return (
    <div className="space-y-4">
      <FilterForm label="Filter prerequisites" columns="sm:grid-cols-2 lg:grid-cols-4">
        <SelectFilter
          label="Type"
          value={type ?? ""}
          onChange={(value) => change({ type: value || null })}
          any="All types"
          options={optionsOf(PREREQUISITE_TYPES, (value) => PREREQUISITE_TYPE_LABELS[value])}
        />
        <SelectFilter
          label="Status"
          value={status ?? (outstanding ? OUTSTANDING : "")}
          onChange={(value) =>
            change({
              outstanding: value === OUTSTANDING ? "true" : null,
              status: value === OUTSTANDING ? null : value || null,
            })
          }
          any="All statuses"
          options={STATUS_OPTIONS}
        />
        <SelectFilter
          label="How it is known"
          value={basis ?? ""}
          onChange={(value) => change({ basis: value || null })}
          any="Any way, or not satisfied"
          options={optionsOf(ASSURANCE_BASES, (value) => BASIS_LABELS[value].label)}
        />
        <ListDepartmentFilter departments={departments} value={departmentId} change={change} />
      </FilterForm>

      <ExportBar href={prerequisiteExportHref(filters)} what="prerequisite">
        {shownExtras.length > 0 || leaver ? (
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Other filters">
            {leaver ? (
              <FilterChip removeLabel="Remove the leaver filter" onRemove={() => change({ leaver: null })}>
                <span className="font-medium">Waiting for a rotation after a leaver</span>
              </FilterChip>
            ) : null}
            {shownExtras.map(({ key, label }) => (
              <FilterChip
                key={key}
                removeLabel={`Remove the ${label.toLowerCase()} filter`}
                onRemove={() => change({ [key]: null })}
              >
                {label}: <span className="font-medium">{extra[key]}</span>
              </FilterChip>
            ))}
          </ul>
        ) : undefined}
      </ExportBar>

      <ListFrame
        query={prerequisites}
        labels={{
          one: "prerequisite",
          many: "prerequisites",
          loading: "Loading prerequisites…",
          error: "The prerequisites could not be loaded",
          pages: "Prerequisite pages",
        }}
        pages={pages}
        filtered={filtered}
        onClear={() =>
          clear([
            "type",
            "status",
            "outstanding",
            "basis",
            "leaver",
            "departmentId",
            ...EXTRA_FILTERS.map(({ key }) => key),
          ])
        }
        noMatches={filtered ? "Everything these filters cover is in place, or nothing is registered." : null}
        empty={<EmptyState title="No prerequisites yet" />}
      >
        {(items) => (
          <DataTable
            caption="Prerequisites"
            columns={COLUMNS}
            rows={items}
            rowKey={(prerequisite) => prerequisite.id}
            rowProps={(prerequisite) => ({ "data-prerequisite-id": prerequisite.id })}
          />
        )}
      </ListFrame>
    </div>
  );
}
