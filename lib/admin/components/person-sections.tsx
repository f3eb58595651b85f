import { Panel } from "@/components/ui/panel";
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
    <Panel id="access" heading="Roles and departments">
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
    </Panel>
  );
}

/** Deactivate or reactivate the person; an ADMIN cannot deactivate themselves. */
export function PersonStatusSection({ person, isCaller }: { person: Person; isCaller: boolean }) {
  return (
    <Panel id="status" heading="Access to Preflight">
      {isCaller ? (
        <p className="text-sm text-slate-700">This is you. Another ADMIN can deactivate your account.</p>
      ) : (
        <PersonActiveForm person={{ id: person.id, name: person.name, active: person.active }} />
      )}
    </Panel>
  );
}
