"use client";

import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { NameField } from "@/components/ui/name-field";
import { ActionFeedback, fieldError } from "@/lib/admin/components/action-feedback";
import { ADMIN_LIMITS } from "@/lib/admin/schemas";
import {
  addManagerAction,
  createDepartmentAction,
  removeManagerAction,
  renameDepartmentAction,
} from "@/lib/admin/server/actions";
import { IDLE } from "@/lib/http/action-state";

export function CreateDepartmentForm() {
  const [state, action, pending] = useActionState(createDepartmentAction, IDLE);
  const [name, setName] = useState("");
  useEffect(() => {
    if (state.status === "success") setName("");
  }, [state]);
  return (
    <form action={action} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <NameField
          id="new-department"
          value={name}
          max={ADMIN_LIMITS.departmentName}
          onChange={setName}
          error={fieldError(state, "name")}
          className="min-w-64 flex-1"
        />
        <Button type="submit" pending={pending} pendingText="Creating…">
          Create department
        </Button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}

export function RenameDepartmentForm({ department }: { department: { id: string; name: string } }) {
  const [state, action, pending] = useActionState(renameDepartmentAction, IDLE);
  const [name, setName] = useState(department.name);
  const id = `rename-${department.id}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={department.id} />
      <div className="flex flex-wrap items-end gap-2">
        <NameField
          id={id}
          label={`Name of ${department.name}`}
          value={name}
          max={ADMIN_LIMITS.departmentName}
          onChange={setName}
          error={fieldError(state, "name")}
          className="min-w-56 flex-1"
        />
        <Button type="submit" variant="secondary" pending={pending} pendingText="Renaming…">
          Rename
        </Button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}

export function AddManagerForm({ department }: { department: { id: string; name: string } }) {
  const [state, action, pending] = useActionState(addManagerAction, IDLE);
  const [email, setEmail] = useState("");
  useEffect(() => {
    if (state.status === "success") setEmail("");
  }, [state]);
  const id = `add-manager-${department.id}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="departmentId" value={department.id} />
      <div className="flex flex-wrap items-end gap-2">
        <Field
          id={id}
          label={`Add a manager to ${department.name}`}
          hint="Their e-mail address. They also need the Manager role to see dashboards."
          error={fieldError(state, "email")}
          className="min-w-56 flex-1"
        >
          {(control) => (
            <TextInput
              {...control}
              type="email"
              name="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" pending={pending} pendingText="Adding…">
          Add manager
        </Button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}

export function RemoveManagerButton({
  department,
  manager,
}: {
  department: { id: string; name: string };
  manager: { id: string; name: string };
}) {
  const [state, action, pending] = useActionState(removeManagerAction, IDLE);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="departmentId" value={department.id} />
      <input type="hidden" name="userId" value={manager.id} />
      <Button type="submit" variant="ghost" size="sm" pending={pending} pendingText="Removing…">
        Remove
        <span className="sr-only">
          {" "}
          {manager.name} as manager of {department.name}
        </span>
      </Button>
      {state.status === "error" ? <ActionFeedback state={state} className="mt-1" /> : null}
    </form>
  );
}
