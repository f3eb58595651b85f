import type { Metadata } from "next";
import { CreateDepartmentForm } from "@/lib/admin/components/department-forms";
import { DepartmentList } from "@/lib/admin/components/department-list";
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
        <DepartmentList departments={departments} />
      </section>
    </div>
  );
}
