"use client";

import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { QueryFallback, WriteError } from "@/components/ui/query-state";
import { ROLE_LABELS } from "@/lib/admin/labels";
import { useDepartments } from "@/lib/directory/hooks";
import { Role } from "@/lib/generated/prisma/enums";
import { useMapScimGroup, useScimGroups } from "@/lib/scim/hooks";

// Groups the identity provider pushed over SCIM, and the role each gives its members. Once one
// group is mapped, roles from the sign-in token are no longer read.

export function ScimGroupsSection() {
  const groups = useScimGroups();
  const map = useMapScimGroup();
  const departments = useDepartments();

  if (!groups.isSuccess)
    return (
      <QueryFallback query={groups} loading="Loading the groups…" error="The groups could not be loaded" />
    );
  return (
    <section aria-labelledby="scim-groups-heading" className="space-y-3">
      <h3 id="scim-groups-heading" className="font-semibold">
        Groups and roles
      </h3>
      <p className="max-w-3xl text-sm text-slate-600">
        Members of a group mapped to a role hold that role, as the directory says. Once any group is mapped,
        roles are no longer taken from the sign-in token; roles given here stay. Members of a group mapped to
        a department manage it: their dashboards follow their groups at once when they move.
      </p>
      <WriteError error={map.error} />
      {groups.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">No group provisioned yet.</p>
      ) : (
        <DataTable
          caption="Provisioned groups and their roles"
          rows={groups.data.items}
          rowKey={(group) => group.id}
          columns={[
            {
              key: "group",
              header: "Group",
              cellClassName: "font-medium",
              cell: (group) => group.displayName,
            },
            { key: "members", header: "Members", cell: (group) => group.memberCount },
            {
              key: "role",
              header: "Role",
              cell: (group) => (
                <Select
                  aria-label={`Role of ${group.displayName}`}
                  value={group.role ?? ""}
                  disabled={map.isPending}
                  onChange={(event) =>
                    map.mutate({
                      id: group.id,
                      body: { role: event.target.value === "" ? null : (event.target.value as Role) },
                    })
                  }
                >
                  <option value="">No role</option>
                  {Object.values(Role).map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role].label}
                    </option>
                  ))}
                </Select>
              ),
            },
            {
              key: "manages",
              header: "Manages",
              cell: (group) => (
                <Select
                  aria-label={`Department ${group.displayName} manages`}
                  value={group.managesDepartment?.id ?? ""}
                  disabled={map.isPending || !departments.data}
                  onChange={(event) =>
                    map.mutate({
                      id: group.id,
                      body: { role: group.role, managesDepartmentId: event.target.value || null },
                    })
                  }
                >
                  <option value="">No department</option>
                  {(departments.data?.items ?? []).map((department) => (
                    <option key={department.id} value={department.id}>
                      {department.name}
                    </option>
                  ))}
                </Select>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
