import { PersonAccessForm, PersonActiveForm } from "@/lib/admin/components/person-forms";
import type { Person } from "@/lib/admin/contract";
import { Role } from "@/lib/generated/prisma/enums";

/** The roles given here, the department, and the departments the person manages. */
export function PersonAccessSection({
  person,
  departments,
}: {
  person: Person;
  departments: { id: string; name: string }[];
}) {
  const rolesFrom = (source: "APP" | "CLAIM") =>
    person.roles.filter((entry) => entry.source === source).map((entry) => entry.role);
  return (
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
  );
}

/** Deactivate or reactivate the person; an ADMIN cannot deactivate themselves. */
export function PersonStatusSection({ person, isCaller }: { person: Person; isCaller: boolean }) {
  return (
    <section
      aria-labelledby="status-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="status-heading" className="text-lg font-semibold">
        Access to Preflight
      </h2>
      {isCaller ? (
        <p className="text-sm text-slate-700">This is you. Another ADMIN can deactivate your account.</p>
      ) : (
        <PersonActiveForm person={{ id: person.id, name: person.name, active: person.active }} />
      )}
    </section>
  );
}
