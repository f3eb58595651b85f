import { EmptyState } from "@/components/ui/empty-state";
import {
  AddManagerForm,
  RemoveManagerButton,
  RenameDepartmentForm,
} from "@/lib/admin/components/department-forms";
import type { DepartmentDetail } from "@/lib/admin/contract";

/** Every department, each with its members' count, a rename form and its managers. */
export function DepartmentList({ departments }: { departments: DepartmentDetail[] }) {
  if (departments.length === 0) {
    return <EmptyState title="No departments yet">Create the first one above.</EmptyState>;
  }
  return (
    <ul className="space-y-4">
      {departments.map((department) => (
        <li key={department.id}>
          <DepartmentCard department={department} />
        </li>
      ))}
    </ul>
  );
}

function DepartmentCard({ department }: { department: DepartmentDetail }) {
  return (
    <article
      aria-labelledby={`department-${department.id}`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`department-${department.id}`} className="text-base font-semibold">
          {department.name}
        </h3>
        <p className="text-sm text-slate-600">
          {department.memberCount} {department.memberCount === 1 ? "member" : "members"}
        </p>
      </div>
      <RenameDepartmentForm department={department} />
      <DepartmentManagers department={department} />
    </article>
  );
}

/** The department's managers, each removable, and the form that adds one. */
function DepartmentManagers({ department }: { department: DepartmentDetail }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">Managers</h4>
      {department.managers.length === 0 ? (
        <p className="text-sm text-slate-600">No managers yet.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {department.managers.map((manager) => (
            <li key={manager.id} className="flex flex-wrap items-center gap-2">
              <span>
                {manager.name} <span className="text-slate-600">({manager.email})</span>
              </span>
              <RemoveManagerButton department={department} manager={manager} />
            </li>
          ))}
        </ul>
      )}
      <AddManagerForm department={department} />
    </div>
  );
}
