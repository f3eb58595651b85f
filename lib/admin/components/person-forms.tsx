"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, FieldError, SelectField } from "@/components/ui/field";
import { ActionFeedback, fieldError } from "@/lib/admin/components/action-feedback";
import { ROLE_LABELS } from "@/lib/admin/labels";
import { savePersonAccess, setPersonActive } from "@/lib/admin/server/actions";
import { ChosenPeople, type ChosenPerson, PersonPicker } from "@/lib/directory/components/person-picker";
import type { Role } from "@/lib/generated/prisma/enums";
import { IDLE } from "@/lib/http/action-state";

interface PersonAccessFormProps {
  person: {
    id: string;
    name: string;
    departmentId: string | null;
    appRoles: Role[];
    claimRoles: Role[];
    managedDepartmentIds: string[];
  };
  departments: { id: string; name: string }[];
  roles: readonly Role[];
}

export function PersonAccessForm({ person, departments, roles }: PersonAccessFormProps) {
  const [state, action, pending] = useActionState(savePersonAccess, IDLE);
  // Controlled, so that a refused save keeps what the admin ticked.
  const [appRoles, setAppRoles] = useState<Role[]>(person.appRoles);
  const [departmentId, setDepartmentId] = useState(person.departmentId ?? "");
  const [managed, setManaged] = useState<string[]>(person.managedDepartmentIds);
  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((item) => item !== value);

  return (
    <form action={action} className="space-y-6">
      <input type="hidden" name="id" value={person.id} />
      <fieldset className="space-y-3" aria-describedby="app-roles-hint">
        <legend className="text-base font-semibold">Roles given in Preflight</legend>
        <p id="app-roles-hint" className="text-sm text-slate-600">
          These add to the roles from the identity provider
          {person.claimRoles.length > 0 ? ` (${person.claimRoles.join(", ")})` : " (none)"}, which are changed
          there and refreshed at each sign-in. A role taken away here applies from the person&apos;s next
          request.
        </p>
        {roles.map((role) => (
          <Checkbox
            key={role}
            id={`role-${role}`}
            name="appRoles[]"
            value={role}
            checked={appRoles.includes(role)}
            onChange={(event) => setAppRoles(toggle(appRoles, role, event.target.checked))}
            label={
              <>
                {ROLE_LABELS[role].label}
                {person.claimRoles.includes(role) ? (
                  <span className="text-slate-600"> (also from the identity provider)</span>
                ) : null}
              </>
            }
            hint={ROLE_LABELS[role].hint}
          />
        ))}
        <FieldError id="app-roles" error={fieldError(state, "appRoles")} />
      </fieldset>

      <SelectField
        id="department"
        label="Department"
        hint="Where the person works; the default department of what they register."
        error={fieldError(state, "departmentId")}
        name="departmentId"
        value={departmentId}
        onChange={(event) => setDepartmentId(event.target.value)}
      >
        <option value="">No department</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.name}
          </option>
        ))}
      </SelectField>

      <fieldset className="space-y-3" aria-describedby="managed-hint">
        <legend className="text-base font-semibold">Manages</legend>
        <p id="managed-hint" className="text-sm text-slate-600">
          A manager sees the dashboards and automations of these departments. If the identity provider sends
          managed departments, they replace this list at the person&apos;s next sign-in.
        </p>
        {departments.length === 0 ? (
          <p className="text-sm text-slate-600">There are no departments yet.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {departments.map((department) => (
              <Checkbox
                key={department.id}
                id={`manages-${department.id}`}
                name="managedDepartmentIds[]"
                value={department.id}
                checked={managed.includes(department.id)}
                onChange={(event) => setManaged(toggle(managed, department.id, event.target.checked))}
                label={department.name}
              />
            ))}
          </div>
        )}
        <FieldError id="managed" error={fieldError(state, "managedDepartmentIds")} />
      </fieldset>

      <div className="space-y-3">
        <Button type="submit" pending={pending} pendingText="Saving…">
          Save roles and departments
        </Button>
        <ActionFeedback state={state} />
      </div>
    </form>
  );
}

export function PersonActiveForm({ person }: { person: { id: string; name: string; active: boolean } }) {
  const [state, action, pending] = useActionState(setPersonActive, IDLE);
  const [successor, setSuccessor] = useState<ChosenPerson | null>(null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={person.id} />
      <input type="hidden" name="active" value={person.active ? "false" : "true"} />
      {successor ? <input type="hidden" name="successorId" value={successor.id} /> : null}
      <p className="text-sm text-slate-700">
        {person.active
          ? "Deactivating ends their access at once: their next page load signs them out, and their API tokens are revoked for good. Their automations are flagged “owner left” for their managers to reassign, and credentials they knew go back to outstanding until rotated. Nothing they created is deleted."
          : `${person.name} is deactivated and cannot sign in. Reactivating gives back their roles; their old sessions and API tokens stay revoked, and automations given to others stay with them.`}
      </p>
      {person.active ? (
        <div className="max-w-md space-y-2">
          <PersonPicker
            id={`successor-${person.id}`}
            label="Give their automations to (optional)"
            hint="A successor takes over every automation they own, at once. Left empty, their managers reassign them."
            error={fieldError(state, "successorId")}
            exclude={[person.id, ...(successor ? [successor.id] : [])]}
            onChoose={setSuccessor}
          />
          <ChosenPeople
            label="Chosen successor"
            people={successor ? [successor] : []}
            onRemove={() => setSuccessor(null)}
          />
        </div>
      ) : null}
      <Button
        type="submit"
        variant={person.active ? "danger" : "primary"}
        pending={pending}
        pendingText="Saving…"
      >
        {person.active ? `Deactivate ${person.name}` : `Reactivate ${person.name}`}
      </Button>
      <ActionFeedback state={state} />
    </form>
  );
}
