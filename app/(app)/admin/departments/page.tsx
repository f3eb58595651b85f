import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import {
  AddManagerForm,
  CreateDepartmentForm,
  RemoveManagerButton,
  RenameDepartmentForm,
} from "@/lib/admin/components/department-forms";
import { listDepartmentDetails } from "@/lib/admin/server/departments";
import { requirePageCaller } from "@/lib/auth/server/session";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const caller = await requirePageCaller("admin:departments");
  const departments = await listDepartmentDetails({ caller });
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Departments</h1>
        <p className="mt-1 text-slate-600">
          Automations, requests and dashboards are grouped by department. A department&apos;s managers see its
          dashboards. Sign-in matches the identity provider&apos;s department claim to these names.
        </p>
      </div>

      <section
        aria-labelledby="create-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="create-heading" className="text-lg font-semibold">
          New department
        </h2>
        <CreateDepartmentForm />
      </section>

      <section aria-labelledby="list-heading" className="space-y-4">
        <h2 id="list-heading" className="text-lg font-semibold">
          All departments ({departments.length})
        </h2>
        {departments.length === 0 ? (
          <EmptyState title="No departments yet">Create the first one above.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {departments.map((department) => (
              <li key={department.id}>
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
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
