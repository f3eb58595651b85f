import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZDepartmentDetail, ZPerson } from "@/lib/admin/contract";
import {
  ZCreateDepartmentBody,
  ZIdParams,
  ZPeopleQuery,
  ZUpdateDepartmentBody,
  ZUpdatePersonBody,
} from "@/lib/admin/schemas";
import { everyOf, json, pageOf, signedInRoutes } from "@/lib/openapi/common";

// How /api/v1/admin answers (lib/admin/server/people.ts, departments.ts), for the OpenAPI document.
// Its ids are validated as UUIDs (lib/admin/schemas.ts): a malformed one is a 400, not a 404.
// Those schemas are built with plain zod, possibly before the `.openapi` extension is
// installed, so they are used as they are, inline, never given a component name here.

export function registerAdminPaths(registry: OpenAPIRegistry): void {
  signedInRoutes(registry, "Administration", {
    "get /api/v1/admin/people": {
      summary: "List people (ADMIN)",
      description:
        "By name; `q` matches the name or e-mail, ignoring case; `status` ACTIVE or INACTIVE narrows.",
      query: ZPeopleQuery,
      200: json(pageOf(ZPerson, "PersonPage"), "A page of people."),
      errors: [400, 403],
    },
    "get /api/v1/admin/people/{id}": {
      summary: "A person, their roles and departments (ADMIN)",
      params: ZIdParams,
      200: json(ZPerson, "The person."),
      errors: [400, 403, 404],
    },
    "patch /api/v1/admin/people/{id}": {
      summary: "Change a person's app roles, department, managed departments or activity (ADMIN)",
      description:
        "appRoles and managedDepartmentIds replace the whole list; roles from the identity provider are kept. Deactivating makes the person a leaver: their sessions end and their API tokens are revoked for good, each automation they own (not retired) is flagged ownerMissing LEFT, their pending requests are cancelled, and their line manager and departments' managers are told; reactivating gives none of it back. Refused with 422: an unknown department, deactivating yourself, or a change that leaves no active ADMIN.",
      params: ZIdParams,
      body: ZUpdatePersonBody,
      200: json(ZPerson, "The changed person."),
      errors: [400, 403, 404, 422],
    },
    "get /api/v1/admin/departments": {
      summary: "Every department with its managers and member count (ADMIN)",
      200: json(
        everyOf(ZDepartmentDetail, "Always null: every department, by name, in one answer."),
        "Every department.",
      ),
      errors: [403],
    },
    "post /api/v1/admin/departments": {
      summary: "Create a department (ADMIN)",
      description: "Names are unique ignoring case: a taken one is answered 409.",
      body: ZCreateDepartmentBody,
      201: json(ZDepartmentDetail, "Created."),
      errors: [400, 403, 409, 422],
    },
    "patch /api/v1/admin/departments/{id}": {
      summary: "Rename a department or set its managers (ADMIN)",
      description:
        "managerIds is the complete list of managers. A name another department has (ignoring case) is 409; a manager id of nobody is 422.",
      params: ZIdParams,
      body: ZUpdateDepartmentBody,
      200: json(ZDepartmentDetail, "The changed department."),
      errors: [400, 403, 404, 409, 422],
    },
  });
}
