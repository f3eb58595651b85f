"use client";

import { ButtonLink } from "@/components/ui/button";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import {
  ExportBar,
  FilterForm,
  ListDepartmentFilter,
  optionsOf,
  SearchFilter,
  SelectFilter,
} from "@/components/ui/filters";
import { ListFrame } from "@/components/ui/list-frame";
import { oneOf, useUrlFilters, useUrlSearch } from "@/components/ui/use-url-filters";
import { withQuery } from "@/lib/api-client";
import { AutomationLink } from "@/lib/automations/components/automation-link";
import { ReassignableTable } from "@/lib/automations/components/bulk-reassign";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import type { AutomationSummary } from "@/lib/automations/contract";
import { useAutomations } from "@/lib/automations/hooks";
import { AUTOMATION_STATUS_BADGES, formatDate, KIND_LABELS, RUN_MODE_LABELS } from "@/lib/automations/labels";
import type { AutomationFilters } from "@/lib/automations/schemas";
import {
  AUTOMATION_KINDS,
  AUTOMATION_STATUSES,
  type AutomationKind,
  type AutomationStatus,
} from "@/lib/domain/types";
import { FINDING_KINDS, FINDING_RULES } from "@/lib/inventory/findings";

const PAGE_SIZE = 25;

const FINDING_FILTERS = ["ANY", ...FINDING_KINDS] as const;
type FindingFilter = (typeof FINDING_FILTERS)[number];

const COLUMNS: ReadonlyArray<Column<AutomationSummary>> = [
  {
    key: "name",
    header: "Name",
    rowHeader: true,
    cell: (automation) => <AutomationLink id={automation.id}>{automation.name}</AutomationLink>,
  },
  {
    key: "status",
    header: "Status",
    cell: (automation) => <AutomationStatusBadge status={automation.status} />,
  },
  {
    key: "kind",
    header: "Kind",
    className: "hidden sm:table-cell",
    cellClassName: "text-slate-700",
    cell: (automation) => KIND_LABELS[automation.kind],
  },
  {
    key: "runMode",
    header: "Run mode",
    className: "hidden md:table-cell",
    cellClassName: "text-slate-700",
    cell: (automation) => RUN_MODE_LABELS[automation.runMode],
  },
  {
    key: "department",
    header: "Department",
    className: "hidden lg:table-cell",
    cellClassName: "text-slate-700",
    cell: (automation) => automation.department?.name ?? "—",
  },
  {
    key: "outstanding",
    header: "Not in place",
    cellClassName: "tabular-nums text-slate-700",
    cell: (automation) => (automation.status === "RETIRED" ? "—" : (automation.outstandingCount ?? "—")),
  },
  {
    key: "findings",
    header: "Findings",
    className: "hidden lg:table-cell",
    cellClassName: "tabular-nums text-slate-700",
    cell: (automation) => (
      <>
        {automation.findingCount > 0 ? automation.findingCount : "—"}
        {automation.ownerMissing ? <span className="block text-amber-800">No active owner</span> : null}
      </>
    ),
  },
  {
    key: "createdAt",
    header: "Registered",
    className: "hidden md:table-cell",
    cellClassName: "whitespace-nowrap text-slate-700",
    cell: (automation) => formatDate(automation.createdAt),
  },
];

/** The filters that choose one of a list of values. */
const CHOICE_FILTERS = [
  {
    param: "status",
    label: "Status",
    any: "All statuses",
    options: optionsOf(AUTOMATION_STATUSES, (value) => AUTOMATION_STATUS_BADGES[value].label),
  },
  {
    param: "kind",
    label: "Kind",
    any: "All kinds",
    options: optionsOf(AUTOMATION_KINDS, (value) => KIND_LABELS[value]),
  },
] as const;

interface AutomationListProps {
  /** "My automations" for makers; "Automations" for managers and IT. */
  title?: string;
  /** The departments a manager or IT may filter by; none for makers (no department filter). */
  departments?: ReadonlyArray<{ id: string; name: string }>;
  /** A manager of these departments or an ADMIN: automations without an active owner can be given away in bulk. */
  canReassign?: boolean;
}

/** The automation list: filters, debounced search and cursor pages, all in the URL. */
export function AutomationList({
  title = "My automations",
  departments = [],
  canReassign = false,
}: AutomationListProps) {
  const { params, change, clear, cursor, pages } = useUrlFilters();
  const search = useUrlSearch({ params, change });
  const status = oneOf<AutomationStatus>(AUTOMATION_STATUSES, params.get("status"));
  const kind = oneOf<AutomationKind>(AUTOMATION_KINDS, params.get("kind"));
  const departmentId = params.get("departmentId") || undefined;
  const q = search.q || undefined;
  const finding = oneOf<FindingFilter>(FINDING_FILTERS, params.get("finding"));
  const ownerMissing = params.get("ownerMissing") === "true" ? ("true" as const) : undefined;

  const filters: AutomationFilters = {
    status,
    kind,
    departmentId,
    q,
    finding,
    ownerMissing,
    cursor,
    limit: PAGE_SIZE,
  };
  const automations = useAutomations(filters);

  return (
    <div className="space-y-4">
      <FilterForm
        label="Filter automations"
        columns={`sm:grid-cols-3 ${departments.length > 0 ? "lg:grid-cols-4" : ""}`}
        onSubmit={search.submit}
      >
        <SearchFilter hint="Name or description" search={search} />
        {CHOICE_FILTERS.map(({ param, ...filter }) => (
          <SelectFilter
            key={param}
            {...filter}
            value={{ status, kind }[param] ?? ""}
            onChange={(value) => change({ [param]: value || null })}
          />
        ))}
        <ListDepartmentFilter departments={departments} value={departmentId} change={change} />
        <SelectFilter
          label="Findings"
          value={ownerMissing ? "OWNER_MISSING" : (finding ?? "")}
          onChange={(value) =>
            change(
              value === "OWNER_MISSING"
                ? { ownerMissing: "true", finding: null }
                : { finding: value || null, ownerMissing: null },
            )
          }
          any="With or without"
          options={[
            { value: "ANY", label: "Any finding from the tenant" },
            { value: "OWNER_MISSING", label: "Without an active owner" },
            ...FINDING_KINDS.map((kind) => ({ value: kind, label: FINDING_RULES[kind].label })),
          ]}
        />
      </FilterForm>

      <ExportBar
        href={withQuery("/api/v1/automations/export", {
          status,
          kind,
          departmentId,
          q,
          finding,
          ownerMissing,
        })}
        what="automation"
      />

      <ListFrame
        query={automations}
        labels={{
          one: "automation",
          many: "automations",
          loading: "Loading automations…",
          error: "The automations could not be loaded",
          pages: "Automation pages",
        }}
        pages={pages}
        filtered={Boolean(status || kind || departmentId || q || finding || ownerMissing)}
        onClear={() => {
          search.setSearch("");
          clear(["q", "status", "kind", "departmentId", "finding", "ownerMissing"]);
        }}
        empty={
          departments.length > 0 ? (
            <EmptyState title="No automations registered yet">
              When makers register automations in these departments, they show here.
            </EmptyState>
          ) : (
            <EmptyState
              title="No automations yet — register your first"
              action={
                <ButtonLink href="/automations/new" variant="primary">
                  Register your first automation
                </ButtonLink>
              }
            >
              Tell Preflight what it does and which systems it signs in to; it works out what has to be in
              place before it can run.
            </EmptyState>
          )
        }
      >
        {(items) =>
          canReassign && ownerMissing ? (
            <ReassignableTable caption={title} columns={COLUMNS} rows={items} />
          ) : (
            <DataTable caption={title} columns={COLUMNS} rows={items} rowKey={(row) => row.id} />
          )
        }
      </ListFrame>
    </div>
  );
}
