import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonAccessForm, PersonActiveForm } from "@/lib/admin/components/person-forms";
import { ZIdParams } from "@/lib/admin/schemas";
import { getPerson } from "@/lib/admin/server/people";
import { requirePageCaller } from "@/lib/auth/server/session";
import { listDepartments } from "@/lib/departments/server/list-departments";
import { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller("admin:people");
  const parsed = ZIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const person = await getPerson({ caller, id: parsed.data.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const departments = await listDepartments({ caller });
  const rolesFrom = (source: "APP" | "CLAIM") =>
    person.roles.filter((entry) => entry.source === source).map((entry) => entry.role);

  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <p className="text-sm">
          <Link href="/admin/people" className="text-brand-700 underline underline-offset-2">
            People
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{person.name}</h1>
        <p className="text-slate-600">
          {person.email} ·{" "}
          {person.lastSignInAt
            ? `last signed in ${new Date(person.lastSignInAt).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}`
            : "has not signed in yet"}
          {person.active ? "" : " · deactivated"}
        </p>
      </div>

      <section
        aria-labelledby="access-heading"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="access-heading" className="text-lg font-semibold">
          Roles and departments
        </h2>
        <PersonAccessForm
          person={{
            id: person.id,
            name: person.name,
            departmentId: person.department?.id ?? null,
            appRoles: rolesFrom("APP"),
            claimRoles: rolesFrom("CLAIM"),
            managedDepartmentIds: person.managedDepartments.map((department) => department.id),
          }}
          departments={departments}
          roles={Object.values(Role)}
        />
      </section>

      <section
        aria-labelledby="status-heading"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="status-heading" className="text-lg font-semibold">
          Access to Preflight
        </h2>
        {person.id === caller.id ? (
          <p className="text-sm text-slate-700">This is you. Another ADMIN can deactivate your account.</p>
        ) : (
          <PersonActiveForm person={{ id: person.id, name: person.name, active: person.active }} />
        )}
      </section>
    </div>
  );
}
