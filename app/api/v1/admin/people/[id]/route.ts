import { getPerson, updatePerson } from "@/lib/admin/people";
import { ZIdParams, ZUpdatePersonBody } from "@/lib/admin/schemas";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute({
  permission: "admin:people",
  params: ZIdParams,
  handler: ({ params }) => getPerson(params.id),
});

export const PATCH = apiRoute({
  permission: "admin:people",
  params: ZIdParams,
  body: ZUpdatePersonBody,
  handler: ({ caller, params, body }) => updatePerson({ caller, id: params.id, changes: body }),
});
