import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { AutomationStatusBadge } from "@/lib/automations/components/status-badges";
import { plural } from "../labels";
import type { Dependents } from "../query";

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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <caption className="sr-only">Automations that rely on this {what}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Automation
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Status
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Department
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Owner
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {dependents.automations.map((automation) => (
              <tr key={automation.id}>
                <td className="px-3 py-2">
                  <Link
                    href={`/automations/${encodeURIComponent(automation.id)}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {automation.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <AutomationStatusBadge status={automation.status} />
                </td>
                <td className="px-3 py-2 text-slate-700">{automation.department?.name ?? "—"}</td>
                <td className="px-3 py-2 text-slate-700">{automation.owner?.name ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
