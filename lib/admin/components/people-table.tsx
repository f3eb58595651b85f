import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { Person } from "@/lib/admin/contract";
import { ROLE_LABELS, rolesOnce } from "@/lib/admin/labels";

interface PeopleTableProps {
  people: Person[];
  /** The search the list answers, for the empty state. */
  search?: string;
}

/** People by name, each with department, roles, departments managed and status. */
export function PeopleTable({ people, search }: PeopleTableProps) {
  if (people.length === 0) {
    return (
      <EmptyState title={search ? `Nobody matches “${search}”` : "Nobody here yet"}>
        People appear after their first sign-in.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">People, by name</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {["Name", "Department", "Roles", "Manages", "Status"].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2 font-semibold">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {people.map((person) => (
            <PersonRow key={person.id} person={person} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PersonRow({ person }: { person: Person }) {
  return (
    <tr>
      <td className="px-3 py-2">
        <Link
          href={`/admin/people/${person.id}`}
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          {person.name}
        </Link>
        <div className="text-slate-600">{person.email}</div>
      </td>
      <td className="px-3 py-2">{person.department?.name ?? "—"}</td>
      <td className="px-3 py-2">
        <PersonRoles roles={person.roles} />
      </td>
      <td className="px-3 py-2">
        {person.managedDepartments.map((department) => department.name).join(", ") || "—"}
      </td>
      <td className="px-3 py-2">
        {person.active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>}
      </td>
    </tr>
  );
}

/** Each role once, with where it comes from; roles given here are marked apart. */
function PersonRoles({ roles }: { roles: Person["roles"] }) {
  if (roles.length === 0) return <span className="text-slate-600">No role</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {rolesOnce(roles).map((entry) => (
        <li key={entry.role}>
          <Badge tone={entry.givenHere ? "info" : "neutral"}>
            {ROLE_LABELS[entry.role].label}
            <span className="font-normal">
              {entry.fromIdentityProvider
                ? entry.givenHere
                  ? " · identity provider and Preflight"
                  : " · identity provider"
                : ""}
            </span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
