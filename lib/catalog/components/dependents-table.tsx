import Link from "next/link";
import { type Column, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import type { Dependents } from "@/lib/catalog/contract";
import { plural } from "@/lib/catalog/labels";

const COLUMNS: ReadonlyArray<Column<Dependents["automations"][number]>> = [
  {
    key: "automation",
    header: "Automation",
    cell: (automation) => (
      <Link
        href={`/automations/${encodeURIComponent(automation.id)}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {automation.name}
      </Link>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (automation) => <AutomationStatusBadge status={automation.status} />,
  },
  {
    key: "department",
    header: "Department",
    cellClassName: "text-slate-700",
    cell: (automation) => automation.department?.name ?? "—",
  },
  {
    key: "owner",
    header: "Owner",
    cellClassName: "text-slate-700",
    cell: (automation) => automation.owner?.name ?? "—",
  },
];

/** The automations that rely on a connector or gateway (the first 200 by name, and the total). */
export function DependentsTable({ dependents, what }: { dependents: Dependents; what: string }) {
  if (dependents.total === 0) {
    return <EmptyState title="Nothing depends on it">No active automation relies on this {what}.</EmptyState>;
  }
  const shown = dependents.automations.length;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        {plural(dependents.total, "automation")} in {plural(dependents.departments, "department")} rely on
        this {what}
        {shown < dependents.total ? `; the first ${shown} by name are listed` : ""}.
      </p>
      <DataTable
        caption={`Automations that rely on this ${what}`}
        columns={COLUMNS}
        rows={dependents.automations}
        rowKey={(automation) => automation.id}
      />
    </div>
  );
}
