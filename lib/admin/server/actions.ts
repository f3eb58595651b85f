"use server";
import "server-only";

import {
  ZAddManagerForm,
  ZCreateDepartmentBody,
  ZPersonAccessForm,
  ZPersonActiveForm,
  ZRemoveManagerForm,
  ZRenameDepartmentForm,
} from "@/lib/admin/schemas";
import {
  addDepartmentManager,
  createDepartment,
  removeDepartmentManager,
  updateDepartment,
} from "@/lib/admin/server/departments";
import { updatePerson } from "@/lib/admin/server/people";
import { serverAction } from "@/lib/http/server/action";

// The admin pages' forms. Thin: checks live in serverAction, rules in the services.

export const savePersonAccess = serverAction({
  permission: "admin:people",
  input: ZPersonAccessForm,
  revalidate: ["/admin/people", "/admin/departments"],
  handler: async ({ caller, input: { id, ...changes } }) => {
    const person = await updatePerson({ caller, id, changes });
    return `Saved ${person.name}'s roles and departments.`;
  },
});

export const setPersonActive = serverAction({
  permission: "admin:people",
  input: ZPersonActiveForm,
  revalidate: ["/admin/people"],
  handler: async ({ caller, input }) => {
    const successorId = !input.active && input.successorId ? input.successorId : undefined;
    const person = await updatePerson({
      caller,
      id: input.id,
      changes: { active: input.active, ...(successorId ? { successorId } : {}) },
    });
    return person.active
      ? `${person.name} is active again: they sign in anew and create new API tokens; the old ones stay revoked.`
      : `${person.name} is deactivated: their sessions ended and their API tokens are revoked for good.${
          successorId ? " Their automations now belong to the successor you chose." : ""
        }`;
  },
});

export const createDepartmentAction = serverAction({
  permission: "admin:departments",
  input: ZCreateDepartmentBody,
  revalidate: ["/admin/departments"],
  handler: async ({ caller, input }) => {
    const department = await createDepartment({ caller, name: input.name });
    return `Created ${department.name}.`;
  },
});

export const renameDepartmentAction = serverAction({
  permission: "admin:departments",
  input: ZRenameDepartmentForm,
  revalidate: ["/admin/departments"],
  handler: async ({ caller, input }) => {
    const department = await updateDepartment({ caller, id: input.id, changes: { name: input.name } });
    return `Renamed to ${department.name}.`;
  },
});

export const addManagerAction = serverAction({
  permission: "admin:departments",
  input: ZAddManagerForm,
  revalidate: ["/admin/departments", "/admin/people"],
  handler: async ({ caller, input }) => {
    const department = await addDepartmentManager({
      caller,
      departmentId: input.departmentId,
      email: input.email,
    });
    return `${input.email} now manages ${department.name}.`;
  },
});

export const removeManagerAction = serverAction({
  permission: "admin:departments",
  input: ZRemoveManagerForm,
  revalidate: ["/admin/departments", "/admin/people"],
  handler: async ({ caller, input }) => {
    const department = await removeDepartmentManager({ caller, ...input });
    return `Removed a manager from ${department.name}.`;
  },
});
